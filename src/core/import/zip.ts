// Zip archives through fflate: list entries without inflating (sizes come from the central
// directory), then inflate only the chosen ones. A zip whose end-of-central-directory record is
// missing was cut short; fflate's own errors become ImportErrors naming the archive.
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { ImportError } from './errors';

const HINT_TRUNC = 'The zip is truncated or corrupt: download or create it again.';

/** Offset of the end-of-central-directory record (PK\x05\x06), or -1. */
function findEocd(b: Uint8Array): number {
  const stop = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= stop; i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 5 && b[i + 3] === 6) return i;
  }
  return -1;
}

function checkEnd(bytes: Uint8Array, file: string): void {
  if (findEocd(bytes) < 0) {
    throw new ImportError('truncated', {
      file, expected: "the zip's end-of-central-directory record in its last 64 KiB", found: `none in ${bytes.length} bytes`, offset: bytes.length, hint: HINT_TRUNC,
    });
  }
}

function wrap<T>(bytes: Uint8Array, file: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError('truncated', { file, expected: 'a readable zip archive', found: `an error while unzipping (${(e as Error).message})`, offset: bytes.length, hint: HINT_TRUNC });
  }
}

export function listZip(bytes: Uint8Array, file: string): UnzipFileInfo[] {
  checkEnd(bytes, file);
  const out: UnzipFileInfo[] = [];
  wrap(bytes, file, () =>
    unzipSync(bytes, {
      filter: (f) => {
        out.push({ ...f });
        return false;
      },
    }),
  );
  return out;
}

/** Inflates the entries named in `names`. */
export function readZipEntries(bytes: Uint8Array, file: string, names: Set<string>): Map<string, Uint8Array> {
  checkEnd(bytes, file);
  const files = wrap(bytes, file, () => unzipSync(bytes, { filter: (f) => names.has(f.name) }));
  return new Map(Object.entries(files));
}
