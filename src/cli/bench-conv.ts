// Benchmark of one plain-CNN training step on tfjs-wasm in Node, on the two reference configs of
// the facts note (PyTorch CPU: 24 / 60 ms), plus the default preset's student and teacher.
// Run: node scripts/run-node.mjs src/cli/bench-conv.ts [--profile]
import * as tf from '@tensorflow/tfjs';
import { startNodeBackend } from '../node/backend';
import { Rng } from '../core/random';
import { conv2d, resolveConvImpl } from '../core/nn/conv';
import { maxPool2x2 } from '../core/nn/pool';
import { fastConvBiasRelu, fastMatMul } from '../core/nn/fast-ops';
import type { ConvImpl } from '../core/nn/network';
import { denseLinear, softmaxCrossEntropy } from '../core/nn/layers';
import { createVariables } from '../core/nn/init';
import { PRESETS, DEFAULT_PRESET_ID } from '../core/nn/presets';

interface RefConfig {
  batch: number;
  hw: number;
  cin: number;
  widths: [number, number];
}
const CONFIG_A: RefConfig = { batch: 32, hw: 28, cin: 1, widths: [8, 16] };
const CONFIG_B: RefConfig = { batch: 64, hw: 32, cin: 3, widths: [16, 32] };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median wall time (ms) of `fn`, after warm-up; `fn` must leave no tensors behind. */
export async function timeMedian(fn: () => void | Promise<void>, runs = 20, warm = 3): Promise<number> {
  for (let i = 0; i < warm; i++) await fn();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

function oneHotLabels(batch: number, k: number): tf.Tensor2D {
  return tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from({ length: batch }, (_, i) => i % k), 'int32'), k).toFloat() as tf.Tensor2D);
}

function seeded(shape: number[], std: number, rng: Rng): tf.Tensor {
  return tf.tensor(rng.truncatedNormal(shape.reduce((a, b) => a * b, 1), std), shape);
}

/** A reference step: conv-relu, conv-relu, 2x2 max pool, dense, softmax CE, grads, SGD. */
function makeRefStep(cfg: RefConfig, impl: ConvImpl) {
  const rng = Rng.fromSeed(1);
  const [c1, c2] = cfg.widths;
  const pooled = (cfg.hw / 2) * (cfg.hw / 2) * c2;
  // Inside tidy so the initial tensors are freed; variables survive a tidy.
  const vars: Record<string, tf.Variable> = tf.tidy(() => ({
    w1: tf.variable(seeded([3, 3, cfg.cin, c1], Math.sqrt(2 / (9 * cfg.cin)), rng)),
    b1: tf.variable(tf.zeros([c1])),
    w2: tf.variable(seeded([3, 3, c1, c2], Math.sqrt(2 / (9 * c1)), rng)),
    b2: tf.variable(tf.zeros([c2])),
    w3: tf.variable(seeded([pooled, 10], Math.sqrt(1 / pooled), rng)),
    b3: tf.variable(tf.zeros([10])),
  }));
  const x = seeded([cfg.batch, cfg.hw, cfg.hw, cfg.cin], 1, rng) as tf.Tensor4D;
  const labels = oneHotLabels(cfg.batch, 10);
  const names = Object.keys(vars);
  const lr = 0.01;
  const step = () =>
    tf.tidy(() => {
      const loss = (...ps: tf.Tensor[]) => {
        const [w1, b1, w2, b2, w3, b3] = ps;
        const fast = resolveConvImpl(impl) === 'fast';
        const convRelu = (a: tf.Tensor4D, w: tf.Tensor, b: tf.Tensor) =>
          fast ? fastConvBiasRelu(a, w as tf.Tensor4D, b as tf.Tensor1D) : (tf.relu(tf.add(conv2d(a, w as tf.Tensor4D, impl), b)) as tf.Tensor4D);
        let h = convRelu(x, w1, b1);
        h = convRelu(h, w2, b2);
        h = maxPool2x2(h, impl);
        const flat = tf.reshape(h, [cfg.batch, pooled]) as tf.Tensor2D;
        const z = fast ? tf.add(fastMatMul(flat, w3 as tf.Tensor2D), b3) as tf.Tensor2D : denseLinear(flat, w3 as tf.Tensor2D, b3 as tf.Tensor1D);
        return tf.mean(softmaxCrossEntropy(z, labels));
      };
      const { value, grads } = tf.valueAndGrads(loss)(names.map((n) => vars[n]));
      names.forEach((n, i) => vars[n].assign(tf.sub(vars[n], tf.mul(grads[i], lr))));
      return value;
    });
  return {
    run: async () => {
      const v = step();
      await v.data();
      v.dispose();
    },
    dispose: () => {
      tf.dispose(Object.values(vars));
      tf.dispose([x, labels]);
    },
  };
}

/** Median ms of one full training step on configs A and B with the `fast` conv. */
export async function benchReferenceSteps(impl: ConvImpl = 'fast', runs = 20): Promise<{ configA: number; configB: number }> {
  const out: number[] = [];
  for (const cfg of [CONFIG_A, CONFIG_B]) {
    const s = makeRefStep(cfg, impl);
    out.push(await timeMedian(s.run, runs));
    s.dispose();
  }
  return { configA: out[0], configB: out[1] };
}

/** Default preset: student forward+backward (all params) and teacher forward, batch B. */
export async function benchPreset(id = DEFAULT_PRESET_ID, batch = 32, runs = 20): Promise<{ studentFwdBwd: number; studentFwd: number; teacherFwd: number }> {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`unknown preset ${id}`);
  const student = preset.student();
  const teacher = preset.teacher();
  const rng = Rng.fromSeed(7);
  const sv = createVariables(student.spec, rng);
  const tv = createVariables(teacher.spec, rng);
  const [h, w, c] = student.spec.inputShape;
  const x = seeded([batch, h, w, c], 1, rng) as tf.Tensor4D;
  const labels = oneHotLabels(batch, student.spec.numClasses);
  const names = Object.keys(sv.params);
  const fwdBwd = async () => {
    const gs = tf.tidy(() => {
      const { grads } = tf.variableGrads(() => {
        const out = student.forward(sv.params, sv.state, x, 'train');
        return tf.mean(softmaxCrossEntropy(out.logits, labels)) as tf.Scalar;
      }, names.map((n) => sv.params[n]));
      return Object.values(grads);
    });
    await Promise.all(gs.map((g) => g.data()));
    tf.dispose(gs);
  };
  const fwd = async (net: typeof student, v: typeof sv) => {
    const z = tf.tidy(() => net.forward(v.params, v.state, x, 'eval').logits);
    await z.data();
    z.dispose();
  };
  const studentFwdBwd = await timeMedian(fwdBwd, runs);
  const studentFwd = await timeMedian(() => fwd(student, sv), runs);
  const teacherFwd = await timeMedian(() => fwd(teacher, tv), runs);
  tf.dispose([x, labels, ...Object.values(sv.params), ...Object.values(sv.state), ...Object.values(tv.params), ...Object.values(tv.state)]);
  return { studentFwdBwd, studentFwd, teacherFwd };
}

/** Per-kernel time of one reference step, summed by kernel name, largest first. */
async function profileRef(cfg: RefConfig, impl: ConvImpl): Promise<string> {
  const s = makeRefStep(cfg, impl);
  await s.run();
  const info = await tf.profile(() => {
    void s.run();
  });
  const by = new Map<string, { ms: number; n: number }>();
  for (const k of info.kernels) {
    const e = by.get(k.name) ?? { ms: 0, n: 0 };
    e.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    e.n++;
    by.set(k.name, e);
  }
  s.dispose();
  const top = [...info.kernels]
    .sort((a, b) => (b.kernelTimeMs as number) - (a.kernelTimeMs as number))
    .slice(0, 12)
    .map((k) => `    ${k.name} ${(k.kernelTimeMs as number).toFixed(1)} ms  in ${JSON.stringify(k.inputShapes)}`)
    .join('\n');
  return top + '\n' + [...by.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .map(([n, e]) => `  ${n.padEnd(24)} ${e.ms.toFixed(1).padStart(7)} ms  x${e.n}`)
    .join('\n');
}

async function main() {
  const be = await startNodeBackend('wasm');
  console.log(`backend: ${be.name} (${be.reason})`);
  const fast = await benchReferenceSteps('fast');
  console.log(`fast conv   A (B=32 28x28x1 conv8/16): ${fast.configA.toFixed(1)} ms   B (B=64 32x32x3 conv16/32): ${fast.configB.toFixed(1)} ms   [targets 96 / 240; PyTorch 24 / 60]`);
  if (process.argv.includes('--profile')) {
    console.log('profile A (fast):\n' + (await profileRef(CONFIG_A, 'fast')));
    console.log('profile B (fast):\n' + (await profileRef(CONFIG_B, 'fast')));
  }
  if (!process.argv.includes('--no-im2col')) {
    const im = await benchReferenceSteps('im2col', 5);
    console.log(`im2col conv A: ${im.configA.toFixed(1)} ms   B: ${im.configB.toFixed(1)} ms`);
  }
  for (const p of PRESETS) {
    const t = p.teacher().spec;
    const st = p.student().spec;
    console.log(`preset ${p.id}: teacher ${t.id} ${t.paramCount} params, ${t.macsPerInstance} MACs/image; student ${st.id} ${st.paramCount} params, ${st.macsPerInstance} MACs/image`);
    const r = await benchPreset(p.id, 32);
    const hkd = 3 * r.studentFwdBwd + 2 * r.studentFwd + r.teacherFwd;
    console.log(`preset ${p.id}${p.id === DEFAULT_PRESET_ID ? ' (default)' : ''} B=32: student fwd+bwd ${r.studentFwdBwd.toFixed(1)} ms, student fwd ${r.studentFwd.toFixed(1)} ms, teacher fwd ${r.teacherFwd.toFixed(1)} ms; HKD step estimate ${hkd.toFixed(0)} ms (${(1000 / hkd).toFixed(1)}/s)`);
  }
  console.log(`tensors left: ${tf.memory().numTensors}`);
}

// Only run when executed as this script (run-node.mjs bundles it to .cache/node/bench-conv.cjs),
// not when another entry imports it.
if (typeof process !== 'undefined' && /bench-conv\.(c?js|ts)$/.test(process.argv[1] ?? '')) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
