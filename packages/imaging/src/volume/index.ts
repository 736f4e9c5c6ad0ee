// @quantrad/imaging/volume — the typed-array Volume alone (its type, construction and releasing a large
// buffer), without the readers and writers: for worker threads, which then load none of DICOM, NIfTI or zod
// (the package's main entry point, src/index.ts, exports the same functions).
export type { Volume, VoxelArray, Triple } from '../types/volume.ts';
export { createVolume, type VolumeInput } from './create-volume.ts';
export { releaseBuffer } from './release-buffer.ts';
