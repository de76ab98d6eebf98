import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../../node/backend';
import { Rng } from '../random';
import { createVariables } from './init';
import { getPreset } from './presets';
import { serializeTensors } from './serialize';
import { teacherFromWeights } from './teachers';

describe('teacherFromWeights', () => {
  beforeAll(async () => {
    await startNodeBackend('cpu');
  });

  it('reads a teacher saved from the same network, and refuses another network without leaking tensors', async () => {
    const preset = getPreset('cnn');
    const net = preset.teacher();
    const v = createVariables(net.spec, Rng.fromSeed(3));
    const bytes = await serializeTensors(net.spec.id, v.params, v.state);
    const t = teacherFromWeights(bytes, net);
    expect(Array.from(await t.params['fc.w'].data())).toEqual(Array.from(await v.params['fc.w'].data()));
    tf.dispose([...Object.values(t.params), ...Object.values(t.state)]);

    // The same preset built for 3-channel 32×32 images: same names, other shapes.
    const other = preset.teacher({ inputShape: [32, 32, 3], numClasses: 10 });
    const before = tf.memory().numTensors;
    expect(() => teacherFromWeights(bytes, other)).toThrow(/expected shape \[[\d,]+\], found \[[\d,]+\]/);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([...Object.values(v.params), ...Object.values(v.state)]);
  });
});
