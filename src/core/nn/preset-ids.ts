// The presets' ids and labels alone, without building networks: presets.ts imports tfjs, and code
// that only names or validates a preset (the settings schema, the page) must not pull tfjs in.
// presets.ts builds PRESETS from this list, so the two cannot differ.
export const PRESET_INFO = [
  { id: 'cnn', label: 'Plain CNN → smaller plain CNN' },
  { id: 'resnet', label: 'ResNet → smaller ResNet' },
] as const;

export type PresetId = (typeof PRESET_INFO)[number]['id'];
export const PRESET_IDS: readonly PresetId[] = PRESET_INFO.map((p) => p.id);
