export * from './errors';
export * from './image';
export * from './import';
export * from './split';
export { isTar, readTar, writeTar, type TarEntry } from './tar';
export { decodeImageWithBitmap } from './decode-bitmap';
