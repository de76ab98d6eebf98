// The reproduce result on view (from `npm run reproduce`'s results.json). It lives beside the
// training run, never in it: opening or closing one leaves the run, its worker and saved runs alone.
import { create } from 'zustand';
import { parseReproduceResult, REPRODUCE_FORMAT, ReproduceFileError, type ReproduceResult } from '../../core/reproduce/result';
import { useLab } from '../store/lab-store';

export const useReproduce = create<{ result: ReproduceResult | null; file: string }>(() => ({ result: null, file: '' }));

/** A results.json of a few hundred runs is well under this; anything larger is not one. */
const MAX_BYTES = 20 * 1024 * 1024;

/** Whether a file's text is a reproduce result (its format is written first). */
export const looksLikeReproduce = (text: string) => new RegExp(`"format"\\s*:\\s*"${REPRODUCE_FORMAT}"`).test(text.slice(0, 1000));

const refuse = (message: string) =>
  useLab.setState({ notice: { kind: 'file', message, advice: 'Nothing changed: the current run goes on. Open the results.json that `npm run reproduce` wrote (in its --out folder), unedited.' } });

/** Shows the result in `text`, or says in the lab's notice why it cannot. */
export function showReproduce(name: string, text: string) {
  let result: ReproduceResult;
  try {
    result = parseReproduceResult(text, name);
  } catch (e) {
    return refuse(e instanceof ReproduceFileError ? e.message : `${name}: ${(e as Error).message}`);
  }
  // An earlier refusal is answered; other notices (a lost backend) still stand.
  if (useLab.getState().notice?.kind === 'file') useLab.setState({ notice: null });
  useReproduce.setState({ result, file: name });
}

export async function openReproduceFile(file: File) {
  if (file.size > MAX_BYTES) return refuse(`${file.name}: ${(file.size / 1024 / 1024).toFixed(0)} MB is too large for a reproduce result (at most ${MAX_BYTES / 1024 / 1024} MB).`);
  showReproduce(file.name, await file.text());
}

export const closeReproduce = () => useReproduce.setState({ result: null, file: '' });
