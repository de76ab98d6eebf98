// `npm run bench`: step times of CE, KD and HKD (meta interval 1 and 5) on one preset and one
// backend in one run, their ratios, tensor growth over 100 steps, and the two reference
// convolution-network steps that compare our convolution with PyTorch on the CPU.
import * as tf from '@tensorflow/tfjs';
import { parseArgs } from 'node:util';
import { startNodeBackend } from '../node/backend';
import { loadEmbeddedDatasetFromDisk } from '../node/embedded';
import { loadTeacherFromDisk } from '../node/teachers';
import { defaultConfig, type MethodId } from '../core/train/config';
import { Trainer, type Teacher } from '../core/train/trainer';
import type { Dataset } from '../core/data/dataset';
import { benchReferenceSteps } from './bench-conv';

const { values } = parseArgs({
  options: { preset: { type: 'string', default: 'cnn' }, steps: { type: 'string', default: '40' }, backend: { type: 'string', default: 'wasm' } },
});
const preset = values.preset!;
const timedSteps = Number(values.steps);

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function timeMethod(dataset: Dataset, teacher: Teacher, method: MethodId, metaInterval: number) {
  const trainer = await Trainer.create({
    config: defaultConfig({ cold: { preset, method, evalEvery: 0 }, hot: { metaInterval } }),
    dataset,
    teacher,
  });
  for (let i = 0; i < 10; i++) await trainer.step(); // warm-up: kernels, caches
  // Median over windows of 5 steps: one window holds one full meta cycle at interval 5.
  const windows: number[] = [];
  for (let w = 0; w < timedSteps / 5; w++) {
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) await trainer.step();
    windows.push((performance.now() - t0) / 5);
  }
  const before = tf.memory().numTensors;
  for (let i = 0; i < 100; i++) await trainer.step();
  const growth = tf.memory().numTensors - before;
  trainer.dispose();
  return { ms: median(windows), growth };
}

async function main() {
  const backend = await startNodeBackend(values.backend === 'cpu' ? 'cpu' : 'wasm');
  const dataset = await loadEmbeddedDatasetFromDisk();
  const { teacher } = await loadTeacherFromDisk(preset);
  console.log(`backend ${backend.name} (${backend.reason}); preset ${preset}; batch 32; ${timedSteps} timed steps each`);

  const rows: [string, MethodId, number][] = [
    ['CE', 'ce', 1],
    ['KD', 'kd', 1],
    ['HKD m=1', 'hkd', 1],
    ['HKD m=5', 'hkd', 5],
  ];
  const results: Record<string, { ms: number; growth: number }> = {};
  for (const [label, method, m] of rows) {
    results[label] = await timeMethod(dataset, teacher, method, m);
    console.log(`${label.padEnd(9)} ${results[label].ms.toFixed(1).padStart(7)} ms/step  ${(1000 / results[label].ms).toFixed(1).padStart(5)} steps/s  numTensors growth over 100 steps: ${results[label].growth}`);
  }
  const kd = results['KD'].ms;
  console.log(`ratio HKD/KD at m=1: ${(results['HKD m=1'].ms / kd).toFixed(2)} (target ≤ 2.2)`);
  console.log(`ratio HKD/KD at m=5: ${(results['HKD m=5'].ms / kd).toFixed(2)} (target ≤ 1.3)`);
  console.log(`default HKD steps/s: ${(1000 / results['HKD m=1'].ms).toFixed(1)} (target ≥ 5)`);

  const ref = await benchReferenceSteps();
  console.log(`reference step A (B=32, 28×28×1, conv 8→16, pool, dense 10): ${ref.configA.toFixed(1)} ms (PyTorch CPU 24 ms; target ≤ 96 ms; ratio ${(ref.configA / 24).toFixed(2)}× PyTorch)`);
  console.log(`reference step B (B=64, 32×32×3, conv 16→32, pool, dense 10): ${ref.configB.toFixed(1)} ms (PyTorch CPU 60 ms; target ≤ 240 ms; ratio ${(ref.configB / 60).toFixed(2)}× PyTorch)`);
}

main().catch((e) => {
  console.error(`error: ${(e as Error).message}`);
  process.exit(1);
});
