// One schema for every setting: the controls, the worker, the CLI and (later) URLs check
// values against it, so an absurd value is refused before it reaches training.
import { HINTS, LR_SCHEDULES, METHODS, WEIGHT_NORMS, type ColdSettings, type HotSettings } from './config';

export interface NumberRule {
  min: number;
  max: number;
  integer?: boolean;
  label: string;
}

export const HOT_RULES: Record<Exclude<keyof HotSettings, 'betas'>, NumberRule> = {
  lr: { min: 1e-5, max: 2, label: 'learning rate' },
  temperature: { min: 0.5, max: 20, label: 'temperature T' },
  gamma: { min: 0, max: 10, label: 'CE weight γ' },
  metaLr: { min: 0, max: 1, label: 'meta learning rate' },
  mu: { min: 0, max: 0.999, label: 'ensembling momentum μ' },
  metaInterval: { min: 1, max: 1000, integer: true, label: 'meta interval' },
};

export const BETA_RULE: NumberRule = { min: 0, max: 10000, label: 'hint scale β' };

export const COLD_RULES: Partial<Record<keyof ColdSettings, NumberRule>> = {
  seed: { min: 0, max: 2 ** 31 - 1, integer: true, label: 'seed' },
  batchSize: { min: 2, max: 512, integer: true, label: 'batch size' },
  metaBatchSize: { min: 2, max: 512, integer: true, label: 'meta batch size' },
  evalEvery: { min: 0, max: 100000, integer: true, label: 'evaluation interval' },
  evalSize: { min: 0, max: 100000, integer: true, label: 'evaluation size' },
  probeEvery: { min: 1, max: 100000, integer: true, label: 'probe interval' },
  probeCount: { min: 1, max: 256, integer: true, label: 'probe count' },
  totalSteps: { min: 1, max: 10_000_000, integer: true, label: 'total steps' },
  momentum: { min: 0, max: 0.999, label: 'momentum' },
  weightDecay: { min: 0, max: 0.1, label: 'weight decay' },
  valSize: { min: 0, max: 50_000, integer: true, label: 'validation images' },
  bnStatsSize: { min: 0, max: 5000, integer: true, label: 'images for batch-norm statistics' },
};

/** Returns an error message naming the setting, the value and the allowed range, or null. */
export function checkNumber(rule: NumberRule, value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return `${rule.label}: "${String(value)}" is not a number; enter a value from ${rule.min} to ${rule.max}`;
  }
  if (rule.integer && !Number.isInteger(value)) {
    return `${rule.label}: ${value} must be a whole number from ${rule.min} to ${rule.max}`;
  }
  if (value < rule.min || value > rule.max) {
    return `${rule.label}: ${value} is out of range; enter a value from ${rule.min} to ${rule.max}`;
  }
  return null;
}

export function validateHot(hot: Partial<HotSettings>): string[] {
  const errors: string[] = [];
  for (const [key, value] of Object.entries(hot)) {
    if (key === 'betas') {
      for (const [hint, b] of Object.entries(value as Record<string, unknown>)) {
        if (!(HINTS as readonly string[]).includes(hint)) errors.push(`unknown hint "${hint}"; hints are ${HINTS.join(', ')}`);
        else {
          const e = checkNumber({ ...BETA_RULE, label: `β for ${hint}` }, b);
          if (e) errors.push(e);
        }
      }
      continue;
    }
    const rule = HOT_RULES[key as keyof typeof HOT_RULES];
    if (!rule) {
      errors.push(`unknown hot setting "${key}"`);
      continue;
    }
    const e = checkNumber(rule, value);
    if (e) errors.push(e);
  }
  return errors;
}

export function validateCold(cold: Partial<ColdSettings>): string[] {
  const errors: string[] = [];
  for (const [key, value] of Object.entries(cold)) {
    const rule = COLD_RULES[key as keyof ColdSettings];
    if (rule) {
      const e = checkNumber(rule, value);
      if (e) errors.push(e);
    }
  }
  if (cold.method !== undefined && !(METHODS as readonly string[]).includes(cold.method)) {
    errors.push(`method "${cold.method}" is unknown; choose one of ${METHODS.join(', ')}`);
  }
  if (cold.lrSchedule !== undefined && !(LR_SCHEDULES as readonly string[]).includes(cold.lrSchedule)) {
    errors.push(`learning-rate schedule "${cold.lrSchedule}" is unknown; choose one of ${LR_SCHEDULES.join(', ')}`);
  }
  if (cold.weightNorm !== undefined && !(WEIGHT_NORMS as readonly string[]).includes(cold.weightNorm)) {
    errors.push(`meta-weight normalisation "${cold.weightNorm}" is unknown; choose one of ${WEIGHT_NORMS.join(', ')}`);
  }
  return errors;
}
