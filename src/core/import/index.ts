export * from './errors';
export * from './image';
export * from './import';
export * from './split';
export { isTar, readTar, writeTar, type TarEntry } from './tar';
export { checkMemory, gunzipInBudget, inflatesPastBudget } from './budget';
export { decodeImageWithBitmap } from './decode-bitmap';
