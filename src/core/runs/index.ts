export * from './runfile';
export * from './replay';
export * from './metrics';
