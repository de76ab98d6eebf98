export * from './share-link';
