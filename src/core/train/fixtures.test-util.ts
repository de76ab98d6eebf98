// Shared set-up of the trainer tests: a slice of the embedded data (quick) and a random teacher
// (the tests check mechanics, not how well it teaches).
import { beforeAll } from 'vitest';
import { startNodeBackend } from '../../node/backend';
import { headOf, type Dataset } from '../data/dataset';
import { createVariables } from '../nn/init';
import { getPreset } from '../nn/presets';
import { Rng } from '../random';
import { loadEmbeddedDatasetFromDisk } from '../../node/embedded';
import { defaultConfig, type ColdSettings, type HotSettings } from './config';
import { Trainer, type Teacher } from './trainer';

export async function smallEmbedded(train: number, test: number): Promise<Dataset> {
  return headOf(await loadEmbeddedDatasetFromDisk(), train, test);
}

export function randomTeacher(preset = 'cnn', seed = 99): Teacher {
  const network = getPreset(preset).teacher();
  const v = createVariables(network.spec, Rng.fromSeed(seed));
  return { network, params: v.params, state: v.state };
}

export interface TrainerSuite {
  data: Dataset;
  teacher: Teacher;
  /** A trainer on the suite's data and teacher, with small batches (8) unless `cold` says otherwise. */
  make(cold?: Partial<ColdSettings>, hot?: Partial<HotSettings>): Promise<Trainer>;
}

/** Registers a suite's set-up (the wasm backend, `train`/`test` embedded images, a random teacher). */
export function trainerSuite(train: number, test: number): TrainerSuite {
  const suite: TrainerSuite = {
    data: null as unknown as Dataset,
    teacher: null as unknown as Teacher,
    make: (cold = {}, hot = {}) =>
      Trainer.create({ config: defaultConfig({ cold: { batchSize: 8, metaBatchSize: 8, ...cold }, hot }), dataset: suite.data, teacher: suite.teacher }),
  };
  beforeAll(async () => {
    await startNodeBackend('wasm');
    suite.data = await smallEmbedded(train, test);
    suite.teacher = randomTeacher();
  });
  return suite;
}
