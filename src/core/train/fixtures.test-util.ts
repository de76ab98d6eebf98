// Shared set-up of the trainer tests: a slice of the embedded data (quick) and a random teacher
// (the tests check mechanics, not how well it teaches).
import { headOf, type Dataset } from '../data/dataset';
import { createVariables } from '../nn/init';
import { getPreset } from '../nn/presets';
import { Rng } from '../random';
import { loadEmbeddedDatasetFromDisk } from '../../node/embedded';
import type { Teacher } from './trainer';

export async function smallEmbedded(train: number, test: number): Promise<Dataset> {
  return headOf(await loadEmbeddedDatasetFromDisk(), train, test);
}

export function randomTeacher(preset = 'cnn', seed = 99): Teacher {
  const network = getPreset(preset).teacher();
  const v = createVariables(network.spec, Rng.fromSeed(seed));
  return { network, params: v.params, state: v.state };
}
