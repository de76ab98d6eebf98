// Turns what the user typed into a value for the core's checkNumber: a number when the text is
// one, else the raw text, so the refusal message quotes exactly what was typed.
import { checkNumber, type NumberRule } from '../../core/train/validate';

export function parseInput(text: string): number | string {
  const t = text.trim();
  if (t === '') return text;
  const n = Number(t);
  return Number.isFinite(n) ? n : text;
}

/** null when valid, else the message to show (the value is then never sent). */
export function checkInput(rule: NumberRule, text: string): string | null {
  return checkNumber(rule, parseInput(text));
}
