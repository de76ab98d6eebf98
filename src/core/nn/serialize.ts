// Weights to and from bytes, for committed teacher weights, exports and checkpoints.
// Layout (all little-endian):
//   bytes 0..3   magic "HKDW"
//   bytes 4..7   uint32 header length L (bytes of UTF-8 JSON)
//   bytes 8..    JSON header, space-padded so the data starts 4-byte aligned
//   then         float32 data; each entry's offset is relative to the data start
import * as tf from '@tensorflow/tfjs';

export const WEIGHTS_FORMAT_VERSION = 1;
const MAGIC = 'HKDW';

export interface WeightEntry {
  name: string;
  /** Which map the tensor belongs to. */
  group: 'params' | 'state';
  shape: number[];
  dtype: 'float32';
  /** Byte offset from the start of the data section (multiple of 4). */
  offset: number;
}

export interface WeightsHeader {
  format: 'hkd-weights';
  version: number;
  specId: string;
  entries: WeightEntry[];
  /** Free-form extras, e.g. training accuracy of a committed teacher. */
  meta?: Record<string, unknown>;
}

export interface WeightArrays {
  specId: string;
  params: Record<string, { shape: number[]; data: Float32Array }>;
  state: Record<string, { shape: number[]; data: Float32Array }>;
  meta?: Record<string, unknown>;
}

function size(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Encodes float32 arrays. Data is written little-endian whatever the host byte order. */
export function encodeWeights(w: WeightArrays): Uint8Array {
  const entries: WeightEntry[] = [];
  let offset = 0;
  const all: [WeightEntry, Float32Array][] = [];
  for (const group of ['params', 'state'] as const) {
    for (const [name, { shape, data }] of Object.entries(w[group])) {
      if (data.length !== size(shape)) throw new Error(`encodeWeights: "${name}" has ${data.length} values, shape [${shape}] needs ${size(shape)}`);
      const e: WeightEntry = { name, group, shape, dtype: 'float32', offset };
      entries.push(e);
      all.push([e, data]);
      offset += data.length * 4;
    }
  }
  const header: WeightsHeader = { format: 'hkd-weights', version: WEIGHTS_FORMAT_VERSION, specId: w.specId, entries, ...(w.meta ? { meta: w.meta } : {}) };
  let json = new TextEncoder().encode(JSON.stringify(header));
  const pad = (4 - ((8 + json.length) % 4)) % 4;
  if (pad) json = new TextEncoder().encode(JSON.stringify(header) + ' '.repeat(pad));
  const dataStart = 8 + json.length;
  const out = new Uint8Array(dataStart + offset);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = MAGIC.charCodeAt(i);
  view.setUint32(4, json.length, true);
  out.set(json, 8);
  for (const [e, data] of all) {
    const base = dataStart + e.offset;
    for (let i = 0; i < data.length; i++) view.setFloat32(base + 4 * i, data[i], true);
  }
  return out;
}

function fail(what: string, expected: string, found: string): never {
  throw new Error(`malformed weights: ${what}: expected ${expected}, found ${found}`);
}

/** Decodes bytes written by encodeWeights; rejects anything malformed with what was expected. */
export function decodeWeights(bytes: Uint8Array, expectedSpecId?: string): WeightArrays & { header: WeightsHeader } {
  if (bytes.length < 8) fail('length', 'at least 8 bytes', `${bytes.length}`);
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== MAGIC) fail('magic', `"${MAGIC}"`, JSON.stringify(magic));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hlen = view.getUint32(4, true);
  if (8 + hlen > bytes.length) fail('header length', `≤ ${bytes.length - 8} bytes`, `${hlen}`);
  if ((8 + hlen) % 4) fail('data alignment', 'header end at a multiple of 4', `${8 + hlen}`);
  let header: WeightsHeader;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + hlen)));
  } catch (e) {
    fail('header', 'UTF-8 JSON', (e as Error).message);
  }
  if (typeof header !== 'object' || header === null || header.format !== 'hkd-weights') fail('header format', '"hkd-weights"', JSON.stringify((header as { format?: unknown } | null)?.format));
  if (header.version !== WEIGHTS_FORMAT_VERSION) fail('format version', `${WEIGHTS_FORMAT_VERSION}`, `${header.version}`);
  if (typeof header.specId !== 'string') fail('specId', 'a string', typeof header.specId);
  if (expectedSpecId !== undefined && header.specId !== expectedSpecId) fail('network spec id', `"${expectedSpecId}"`, `"${header.specId}"`);
  if (!Array.isArray(header.entries)) fail('entries', 'an array', typeof header.entries);
  const dataStart = 8 + hlen;
  const dataLen = bytes.length - dataStart;
  const out: WeightArrays & { header: WeightsHeader } = { specId: header.specId, params: {}, state: {}, header, ...(header.meta ? { meta: header.meta } : {}) };
  let expectedEnd = 0;
  for (const e of header.entries) {
    const where = `entry "${e?.name}"`;
    if (typeof e?.name !== 'string') fail('entry name', 'a string', JSON.stringify(e?.name));
    if (e.group !== 'params' && e.group !== 'state') fail(`${where} group`, '"params" or "state"', JSON.stringify(e.group));
    if (e.dtype !== 'float32') fail(`${where} dtype`, '"float32"', JSON.stringify(e.dtype));
    if (!Array.isArray(e.shape) || !e.shape.every((d) => Number.isInteger(d) && d >= 0)) fail(`${where} shape`, 'non-negative integers', JSON.stringify(e.shape));
    if (!Number.isInteger(e.offset) || e.offset % 4) fail(`${where} offset`, 'a multiple of 4', JSON.stringify(e.offset));
    if (e.offset !== expectedEnd) fail(`${where} offset`, `${expectedEnd} (packed in order)`, `${e.offset}`);
    const n = size(e.shape);
    if (e.offset + 4 * n > dataLen) fail(`${where} data`, `${4 * n} bytes at offset ${e.offset}`, `${Math.max(0, dataLen - e.offset)} bytes left`);
    if (out[e.group][e.name]) fail(`${where}`, 'unique names', 'a duplicate');
    const data = new Float32Array(n);
    const base = dataStart + e.offset;
    for (let i = 0; i < n; i++) data[i] = view.getFloat32(base + 4 * i, true);
    out[e.group][e.name] = { shape: e.shape, data };
    expectedEnd = e.offset + 4 * n;
  }
  if (expectedEnd !== dataLen) fail('data length', `${expectedEnd} bytes`, `${dataLen}`);
  return out;
}

/** Reads tensors (await, not dataSync: webgpu breaks on synchronous reads) and encodes them. */
export async function serializeTensors(specId: string, params: Record<string, tf.Tensor>, state: Record<string, tf.Tensor> = {}, meta?: Record<string, unknown>): Promise<Uint8Array> {
  const read = async (m: Record<string, tf.Tensor>) =>
    Object.fromEntries(await Promise.all(Object.entries(m).map(async ([n, t]) => [n, { shape: t.shape, data: new Float32Array(await t.data()) }] as const)));
  return encodeWeights({ specId, params: await read(params), state: await read(state), meta });
}

/**
 * Assigns decoded weights to existing variables, checking that names and shapes match exactly
 * (no missing, extra or reshaped tensors).
 */
export function assignWeights(w: WeightArrays, vars: { params: Record<string, tf.Variable>; state: Record<string, tf.Variable> }): void {
  for (const group of ['params', 'state'] as const) {
    const have = Object.keys(w[group]).sort();
    const want = Object.keys(vars[group]).sort();
    const missing = want.filter((n) => !w[group][n]);
    const extra = have.filter((n) => !vars[group][n]);
    if (missing.length || extra.length) throw new Error(`weights do not match the network's ${group}: missing [${missing.join(', ')}], unexpected [${extra.join(', ')}]`);
    for (const n of want) {
      const v = vars[group][n];
      const { shape, data } = w[group][n];
      if (shape.length !== v.shape.length || shape.some((d, i) => d !== v.shape[i])) throw new Error(`weights for "${n}": expected shape [${v.shape}], found [${shape}]`);
      tf.tidy(() => v.assign(tf.tensor(data, shape, 'float32')));
    }
  }
}
