/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

// Offline and installable: Workbox (at build time, from npm) precaches the app shell, the
// workers, the wasm binaries, the embedded dataset and the teachers, so after one visit the
// lab loads and trains without a network. main.tsx registers the worker.
const pwa = VitePWA({
  injectRegister: false,
  registerType: 'autoUpdate',
  manifest: {
    name: 'HKD Lab: Hint-dynamic Knowledge Distillation',
    short_name: 'HKD Lab',
    description: 'Train a student network live in your browser with Hint-dynamic Knowledge Distillation and watch the meta-weights.',
    start_url: '.',
    display: 'standalone',
    background_color: '#fafafa',
    theme_color: '#0057a3',
    icons: [
      { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    // The manifest and its icons are added by the plugin itself.
    globPatterns: ['**/*.{html,js,css,wasm}', 'data/fashion-mnist/*', 'teachers/*'],
    // The dataset (4.4 MB) and the tfjs bundles are larger than Workbox's 2 MiB default.
    maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
    navigateFallback: 'index.html',
    cleanupOutdatedCaches: true,
    clientsClaim: true,
    skipWaiting: true,
  },
});

export default defineConfig({
  plugins: [react(), pwa],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // tfjs's default Node entry is slow ES5; inlining makes vite load its ESM sources.
    server: { deps: { inline: [/@tensorflow\//] } },
    pool: 'forks',
  },
});
