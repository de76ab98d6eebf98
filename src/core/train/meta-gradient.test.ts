// The meta-gradient the Trainer actually applies, checked on its own problem: embedded images, the
// shipped teacher, the fast ops the backend picks, batch norm, the FitNet regressor, α from the
// schedule, the method's own γ and β, and normalised weights. Against (a) nested tf.grads through
// the virtual step on the im2col path and (b) a central difference of the bilevel objective.
// Random inputs on small smooth networks cannot show what real images do (max-pool ties).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../../node/backend';
import { loadEmbeddedDatasetFromDisk } from '../../node/embedded';
import { loadTeacherFromDisk } from '../../node/teachers';
import { headOf, type Dataset } from '../data/dataset';
import { bilevelObjective, exactMetaGradient } from '../meta/look-ahead';
import { MetaWeights } from '../methods/weights';
import type { TensorMap } from '../nn/network';
import { defaultConfig } from './config';
import { Trainer } from './trainer';

const TOL = 1e-2;
let data: Dataset;

beforeAll(async () => {
  await startNodeBackend('wasm');
  data = headOf(await loadEmbeddedDatasetFromDisk(), 2000, 200);
});

const sumSq = (m: TensorMap) => tf.tidy(() => Object.values(m).reduce((s, g) => s + tf.sum(tf.square(g)).dataSync()[0], 0));
const dot = (a: TensorMap, b: TensorMap) => tf.tidy(() => Object.keys(b).reduce((s, k) => s + tf.sum(tf.mul(a[k], b[k])).dataSync()[0], 0));

for (const preset of ['cnn', 'resnet']) {
  describe(`the trainer's meta-gradient (${preset})`, () => {
    it('matches nested tf.grads on the im2col path and a central difference of the bilevel objective', async () => {
      const { teacher } = await loadTeacherFromDisk(preset);
      const config = defaultConfig({ cold: { preset, method: 'hkd', batchSize: 16, metaBatchSize: 16, totalSteps: 40, valSize: 200, bnStatsSize: 64, weightNorm: 'joint' } });
      const t = await Trainer.create({ config, dataset: data, teacher });
      const mw = t.weights as MetaWeights;
      // Two states away from the initialisation (BN statistics, Θ and the schedule all moved).
      for (const warm of [6, 6]) {
      for (let i = 0; i < warm; i++) await t.step();
      expect(t.lr).toBeLessThan(config.hot.lr); // α comes from the schedule
      const before = tf.memory().numTensors;

      // (a) and (b) at the current state, from the problem the next step builds.
      const { exact, central, gnorm } = tf.tidy(() => {
        const im = t.nextMetaProblem('im2col');
        const ex = exactMetaGradient(im.problem, im.w, im.theta, im.vOf, im.coef);
        const fast = t.nextMetaProblem();
        const norm = Math.sqrt(sumSq(ex));
        // 0.03 along the unit direction: 0.01 is within float32 roundoff of the objective, 0.1 bends.
        const h = 0.03;
        const at = (sign: number) => {
          const th: TensorMap = {};
          for (const k of Object.keys(fast.theta)) th[k] = tf.add(fast.theta[k], tf.mul(ex[k], (sign * h) / norm));
          return bilevelObjective(fast.problem, fast.w, th, fast.vOf, fast.coef).dataSync()[0];
        };
        return { exact: ex, central: (at(1) - at(-1)) / (2 * h), gnorm: norm };
      });

      // What the real step hands to Adam.
      let applied: TensorMap = {};
      const apply = mw.adam.apply.bind(mw.adam);
      mw.adam.apply = (vars, grads, lr, wd) => {
        applied = Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, tf.keep(tf.clone(g))]));
        apply(vars, grads, lr, wd);
      };
      const r = await t.step();
      mw.adam.apply = apply;
      expect(r.metaStep).toBe(true);

      expect(gnorm).toBeGreaterThan(1e-6); // a vanishing gradient would make the check vacuous
      const diff = tf.tidy(() => Object.fromEntries(Object.keys(exact).map((k) => [k, tf.sub(applied[k], exact[k])])));
      const rel = Math.sqrt(sumSq(diff) / sumSq(exact));
      const directional = dot(applied, exact) / gnorm;
      console.log(`${preset} at step ${t.stepsDone}: ‖g‖ ${gnorm.toExponential(3)}, relative error vs nested grads ${rel.toExponential(3)}, directional ${directional.toExponential(4)} vs central difference ${central.toExponential(4)}`);
      expect(rel).toBeLessThanOrEqual(TOL);
      expect(Math.abs(directional - central) / Math.abs(central)).toBeLessThanOrEqual(TOL);
      tf.dispose([...Object.values(exact), ...Object.values(applied), ...Object.values(diff)]);
      expect(tf.memory().numTensors).toBe(before);
      }
      t.dispose();
      tf.dispose([...Object.values(teacher.params), ...Object.values(teacher.state)]);
    });
  });
}
