// Bounded inflation through pako's zlib API: we hand zlib the output buffer and how much room it
// has, so it can never write more than we allow, whatever the container states. Output goes
// straight into a buffer reserved for the size the container states. Past that the caller
// chooses: keep growing (a gzip size wraps at 4 GiB), or only count on to the limit in a small
// reused buffer (a lying header then costs time, not memory). In gzip mode zlib checks the
// trailer itself (CRC-32 and size mod 2³²); error texts are the callers'.
import { ZStream, Z_BUF_ERROR, Z_NO_FLUSH, Z_OK, Z_STREAM_END, zlibInflate, zlibInflateInit2 } from 'pako';

/** Output per zlib call: progress and cancellation are checked this often. */
const STEP = 1 << 18;

export interface InflateOptions {
  /** Stop once the output passes this many bytes: at most limit + 1 are ever produced. */
  limit: number;
  /** Bytes reserved up front: the size the container states (capped at the limit). */
  reserve: number;
  /** Output past the reserve: 'keep' it (grow the buffer), or 'count' it without keeping it. */
  pastReserve: 'keep' | 'count';
  onProgress?: (produced: number, consumed: number) => void;
  /** Called between steps; throws to stop (the import was cancelled). */
  checkAbort?: () => void;
}

export type Inflated =
  /** The stream ended; `data` holds the output, or null when it passed the reserve (counted only). */
  | { status: 'ended'; data: Uint8Array | null; produced: number; consumed: number }
  | { status: 'over-limit'; produced: number; consumed: number }
  /** zlib refused the data (`message`: zlib's, e.g. "incorrect data check"), or the input ended first. */
  | { status: 'error'; produced: number; consumed: number; truncated: boolean; message: string; check: number };

/** Inflates `input`: a gzip file (header and trailer checked), or raw deflate (zip entries). */
export function inflateBounded(input: Uint8Array, format: 'gzip' | 'raw', opts: InflateOptions): Inflated {
  const { limit } = opts;
  const strm = new ZStream();
  zlibInflateInit2(strm, format === 'gzip' ? 16 + 15 : -15);
  strm.input = input;
  strm.next_in = 0;
  strm.avail_in = input.length;
  let buf = new Uint8Array(Math.max(0, Math.min(opts.reserve, limit)));
  let scratch: Uint8Array | null = null; // past the reserve, when output is only counted
  let produced = 0;
  for (;;) {
    opts.checkAbort?.();
    if (!scratch && produced === buf.length) {
      if (opts.pastReserve === 'keep' && buf.length <= limit) {
        const grown = new Uint8Array(Math.min(limit + 1, Math.max(STEP, buf.length * 2)));
        grown.set(buf);
        buf = grown;
      } else scratch = new Uint8Array(STEP);
    }
    const out = scratch ?? buf;
    const at = scratch ? 0 : produced;
    strm.output = out as Uint8Array<ArrayBuffer>;
    strm.next_out = at;
    strm.avail_out = Math.min(STEP, out.length - at, limit + 1 - produced);
    const status = zlibInflate(strm, Z_NO_FLUSH);
    produced += strm.next_out - at;
    const consumed = strm.next_in;
    if (produced > limit) return { status: 'over-limit', produced, consumed };
    opts.onProgress?.(produced, consumed);
    if (status === Z_STREAM_END) {
      // A buffer grown past the output is trimmed (a copy): no wasted memory is kept.
      const data = produced > buf.length ? null : produced === buf.length ? buf : buf.slice(0, produced);
      return { status: 'ended', data, produced, consumed };
    }
    // Z_BUF_ERROR with room left: zlib needs input there is no more of.
    const starved = status === Z_BUF_ERROR || (status === Z_OK && strm.avail_in === 0 && strm.avail_out > 0);
    if (starved || status !== Z_OK) {
      return { status: 'error', produced, consumed, truncated: starved, message: strm.msg || `zlib status ${status}`, check: strm.adler >>> 0 };
    }
  }
}
