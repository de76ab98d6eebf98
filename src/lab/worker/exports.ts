// Files the worker makes on request: the student in TF.js format (model.json + weights.bin, taking
// raw pixels 0..255), the teacher's weights, a run file, and the run's metrics; plus the
// student's logits for raw images, which a test compares with the exported model.
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../../core/data/dataset';
import { exportStudent } from '../../core/export/export-student';
import { serializeTensors } from '../../core/nn/serialize';
import { probeCsv, runCsv, runJson } from '../../core/runs/metrics';
import type { RunLog } from '../../core/runs/run-log';
import { logToJson } from '../../core/runs/run-log-json';
import type { RunRecorder } from '../../core/runs/replay';
import { describeEnvironment, encodeRunFile } from '../../core/runs/runfile';
import { slug } from '../../core/text/slug';
import type { HintId } from '../../core/train/config';
import type { Teacher, Trainer } from '../../core/train/trainer';
import type { WorkerEvent } from '../contract';

type FileEvent = Extract<WorkerEvent, { type: 'file' }>;
const enc = (s: string) => new TextEncoder().encode(s);

const stem = (s: string) => slug(s, 'run');

/** model.json + weights.bin, named as the manifest says (tf.io.browserFiles matches by name). */
export async function studentFiles(t: Trainer, ds: Dataset): Promise<FileEvent> {
  const { params, state } = t.studentVariables();
  const { files } = await exportStudent(t.student, params, state, {
    inputNormalisation: t.inputNormalisation,
    classNames: ds.classNames,
    meta: { method: t.method.id, step: t.stepsDone, dataset: ds.name, seed: t.config.cold.seed },
  });
  return {
    type: 'file', what: 'student',
    files: [
      { name: 'model.json', mime: 'application/json', bytes: files['model.json'] },
      { name: 'weights.bin', mime: 'application/octet-stream', bytes: files['weights.bin'] },
    ],
  };
}

export async function teacherFile(teacher: Teacher, accuracy: number, ds: Dataset, presetId: string): Promise<FileEvent> {
  const bytes = await serializeTensors(teacher.network.spec.id, teacher.params, teacher.state, { testAccuracy: accuracy, dataset: ds.name, preset: presetId });
  return { type: 'file', what: 'teacher', files: [{ name: `teacher-${stem(ds.name)}-${presetId}.hkdw`, mime: 'application/octet-stream', bytes }] };
}

export function runFileEvent(rec: RunRecorder, backend: string, notes: Record<string, string>, runName: string): FileEvent {
  const text = encodeRunFile(rec.runFile(describeEnvironment(backend), notes));
  return { type: 'file', what: 'run-file', files: [{ name: `${stem(runName)}.hkdrun.json`, mime: 'application/json', bytes: enc(text) }] };
}

/** JSON: one file with every series (probe reports included). CSV: per run its steps and, when it has probe reports, its probes. */
export function metricsEvent(kind: 'csv' | 'json', series: RunLog[], labels: string[], hints: HintId[][], classNames: string[], rec: RunRecorder, backend: string, runName: string): FileEvent {
  const base = stem(runName);
  if (kind === 'json') {
    const run = rec.runFile(describeEnvironment(backend));
    const text = runJson(series[0], run, series.length > 1 ? { compared: series.slice(1).map((s, i) => ({ label: labels[i + 1], series: logToJson(s) })), label: labels[0] } : { label: labels[0] });
    return { type: 'file', what: 'metrics-json', files: [{ name: `${base}-metrics.json`, mime: 'application/json', bytes: enc(text) }] };
  }
  return {
    type: 'file', what: 'metrics-csv',
    files: series.flatMap((s, i) => {
      const name = `${base}${series.length > 1 ? `-${stem(labels[i])}` : ''}`;
      const probes = s.probes;
      return [
        { name: `${name}-metrics.csv`, mime: 'text/csv', bytes: enc(runCsv(s, classNames)) },
        ...(probes.length ? [{ name: `${name}-probes.csv`, mime: 'text/csv', bytes: enc(probeCsv(probes, hints[i] ?? [], classNames)) }] : []),
      ];
    }),
  };
}

/** Logits of the student (eval mode) for raw images, normalised exactly as training does. */
export async function predict(t: Trainer, ds: Dataset, images: Float32Array, count: number): Promise<Float32Array> {
  const { scale, bias } = t.inputNormalisation;
  const [h, w, c] = [ds.height, ds.width, ds.channels];
  if (images.length !== count * h * w * c) throw new Error(`predict: ${images.length} values is not ${count}×${h}×${w}×${c}`);
  const x = new Float32Array(images.length);
  for (let i = 0; i < x.length; i++) x[i] = images[i] * scale[i % c] + bias[i % c];
  const { params, state } = t.studentVariables();
  const out = tf.tidy(() => t.student.forward(params, state, tf.tensor4d(x, [count, h, w, c]), 'eval').logits);
  try {
    return (await out.data()) as Float32Array;
  } finally {
    out.dispose();
  }
}
