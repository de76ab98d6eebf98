// Validation lives in the settings schema (core/settings); these are its number rules under the
// names older code uses.
import { BETAS, COLD, HOT, type NumberRule } from '../settings';
import type { ColdSettings, HotSettings } from '../settings';

export { checkNumber, validateCold, validateHot, type NumberRule } from '../settings';

const rulesOf = <T extends object>(table: Record<string, { rule?: NumberRule }>) =>
  Object.fromEntries(Object.entries(table).flatMap(([k, s]) => (s.rule ? [[k, s.rule]] : []))) as T;

export const HOT_RULES = rulesOf<Record<Exclude<keyof HotSettings, 'betas'>, NumberRule>>(HOT);
export const COLD_RULES = rulesOf<Partial<Record<keyof ColdSettings, NumberRule>>>(COLD);
/** The rule of every β (each β's own rule names its hint: BETAS[hint].rule). */
export const BETA_RULE: NumberRule = { ...BETAS.kd.rule!, label: 'hint scale β' };
