// The preset ids alone, without building networks: presets.ts imports tfjs, and code that only
// validates an id (share links in the page) must not pull tfjs into the page's bundle.
// presets.test.ts keeps this list in step with PRESETS.
export const PRESET_IDS: readonly string[] = ['cnn', 'resnet'];
