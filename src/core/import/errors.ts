// Every way an import can fail, as one error type the UI can show as is: the file, what was
// expected, what was found, where, and what to do. ImportError *is a* DataFormatError (the data
// parsers' error), with a `code` the UI can branch on; parsers in src/core/data still throw plain
// DataFormatErrors, which the UI treats as code 'format'.
import { DataFormatError, type DataFormatErrorInit } from '../data/errors';

export type ImportErrorCode =
  /** The bytes are not any format we read, or a file set we cannot pair. */
  | 'format'
  /** A tar, gzip or zip archive (or a data file in it) ends early. */
  | 'truncated'
  /** An image in a zip could not be decoded. */
  | 'decode'
  /** No classes, or a single class. */
  | 'classes'
  /** The import would need more memory than the budget allows. Nothing was allocated. */
  | 'memory'
  /** The caller aborted the import. */
  | 'aborted';

export class ImportError extends DataFormatError {
  readonly code: ImportErrorCode;

  constructor(code: ImportErrorCode, init: DataFormatErrorInit) {
    super(init);
    this.name = 'ImportError';
    this.code = code;
  }
}

/** The code of any import failure: ImportError's own, 'format' for other DataFormatErrors. */
export function importErrorCode(e: unknown): ImportErrorCode | null {
  if (e instanceof ImportError) return e.code;
  if (e instanceof DataFormatError) return 'format';
  return null;
}

export function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
