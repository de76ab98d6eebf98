// The checks behind every setting, as label-free reasons: each place that reports a problem puts
// its own name in front (a control its label, a link its key, the CLI its flag, a file its path).

export interface NumberRule {
  min: number;
  max: number;
  integer?: boolean;
  label: string;
}

/** Why `value` breaks the rule (without the label), or null. */
export function numberReason(rule: Omit<NumberRule, 'label'>, value: unknown): string | null {
  const range = `${rule.min} to ${rule.max}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) return `"${String(value)}" is not a number; enter a value from ${range}`;
  if (rule.integer && !Number.isInteger(value)) return `${value} must be a whole number from ${range}`;
  if (value < rule.min || value > rule.max) return `${value} is out of range; enter a value from ${range}`;
  return null;
}

/** An error message naming the setting, the value and the allowed range, or null. */
export function checkNumber(rule: NumberRule, value: unknown): string | null {
  const why = numberReason(rule, value);
  return why && `${rule.label}: ${why}`;
}

/**
 * A number as people write one in a link, a flag or a field: decimal with an optional exponent.
 * Anything else (hex, "Infinity", empty) stays text, which numberReason refuses quoting it.
 */
export function parseNumberText(text: string): number | string {
  const t = text.trim();
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return text;
  return Number(t);
}

/** The one dataset-id rule: links, saved runs, the stores and the worker accept exactly these. */
export const DATASET_ID = /^[A-Za-z0-9:._-]{1,100}$/;
export const DATASET_ID_REASON = 'is not a dataset id (1 to 100 letters, digits, : . _ -)';

export function isDatasetId(id: unknown): id is string {
  return typeof id === 'string' && DATASET_ID.test(id);
}
