// Test hooks (worker killers, a memory budget, a slow start, a lost device, the student's logits)
// exist only in test builds: the e2e build (`vite build --mode e2e`, scripts/e2e.mjs), the dev
// server and vitest. The production bundle (`npm start`) has none, so nothing in a page or a link
// can kill its worker or fake a failure. Vite replaces the mode at build time, so the hooks'
// code is dropped from the production bundle, not just switched off (src/lab/test-build.test.ts).
export const TEST_BUILD: boolean = import.meta.env.MODE !== 'production';
