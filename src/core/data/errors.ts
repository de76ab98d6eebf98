// One error type for every malformed data file, so the UI can show the file, what was expected,
// what was found and where, instead of a bare "RangeError: offset is out of bounds".

export interface DataFormatErrorInit {
  /** File name as the user knows it (e.g. "train-images-idx3-ubyte.gz"). */
  file: string;
  expected: string;
  found: string;
  /** Byte offset of the problem; in the decompressed bytes when the file was gzipped. */
  offset: number;
  /** What the user should do about it. */
  hint: string;
  /** True when `offset` counts bytes after gunzip, not in the file on disk. */
  decompressed?: boolean;
}

export class DataFormatError extends Error {
  readonly file: string;
  readonly expected: string;
  readonly found: string;
  readonly offset: number;
  readonly hint: string;

  constructor(init: DataFormatErrorInit) {
    const where = `byte offset ${init.offset}${init.decompressed ? ' (of the decompressed data)' : ''}`;
    super(`${init.file}: expected ${init.expected}, found ${init.found} at ${where}. ${init.hint}`);
    this.name = 'DataFormatError';
    this.file = init.file;
    this.expected = init.expected;
    this.found = init.found;
    this.offset = init.offset;
    this.hint = init.hint;
  }
}

/** Formats a number as 0x-prefixed, zero-padded hex for magic-number messages. */
export function hex(value: number, digits = 8): string {
  return '0x' + (value >>> 0).toString(16).padStart(digits, '0');
}
