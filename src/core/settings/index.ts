// The one settings schema. See schema.ts for how it is assembled.
export * from './coefficients';
export { COLD } from './cold';
export type { FromText, Setting, SettingKind } from './define';
export * from './edits';
export { BETAS, HOT } from './hot';
export * from './ids';
export { LAB } from './lab';
export * from './registry';
export * from './rules';
export * from './schema';
