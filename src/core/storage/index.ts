export * from './run-store';
export * from './shared';
