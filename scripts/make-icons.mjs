// Renders public/icons/icon.svg to the PNG sizes the web manifest lists, with the same Chromium
// the e2e tests drive (no download). Run after editing the SVG: node scripts/make-icons.mjs
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { findBrowser } from './find-browser.mjs';

const svg = readFileSync('public/icons/icon.svg', 'utf8');
const SIZES = [192, 512];
const browser = await chromium.launch({ executablePath: findBrowser(), args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
    await page.screenshot({ path: `public/icons/icon-${size}.png`, omitBackground: true });
    await page.close();
  }
  // Maskable: the same mark on a full-bleed background, inside the 80 % safe zone.
  const size = 512;
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<style>html,body{margin:0;background:#0057a3;display:grid;place-items:center;height:100%}svg{width:${size * 0.8}px;height:${size * 0.8}px}</style>${svg}`);
  await page.screenshot({ path: 'public/icons/icon-maskable-512.png' });
  console.log(`wrote ${SIZES.map((s) => `icon-${s}.png`).join(', ')} and icon-maskable-512.png in public/icons/`);
} finally {
  await browser.close();
}
