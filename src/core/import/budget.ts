// The import's memory budget, enforced twice: an estimate from the sizes files state, checked
// before anything is allocated, and a hard limit on the bytes inflation actually produces (gzip,
// zip entries, and so a tar inside a .tar.gz), checked while inflating: stated sizes can lie.
import { gunzip, GzipError, gzipTrailer } from '../data/gzip';
import { ImportError, mib } from './errors';

const HINT_ESTIMATE = 'Import fewer files, lower the image caps, or use a smaller subset of the dataset.';
const HINT_GZ = 'The gzip file is truncated or corrupt: download it again (the download may have stopped early).';
const HINT_INFLATE = 'The file inflates to more than the memory budget allows: it is damaged, or a decompression bomb. If it is a real dataset, import a smaller part of it (fewer files or batches).';

/** Refuses, before allocating, an import whose estimated peak memory exceeds the budget. */
export function checkMemory(file: string, budget: number, bytes: number, what: string): void {
  if (bytes > budget) {
    throw new ImportError('memory', {
      file, expected: `at most ${mib(budget)} of memory for the import`, found: `an estimated ${mib(bytes)} (${what})`, offset: 0, hint: HINT_ESTIMATE,
    });
  }
}

/**
 * The error for data that inflated past the budget (`held`: bytes already in memory). `why`, when
 * inflating stopped before the budget itself: how the data is known to go past it.
 */
export function inflatesPastBudget(file: string, budget: number, held: number, produced: number, offset: number, why?: string): ImportError {
  return new ImportError('memory', {
    file, expected: `data that fits the import's memory budget of ${mib(budget)}`,
    found: `data that inflates past it (${why ? `${why}; ` : ''}stopped after ${mib(produced)} inflated, with ${mib(held)} already in memory)`, offset, hint: HINT_INFLATE,
  });
}

export interface InflateProgress {
  /** Output bytes so far, and what they are heading for: the stated size, or the limit once past it. */
  (produced: number, toward: number, pastStated: boolean): void;
}

/**
 * Gunzips one file of the import within the budget (`held` bytes are already in memory): refused
 * up front on the trailer's stated size, then stopped on the bytes actually produced. GzipErrors
 * become ImportErrors: 'memory' past the budget, else 'truncated'.
 */
export function gunzipInBudget(file: string, bytes: Uint8Array, budget: number, held: number, onProgress?: InflateProgress, checkAbort?: () => void): Uint8Array {
  const limit = Math.max(0, budget - held);
  let stated = 0;
  try {
    stated = gzipTrailer(bytes, file).size;
    checkMemory(file, budget, held + stated, `${mib(held)} of files plus ${mib(stated)} uncompressed`);
    return gunzip(bytes, file, {
      limit, checkAbort,
      onProgress: onProgress && ((produced) => onProgress(produced, produced > stated ? limit : stated, produced > stated)),
    });
  } catch (e) {
    if (!(e instanceof GzipError)) throw e;
    if (e.reason === 'too-large') {
      // Stopped short of the limit: past the trailer's size mod 2^32, the data is 4 GiB more.
      const why = e.produced <= limit ? `past the ${mib(stated)} its gzip trailer states, so at least ${mib(stated + 2 ** 32)} as the trailer holds the size mod 4 GiB, unless the trailer is wrong` : undefined;
      throw inflatesPastBudget(file, budget, held, e.produced, e.offset, why);
    }
    throw new ImportError('truncated', { file, expected: e.expected, found: e.found, offset: e.offset, hint: HINT_GZ });
  }
}
