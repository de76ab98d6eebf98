// Remakes the pretrained teachers in public/teachers/ from their seed:
//   npm run make:teachers [-- --preset cnn] [-- --epochs N]
// Each teacher trains with cross-entropy on the embedded Fashion-MNIST subset (wasm backend), on
// the students' protocol: the validation split held out of its data, and measured the way students
// are (fresh batch-norm statistics). Its weights and measured test accuracy are written side by side.
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startNodeBackend } from '../src/node/backend';
import { loadEmbeddedDatasetFromDisk } from '../src/node/embedded';
import { PRESETS } from '../src/core/nn/presets';
import { serializeTensors } from '../src/core/nn/serialize';
import { TEACHERS_DIR, type TeacherRecord } from '../src/core/nn/teachers';
import { TeacherTrainer } from '../src/core/train/teacher-trainer';
import { DEFAULT_COLD } from '../src/core/train/config';
import { splitValidation } from '../src/core/data/validation';

// The recipe of each committed teacher. Changing it changes the weights: remake and commit them.
export const RECIPES: Record<string, { seed: number; epochs: number; batchSize: number; lr: number }> = {
  cnn: { seed: 1, epochs: 12, batchSize: 64, lr: 0.1 },
  resnet: { seed: 1, epochs: 12, batchSize: 64, lr: 0.1 },
};

async function main() {
  const { values } = parseArgs({ options: { preset: { type: 'string' }, epochs: { type: 'string' } } });
  const backend = await startNodeBackend('wasm');
  console.log(`backend: ${backend.name} (${backend.reason})`);
  const dataset = await loadEmbeddedDatasetFromDisk();
  mkdirSync(`public/${TEACHERS_DIR}`, { recursive: true });
  for (const preset of PRESETS.filter((p) => !values.preset || p.id === values.preset)) {
    const recipe = { ...RECIPES[preset.id], ...(values.epochs && { epochs: Number(values.epochs) }) };
    const network = preset.teacher();
    const { valSize, bnStatsSize } = DEFAULT_COLD;
    const trainCount = splitValidation(dataset, valSize).train.count;
    const totalSteps = Math.ceil((recipe.epochs * trainCount) / recipe.batchSize);
    const trainer = new TeacherTrainer({ network, dataset, seed: recipe.seed, totalSteps, batchSize: recipe.batchSize, lr: recipe.lr, valSize, bnStatsSize });
    console.log(`${preset.id}: ${network.spec.label}, ${network.spec.paramCount} parameters, ${totalSteps} steps`);
    const started = performance.now();
    let last = 0;
    for (let i = 0; i < totalSteps; i++) {
      const r = await trainer.step();
      if (performance.now() - last > 10_000 || i === totalSteps - 1) {
        last = performance.now();
        const rate = (i + 1) / ((performance.now() - started) / 1000);
        console.log(`  step ${r.step}/${totalSteps} loss ${r.loss.toFixed(3)} acc ${(r.acc * 100).toFixed(1)}% lr ${r.lr.toFixed(4)} ETA ${Math.round((totalSteps - i - 1) / rate)} s`);
      }
    }
    const ev = await trainer.evaluate();
    const { params, state } = trainer.variables();
    const record: TeacherRecord = {
      preset: preset.id,
      specId: network.spec.id,
      testAccuracy: ev.accuracy,
      seed: recipe.seed,
      steps: totalSteps,
      batchSize: recipe.batchSize,
      lr: recipe.lr,
      dataset: `${dataset.name}: ${trainCount} training images (${valSize} held out for validation)`,
      paramCount: network.spec.paramCount,
      command: `npm run make:teachers -- --preset ${preset.id}`,
    };
    writeFileSync(`public/${TEACHERS_DIR}/${preset.id}.bin`, await serializeTensors(network.spec.id, params, state, { testAccuracy: ev.accuracy }));
    writeFileSync(`public/${TEACHERS_DIR}/${preset.id}.json`, JSON.stringify(record, null, 2) + '\n');
    console.log(`  test accuracy ${(ev.accuracy * 100).toFixed(2)}%; wrote public/${TEACHERS_DIR}/${preset.id}.{bin,json}`);
    trainer.dispose();
  }
}

main().catch((e) => {
  console.error(`error: ${(e as Error).message}`);
  process.exit(1);
});
