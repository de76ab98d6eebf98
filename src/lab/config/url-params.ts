// The lab's configuration ⇄ its address, through the core's share-link helper (src/core/url):
// every value is untrusted, read by its setting in the one schema (the lab's own compare, backend
// and teacherSteps included), and a bad one is reported (as plain text, never HTML) and replaced
// by its default. Page-only flags (autoplay, debug) are the helper's extra keys; hide flags are
// checked against the registry of hideable names (config/hideable.ts).
import { parseShareLink, toShareLink } from '../../core/url/share-link';
import { HIDEABLE, LOCKABLE_SET } from './hideable';
import { defaultLabConfig, type LabConfig } from './lab-config';

export interface LabFlags {
  /** Start training as soon as the worker is ready. */
  autoplay: boolean;
  /** Show debug controls (e.g. simulate a lost GPU device). */
  debug: boolean;
}

export interface ParsedParams {
  config: LabConfig;
  flags: LabFlags;
  /** One plain-text message per refused value or unknown key, naming the parameter. */
  errors: string[];
  /** Controls hidden by `<control>_hide=1` (for teachers setting up a focused exercise). */
  hidden: Set<string>;
  /** Controls locked by `<control>_lock=1` (shown read-only). */
  locked: Set<string>;
}

const flag = (raw: string) => (raw === '0' || raw === '1' ? null : 'use 1 or 0');
const PAGE_FLAGS = new Map([['autoplay', flag], ['debug', flag]]);

/** Reads `location.search || location.hash` (or any query string). */
export function parseParams(input: string | URLSearchParams, base: LabConfig = defaultLabConfig()): ParsedParams {
  const r = parseShareLink(input, { defaults: base, extraKeys: PAGE_FLAGS, controls: HIDEABLE, lockable: LOCKABLE_SET });
  const x = r.extras;
  return { config: r.config, flags: { autoplay: x.get('autoplay') === '1', debug: x.get('debug') === '1' }, errors: r.messages, hidden: r.hidden, locked: r.locked };
}

/** The whole configuration (seed included) as a query string; parseParams gives it back. */
export function toParams(c: LabConfig, opts: { hidden?: Iterable<string>; locked?: Iterable<string>; debug?: boolean } = {}): string {
  return toShareLink(c, { hidden: opts.hidden, locked: opts.locked, extras: opts.debug ? [['debug', '1']] : [] });
}
