// Teacher → student pairs sized for a browser. The default (`cnn`) is sized so that an HKD step
// at batch 32 runs at ≥ 5 steps/s on wasm on a 2-core machine (see src/cli/bench-conv.ts).
import type { Network } from './network';
import { plainCnn, type CnnConfig } from './cnn';
import { resNet, type ResNetConfig } from './resnet';
import { describeSize, type NetworkOptions } from './spec-builder';
import { PRESET_INFO, type PresetId } from './preset-ids';

export interface HintPair {
  teacher: string;
  student: string;
}

export interface Preset {
  id: string;
  label: string;
  description: string;
  teacher(opts?: NetworkOptions): Network;
  student(opts?: NetworkOptions): Network;
  /**
   * Teacher/student hint layers with equal spatial size, shallow to deep. Attention transfer uses
   * all of them; FitNet uses `fitnetPair` (channels differ: the regressor maps student → teacher).
   */
  hintPairs: HintPair[];
  fitnetPair: HintPair;
  /** Plain-language size and cost of each network at the default input (28x28x1, 10 classes). */
  teacherSize: string;
  studentSize: string;
}

export const CNN_TEACHER: CnnConfig = { id: 'cnn-t', label: 'CNN teacher', stages: [[16, 16], [32, 32], [64, 64]] };
export const CNN_STUDENT: CnnConfig = { id: 'cnn-s', label: 'CNN student', stages: [[8], [16], [32]] };
export const RESNET_TEACHER: ResNetConfig = { id: 'resnet-t', label: 'ResNet teacher', stem: 16, stages: [{ width: 32, blocks: 2 }, { width: 64, blocks: 2 }] };
export const RESNET_STUDENT: ResNetConfig = { id: 'resnet-s', label: 'ResNet student', stem: 8, stages: [{ width: 16, blocks: 1 }, { width: 32, blocks: 1 }] };

type PresetBuild = Omit<Preset, 'id' | 'label' | 'teacherSize' | 'studentSize'>;

// Keyed by PresetId: the compiler asks for a network pair for every id in preset-ids.ts, and ids
// and labels come from that one list.
const BUILDS: Record<PresetId, PresetBuild> = {
  cnn: {
    description: 'A 6-conv CNN teacher (16/32/64 channels) teaches a 3-conv CNN student (8/16/32 channels). Fast enough for HKD in the browser.',
    teacher: (o) => plainCnn(CNN_TEACHER, o),
    student: (o) => plainCnn(CNN_STUDENT, o),
    hintPairs: [
      { teacher: 's2', student: 's2' },
      { teacher: 's3', student: 's3' },
    ],
    fitnetPair: { teacher: 's3', student: 's3' },
  },
  resnet: {
    description: 'A ResNet teacher (2 basic blocks per stage, 32/64 channels) teaches a ResNet student (1 block per stage, 16/32 channels).',
    teacher: (o) => resNet(RESNET_TEACHER, o),
    student: (o) => resNet(RESNET_STUDENT, o),
    hintPairs: [
      { teacher: 's1', student: 's1' },
      { teacher: 's2', student: 's2' },
    ],
    fitnetPair: { teacher: 's2', student: 's2' },
  },
};

export const PRESETS: Preset[] = PRESET_INFO.map(({ id, label }) => {
  const b = BUILDS[id];
  return { id, label, ...b, teacherSize: describeSize(b.teacher().spec), studentSize: describeSize(b.student().spec) };
});

export const DEFAULT_PRESET_ID = 'cnn';

export function getPreset(id: string): Preset {
  const p = PRESETS.find((q) => q.id === id);
  if (!p) throw new Error(`unknown preset "${id}" (have: ${PRESETS.map((q) => q.id).join(', ')})`);
  return p;
}
