// Turns what the user typed into a number through the settings schema: the same text rules as
// links and flags (core/settings parseNumberText), and the same messages, naming the setting.
import { checkNumber, parseNumberText, type NumberRule, type Setting } from '../../core/settings';

export type NumberSource = Pick<Setting<number>, 'label' | 'fromText'> | NumberRule;

export type ReadResult = { ok: true; value: number } | { ok: false; message: string };

/** Reads a field's text against a schema setting (or a plain number rule, for non-setting fields). */
export function readNumber(source: NumberSource, text: string): ReadResult {
  if ('fromText' in source) {
    const r = source.fromText(text);
    return r.ok ? r : { ok: false, message: `${source.label}: ${r.reason}` };
  }
  const value = parseNumberText(text);
  const message = checkNumber(source, value);
  return message ? { ok: false, message } : { ok: true, value: value as number };
}

/** null when valid, else the message to show (the value is then never sent). */
export function checkInput(source: NumberSource, text: string): string | null {
  const r = readNumber(source, text);
  return r.ok ? null : r.message;
}
