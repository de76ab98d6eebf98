// What a trainer is made of, built from its configuration: the splits, the student and its
// optimiser, the FitNet regressor, the weight source, the batcher and the fixed image sets. Each
// part draws from its own seeded stream, so for one seed every method starts from the same student
// and sees the same batches (the meta batches have a stream of their own).
import { Batcher } from '../data/batcher';
import type { Dataset, Split } from '../data/dataset';
import { chooseProbes } from '../data/probes';
import { splitValidation } from '../data/validation';
import { FixedWeights, MetaWeights, type HintWeights } from '../methods/weights';
import { methodSpec, type MethodSpec } from '../methods/methods';
import { createVariables } from '../nn/init';
import type { Network } from '../nn/network';
import { getPreset, type Preset } from '../nn/presets';
import { fitnetRegressorSpec, type RegressorSpec } from '../nn/regressor';
import { MomentumSgd } from '../optim/sgd';
import { Rng } from '../random';
import { bnStatsIndices } from './bn-stats';
import type { HintId, TrainConfig } from './config';
import type * as tf from '@tensorflow/tfjs';

export type VarMap = Record<string, tf.Variable>;

export interface TrainerParts {
  method: MethodSpec;
  preset: Preset;
  hints: HintId[];
  /** Training (after the validation split is held out), validation and test splits. */
  splits: { train: Split; val: Split; test: Split };
  student: Network;
  params: VarMap;
  state: VarMap;
  regSpec: RegressorSpec | null;
  regParams: VarMap;
  regState: VarMap;
  sgd: MomentumSgd;
  /** Where the per-instance weights come from (fixed, or the meta-weight network). */
  weights: HintWeights;
  batcher: Batcher;
  probeIndices: Int32Array;
  /** The images whose batch-norm statistics evaluations use (HKD.md §7). */
  bnIndices: Int32Array;
}

export function buildParts(config: TrainConfig, dataset: Dataset, teacherNet: Network): TrainerParts {
  const { cold } = config;
  const method = methodSpec(cold.method);
  const preset = getPreset(cold.preset);
  const hints = method.hints;
  const { train, val } = splitValidation(dataset, cold.valSize);
  const classes = dataset.classNames.length;
  const student = preset.student({ inputShape: [dataset.height, dataset.width, dataset.channels], numClasses: classes });
  const { params, state } = createVariables(student.spec, Rng.stream(cold.seed, 'init'));
  let regSpec: RegressorSpec | null = null;
  let reg = { params: {} as VarMap, state: {} as VarMap };
  if (hints.includes('fitnet')) {
    const pair = preset.fitnetPair;
    const s = student.spec.hintLayers.find((l) => l.name === pair.student);
    const t = teacherNet.spec.hintLayers.find((l) => l.name === pair.teacher);
    if (!s || !t) throw new Error(`preset ${preset.id}: FitNet layers ${pair.student}/${pair.teacher} not found`);
    regSpec = fitnetRegressorSpec(s.shape[2], t.shape[2]);
    reg = createVariables(regSpec, Rng.stream(cold.seed, 'init-reg'));
  }
  const weights =
    method.weighting === 'meta'
      ? new MetaWeights(hints.length, cold.metaInputs, method.ensemble ? cold.ensemble : null, train.count, Rng.stream(cold.seed, 'meta-init'), cold.weightNorm)
      : new FixedWeights(hints.length);
  return {
    method, preset, hints, splits: { train, val, test: dataset.test }, student, params, state, regSpec, regParams: reg.params, regState: reg.state,
    sgd: new MomentumSgd({ ...params, ...reg.params }),
    weights,
    batcher: new Batcher(train, dataset, Rng.stream(cold.seed, 'data'), { crop: cold.augment, flip: cold.augment, sampleRng: Rng.stream(cold.seed, 'meta-batch') }),
    probeIndices: chooseProbes(train.labels, classes, cold.probeCount, Rng.stream(cold.seed, 'probes')),
    bnIndices: bnStatsIndices(train, classes, cold.bnStatsSize),
  };
}
