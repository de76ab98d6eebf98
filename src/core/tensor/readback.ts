// One readback per training step: everything the step reports is flattened into one tensor (a
// single `await data()`, the only sync point of the step), and read back by name.
import * as tf from '@tensorflow/tfjs';

interface Slot {
  name: string;
  offset: number;
  size: number;
}

export class Readback {
  private readonly parts: tf.Tensor[] = [];
  readonly slots: Slot[] = [];
  private size = 0;

  /** Adds a tensor under a name (its values, flattened row-major). */
  add(name: string, t: tf.Tensor): this {
    this.parts.push(tf.reshape(t, [-1]));
    this.slots.push({ name, offset: this.size, size: t.size });
    this.size += t.size;
    return this;
  }

  /** The packed tensor to read (call inside the tidy that made the parts). */
  pack(): tf.Tensor1D {
    return (this.parts.length === 1 ? this.parts[0] : tf.concat(this.parts)) as tf.Tensor1D;
  }
}

/** The values read back, by name: `get(name)` copies one slot out of the packed data. */
export function unpack(slots: readonly Slot[], data: Float32Array) {
  const at = new Map(slots.map((s) => [s.name, s]));
  const get = (name: string): Float32Array => {
    const s = at.get(name);
    if (!s) throw new Error(`readback has no "${name}" (have: ${[...at.keys()].join(', ')})`);
    return data.slice(s.offset, s.offset + s.size);
  };
  return { get, has: (name: string) => at.has(name), scalar: (name: string) => get(name)[0] };
}
