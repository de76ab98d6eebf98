// The worker's IndexedDB connection: the shared one (opened on first use, reopened after a failure).
export { sharedRunStore as runStore } from '../../core/storage/shared';
