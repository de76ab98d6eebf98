// Bounded inflation: drives an fflate stream (Gunzip, or raw Inflate for zip entries) in small
// input chunks and counts the bytes it actually produces, so a decompression bomb stops just past
// the limit whatever its headers claim. Memory is reserved for the size the container states;
// past that the caller chooses: keep growing (the stated size may wrap), stop there, or only
// count on to the limit (a lying header then costs time, not memory). Format checks (trailer,
// directory CRC) and error texts are the callers'.
import CRC32 from 'crc-32';

/** Deflate cannot expand by more than about 1032:1 (258-byte matches of a few bits each). */
export const MAX_DEFLATE_RATIO = 1032;
/** Input chunks shrink to this near the limit: one chunk then inflates to at most ~1 MiB. */
export const MIN_INPUT_CHUNK = 1 << 10;
const MAX_INPUT_CHUNK = 1 << 18;
/** Aim for about this much output per chunk (large fresh buffers are slow to fault in). */
const OUTPUT_PER_CHUNK = 1 << 22;
/**
 * The most one input chunk can add once the limit is near: MIN_INPUT_CHUNK at the maximum ratio,
 * plus what fflate may still hold back from earlier chunks (a partial symbol or block header,
 * or a stored block, which inflates 1:1). Output stops at most this far past the limit.
 */
export const MAX_OVERSHOOT = MAX_DEFLATE_RATIO * (MIN_INPUT_CHUNK + 1024) + (1 << 16);

/** An fflate streaming decompressor (Gunzip or Inflate), already wired to `ondata`. */
export interface FlateStream {
  push(chunk: Uint8Array, final?: boolean): void;
}

export interface InflateOptions {
  /** Stop once the output passes this many bytes. */
  limit: number;
  /** Bytes reserved up front: the size the container states (capped at the limit). */
  reserve: number;
  /**
   * Output past the reserve: 'keep' it (grow the buffer), 'stop' there (the caller knows the
   * file is refused either way), or 'count' it without keeping it, up to the limit.
   */
  pastReserve: 'keep' | 'stop' | 'count';
  onProgress?: (produced: number, consumed: number) => void;
  /** Called between chunks; throws to stop (the import was cancelled). */
  checkAbort?: () => void;
}

export type Inflated =
  /** The stream ended; `data` holds the output unless it passed the reserve (then only counted). */
  | { status: 'ended'; data: Uint8Array | null; produced: number; crc: number }
  | { status: 'over-limit'; produced: number; consumed: number }
  /** With pastReserve 'stop': the output passed the reserve. */
  | { status: 'past-reserve'; produced: number; consumed: number }
  /** fflate refused the stream; `truncated` when the input ended first. */
  | { status: 'error'; produced: number; consumed: number; truncated: boolean; message: string };

/** What an fflate stream gives its `ondata` callback: an output chunk, and whether it was the last. */
export type OnData = (chunk: Uint8Array, final: boolean) => void;

/**
 * Inflates `input` through the stream `open` makes (it must pass its output to the given
 * callback), within `opts.limit` output bytes. Never throws for bad data: the caller words it.
 */
export function inflateBounded(input: Uint8Array, open: (ondata: OnData) => FlateStream, opts: InflateOptions): Inflated {
  const limit = opts.limit;
  let buf = new Uint8Array(Math.max(0, Math.min(opts.reserve, limit)));
  let produced = 0;
  let crc = 0;
  let counting = false; // past the reserve, output discarded
  let ended = false;
  const stream = open((chunk, final) => {
    if (final) ended = true;
    const end = produced + chunk.length;
    if (!counting && end > buf.length) {
      if (opts.pastReserve === 'keep' && end <= limit) {
        const grown = new Uint8Array(Math.min(limit, Math.max(end, buf.length * 2)));
        grown.set(buf.subarray(0, produced));
        buf = grown;
      } else counting = true;
    }
    if (!counting) {
      buf.set(chunk, produced);
      crc = CRC32.buf(chunk, crc);
    }
    produced = end;
  });
  // Where inflating stops: the limit, or the reserve when output past it is not wanted.
  const stopAt = opts.pastReserve === 'stop' ? Math.min(limit, buf.length) : limit;
  let at = 0;
  // Output bytes per input byte in the last chunk: assume the worst until a chunk shows otherwise.
  let ratio = MAX_DEFLATE_RATIO;
  let size = MIN_INPUT_CHUNK;
  do {
    opts.checkAbort?.();
    // Small chunks where the data expands a lot or the limit is near, so no chunk overshoots far;
    // chunks grow at most 4× at a time, so a switch to highly compressible data is seen early.
    const room = Math.max(0, stopAt - produced);
    size = Math.max(MIN_INPUT_CHUNK, Math.min(MAX_INPUT_CHUNK, size * 4, Math.floor(OUTPUT_PER_CHUNK / ratio), Math.floor(room / MAX_DEFLATE_RATIO)));
    const end = Math.min(input.length, at + size);
    const before = produced;
    try {
      stream.push(input.subarray(at, end), end === input.length);
    } catch (e) {
      // fflate's code 0 is "unexpected EOF": the input ended inside the stream.
      return { status: 'error', produced, consumed: end, truncated: (e as { code?: number }).code === 0, message: (e as Error).message };
    }
    ratio = Math.max(1, (produced - before) / Math.max(1, end - at));
    at = end;
    if (produced > limit) return { status: 'over-limit', produced, consumed: at };
    if (counting && opts.pastReserve === 'stop' && !ended) return { status: 'past-reserve', produced, consumed: at };
    opts.onProgress?.(produced, at);
  } while (at < input.length);
  if (!ended) return { status: 'error', produced, consumed: at, truncated: true, message: 'the input ended before the end of the compressed stream' };
  const data = counting ? null : produced === buf.length ? buf : buf.subarray(0, produced);
  return { status: 'ended', data, produced, crc: crc >>> 0 };
}
