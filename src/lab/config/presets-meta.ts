// Preset ids and labels for the page. The core's PRESETS build networks (and so import tfjs);
// the page must not pull 1.5 MB of tfjs in just for two labels. A unit test keeps this list in
// step with src/core/nn/presets.ts.
export interface PresetMeta {
  id: string;
  label: string;
}

export const PRESET_META: PresetMeta[] = [
  { id: 'cnn', label: 'Plain CNN → smaller plain CNN' },
  { id: 'resnet', label: 'ResNet → smaller ResNet' },
];
