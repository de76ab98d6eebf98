// Initial parameters drawn from the seeded JS Rng (not tfjs random ops), so every backend starts
// from bit-identical weights.
import * as tf from '@tensorflow/tfjs';
import type { NetworkSpec, ParamSpec } from './network';
import type { Rng } from '../random';

function size(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Values for one parameter: He normal (std √(2/fanIn)) or Glorot normal, truncated at ±2σ. */
export function initValues(p: ParamSpec, rng: Rng): Float32Array {
  const n = size(p.shape);
  switch (p.init) {
    case 'zeros':
      return new Float32Array(n);
    case 'ones':
      return new Float32Array(n).fill(1);
    case 'he': {
      const fanIn = p.fanIn ?? size(p.shape.slice(0, -1));
      return rng.truncatedNormal(n, Math.sqrt(2 / fanIn));
    }
    case 'glorot': {
      const fanIn = p.fanIn ?? size(p.shape.slice(0, -1));
      const fanOut = p.shape[p.shape.length - 1] * (p.shape.length === 4 ? p.shape[0] * p.shape[1] : 1);
      return rng.truncatedNormal(n, Math.sqrt(2 / (fanIn + fanOut)));
    }
  }
}

/** Initial values of all params and state, in spec order (so a seed fixes every number). */
export function initArrays(spec: Pick<NetworkSpec, 'params' | 'state'>, rng: Rng): { params: Record<string, Float32Array>; state: Record<string, Float32Array> } {
  const params: Record<string, Float32Array> = {};
  const state: Record<string, Float32Array> = {};
  for (const p of spec.params) params[p.name] = initValues(p, rng);
  for (const s of spec.state) state[s.name] = initValues(s, rng);
  return { params, state };
}

export function createVariables(spec: Pick<NetworkSpec, 'params' | 'state'>, rng: Rng): { params: Record<string, tf.Variable>; state: Record<string, tf.Variable> } {
  const a = initArrays(spec, rng);
  const shapes = new Map([...spec.params, ...spec.state].map((p) => [p.name, p.shape]));
  const mk = (rec: Record<string, Float32Array>, trainable: boolean) =>
    Object.fromEntries(
      Object.entries(rec).map(([n, v]) => {
        const t = tf.tensor(v, shapes.get(n)!, 'float32');
        const variable = tf.variable(t, trainable, `${n}_${uid()}`);
        t.dispose(); // the variable keeps its own reference to the data
        return [n, variable];
      }),
    );
  return { params: mk(a.params, true), state: mk(a.state, false) };
}

// tfjs variable names must be globally unique; several copies of one network may coexist.
let counter = 0;
function uid(): number {
  return ++counter;
}
