// Cold settings define a run: changing one starts new runs (the lab asks first).
import { choiceSetting, datasetSetting, flagSetting, listSetting, numberSetting } from './define';
import { ENSEMBLES, LR_SCHEDULES, META_INPUTS, METHODS, PRESET_IDS, WEIGHT_NORMS } from './ids';

const LR_SCHEDULE_HELP =
  "cosine decays the learning rate to about 0 over the run's total steps; step multiplies it by 0.1 at 62.5 %, 75 % and 87.5 % of them (RepDistiller's 150/180/210 of 240 epochs); constant keeps it. A live edit of the learning rate sets the schedule's base value.";

export const COLD = {
  preset: choiceSetting<string>(PRESET_IDS, {
    label: 'teacher → student pair', short: 'preset', default: 'cnn',
    help: "The teacher and student networks: scaled-down versions of the paper's CIFAR-100 pairs.",
  }),
  dataset: datasetSetting({
    label: 'dataset', short: 'data', default: 'fashion-mnist',
    help: 'fashion-mnist (built in) or the id of a dataset imported into this browser.',
  }),
  method: choiceSetting(METHODS, {
    label: 'method', short: 'method', default: 'hkd',
    help: 'ce: labels only; kd; fitnet; multi: fixed weights for every hint; hkd-noens: HKD without weight ensembling; hkd. Choosing one sets γ and β to its defaults.',
  }),
  seed: numberSetting({
    min: 0, max: 2 ** 31 - 1, integer: true, label: 'seed', short: 'seed', default: 1,
    help: 'One seed drives initialisation, shuffling, augmentation and meta batches: the same seed gives the same run.',
  }),
  batchSize: numberSetting({ min: 2, max: 512, integer: true, label: 'batch size', short: 'B', default: 32, help: 'Training images per step.' }),
  metaBatchSize: numberSetting({
    min: 2, max: 512, integer: true, label: 'meta batch size', short: 'M', default: 32,
    help: 'Images in each meta batch, on which a meta step judges the look-ahead student.',
  }),
  ensemble: choiceSetting(ENSEMBLES, {
    label: 'weight ensembling', short: 'ensemble', default: 'instance',
    help: "instance: each image's weights are averaged over its past visits (momentum μ); param: the meta-network's parameters are averaged instead.",
  }),
  metaInputs: listSetting(META_INPUTS, { item: 'meta input', mustInclude: ['losses'], empty: false, minItems: 1 }, {
    label: 'meta-network inputs', short: 'inputs', default: ['losses', 'progress'],
    help: "What the meta-weight network sees per image: losses (always), progress (t / total steps), teacherConf (the teacher's confidence in the label), studentCorrect.",
  }),
  // Off by default, measured on the validation split (README "Results"): at the 2,000-step budget,
  // shifts cost CE 5 validation points (81.2 vs 86.1 %, 3 seeds) and doubled the spread over seeds.
  augment: flagSetting({ label: 'augmentation', short: 'augment', default: false, legacy: true, help: 'Random shifts (and flips where they make sense) of the training images. Off by default: at the default budget they slow learning more than they help (README, Results).' }),
  evalEvery: numberSetting({
    min: 0, max: 100_000, integer: true, label: 'evaluation interval', short: 'eval', default: 100,
    help: 'Evaluate on the test split every this many steps (0: only when asked).',
  }),
  evalSize: numberSetting({ min: 0, max: 100_000, integer: true, label: 'evaluation size', short: 'evalSize', default: 0, help: 'Test images per evaluation (0: the whole split).' }),
  probeEvery: numberSetting({ min: 1, max: 100_000, integer: true, label: 'probe interval', short: 'probeEvery', default: 10, help: "Report the probe images' weights every this many steps." }),
  probeCount: numberSetting({ min: 1, max: 256, integer: true, label: 'probe count', short: 'probes', default: 64, help: 'Training images whose weights the views follow.' }),
  totalSteps: numberSetting({
    min: 1, max: 10_000_000, integer: true, label: 'total steps', short: 'steps', default: 2000,
    help: "The run's length: the learning-rate schedule and the progress input t / total steps use it.",
  }),
  momentum: numberSetting({ min: 0, max: 0.999, label: 'momentum', short: 'momentum', default: 0.9, help: "The student's SGD momentum." }),
  weightDecay: numberSetting({ min: 0, max: 0.1, label: 'weight decay', short: 'wd', default: 5e-4, help: "The student's L2 weight decay." }),
  lrSchedule: choiceSetting(LR_SCHEDULES, { label: 'learning-rate schedule', short: 'schedule', default: 'cosine', legacy: 'constant', help: LR_SCHEDULE_HELP }),
  weightNorm: choiceSetting(WEIGHT_NORMS, {
    label: 'meta-weight normalisation', short: 'norm', default: 'joint', legacy: 'none',
    help: "joint keeps the batch's total hint weight fixed (weight moves between instances and hints); per-hint keeps each hint's batch mean at 1 (weight moves between instances only); none is the raw output (an ablation: it drifts to the 2.0 ceiling).",
  }),
  valSize: numberSetting({
    min: 0, max: 50_000, integer: true, label: 'validation images', short: 'val', default: 1000, legacy: 0,
    help: 'Training images held out (seeded per class, the same for every seed) to choose settings on; 0 for none.',
  }),
  bnStatsSize: numberSetting({
    min: 0, max: 5000, integer: true, label: 'images for batch-norm statistics', short: 'bnStats', default: 500, legacy: 0,
    help: 'Before each evaluation, batch-norm statistics are recomputed on this many un-augmented training images (0: use the running averages).',
  }),
};
