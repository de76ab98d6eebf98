export * from './run-store';
