// How one setting is defined: its valibot schema (type, range, allowed values) and what people see
// (label, short label, help), its default, and how it reads from and writes to text (links, flags,
// fields). Reasons are label-free; each caller names the setting its own way.
import * as v from 'valibot';
import { DATASET_ID, DATASET_ID_REASON, numberReason, parseNumberText, type NumberRule } from './rules';

export type SettingKind = 'number' | 'choice' | 'flag' | 'list' | 'text';

export type FromText<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface SettingInfo<T> {
  /** Human name, lower-case first: messages use it; controls capitalise it. */
  label: string;
  /** Chart markers and edit logs: `${short}=${value}`. */
  short: string;
  help: string;
  default: T;
  /**
   * The value for saved runs and run files written before this setting existed: how that
   * version of the lab ran. Such data missing the setting gets this value, not an error.
   */
  legacy?: T;
}

export interface Setting<T = unknown> extends SettingInfo<T> {
  kind: SettingKind;
  schema: v.GenericSchema<unknown, T>;
  /** The allowed values in words ("0.00001 to 2", "cosine, step or constant"). */
  allowed: string;
  /** The allowed values of a choice or list. */
  options?: readonly string[];
  /** The range of a number. */
  rule?: NumberRule;
  /** Why `value` is not allowed (label-free), or null. */
  reason(value: unknown): string | null;
  fromText(raw: string): FromText<T>;
  toText(value: T): string;
}

const orList = (xs: readonly string[]) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`);

function make<T>(
  kind: SettingKind,
  info: SettingInfo<T>,
  schema: v.GenericSchema<unknown, T>,
  extra: { allowed: string; options?: readonly string[]; rule?: NumberRule; read: (raw: string) => unknown; write?: (value: T) => string },
): Setting<T> {
  const reason = (value: unknown) => {
    const r = v.safeParse(schema, value, { abortPipeEarly: true });
    return r.success ? null : r.issues[0].message;
  };
  const setting: Setting<T> = {
    ...info, kind, schema, allowed: extra.allowed, reason,
    fromText: (raw) => {
      const value = extra.read(raw);
      const why = reason(value);
      return why ? { ok: false, reason: why } : { ok: true, value: value as T };
    },
    toText: extra.write ?? ((value) => String(value)),
  };
  if (extra.options) setting.options = extra.options;
  if (extra.rule) setting.rule = extra.rule;
  const why = reason(info.default) ?? (info.legacy !== undefined ? reason(info.legacy) : null);
  if (why) throw new Error(`setting ${info.label}: its default or legacy value is not allowed: ${why}`);
  return setting;
}

export function numberSetting(o: SettingInfo<number> & { min: number; max: number; integer?: boolean }): Setting<number> {
  const rule: NumberRule = { min: o.min, max: o.max, integer: o.integer, label: o.label };
  const msg = (issue: { input: unknown }) => numberReason(rule, issue.input) ?? 'is not allowed';
  const range = v.pipe(v.number(msg), v.finite(msg), v.minValue<number, number, typeof msg>(o.min, msg), v.maxValue<number, number, typeof msg>(o.max, msg));
  const schema = o.integer ? v.pipe(range, v.integer(msg)) : range;
  const { min: _min, max: _max, integer: _int, ...info } = o;
  return make('number', info, schema, { allowed: `${o.integer ? 'a whole number ' : ''}from ${o.min} to ${o.max}`, rule, read: parseNumberText });
}

export function choiceSetting<T extends string>(options: readonly T[], info: SettingInfo<T>): Setting<T> {
  const schema = v.picklist(options, (issue) => `"${String(issue.input)}" is unknown; choose one of ${options.join(', ')}`);
  return make('choice', info, schema as v.GenericSchema<unknown, T>, { allowed: orList(options), options, read: (raw) => raw });
}

const FLAG_TEXT: Record<string, boolean> = { 1: true, 0: false, true: true, false: false };

export function flagSetting(info: SettingInfo<boolean>): Setting<boolean> {
  const schema = v.boolean((issue) => `${JSON.stringify(issue.input) ?? 'nothing'} is not true or false; use 1 or 0`);
  return make('flag', info, schema, {
    allowed: '1 or 0 (true or false)',
    read: (raw) => (Object.hasOwn(FLAG_TEXT, raw) ? FLAG_TEXT[raw] : raw),
    write: (value) => (value ? '1' : '0'),
  });
}

export interface ListRules<T extends string> {
  /** What one item is called in messages ("meta input"). */
  item: string;
  /** Items every non-empty list must hold. */
  mustInclude?: readonly T[];
  /** Whether the list may be empty (and the fewest items otherwise). */
  empty: boolean;
  minItems: number;
}

export function listSetting<T extends string>(options: readonly T[], rules: ListRules<T>, info: SettingInfo<T[]>): Setting<T[]> {
  const unknownItems = (xs: unknown[]) => xs.filter((x) => !(options as readonly unknown[]).includes(x));
  const schema = v.pipe(
    v.array(v.unknown(), (issue) => `${JSON.stringify(issue.input) ?? 'nothing'} is not a list of ${rules.item}s`),
    v.check((xs) => unknownItems(xs).length === 0, (issue) => `unknown ${rules.item}(s) ${unknownItems(issue.input as unknown[]).map((x) => JSON.stringify(x)).join(', ')}; choose from ${options.join(', ')}`),
    v.check((xs) => new Set(xs).size === xs.length, `name each ${rules.item} at most once`),
    v.check((xs) => (xs.length === 0 ? rules.empty : xs.length >= rules.minItems), rules.empty ? `name none, or at least ${rules.minItems} ${rules.item}s` : `name at least ${rules.minItems} ${rules.item}(s)`),
    v.check((xs) => xs.length === 0 || (rules.mustInclude ?? []).every((m) => xs.includes(m)), `the list must include ${(rules.mustInclude ?? []).join(', ')}`),
  ) as v.GenericSchema<unknown, T[]>;
  const must = rules.mustInclude?.length ? `, including ${rules.mustInclude.join(', ')}` : '';
  return make('list', info, schema, {
    allowed: `a comma list of distinct ${options.join(', ')}${must}${rules.empty ? ` (empty, or at least ${rules.minItems})` : ''}`,
    options,
    read: (raw) => raw.split(',').filter(Boolean),
    write: (value) => value.join(','),
  });
}

/** A dataset id (the one rule, rules.ts). */
export function datasetSetting(info: SettingInfo<string>): Setting<string> {
  const msg = (issue: { input: unknown }) => `${JSON.stringify(issue.input) ?? 'nothing'} ${DATASET_ID_REASON}`;
  const schema = v.pipe(v.string(msg), v.regex(DATASET_ID, msg));
  return make('text', info, schema, { allowed: 'a dataset id: 1 to 100 letters, digits, : . _ -', read: (raw) => raw });
}
