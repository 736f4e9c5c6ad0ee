// @quantrad/imaging — CT volumes in and out. The one public entry point of the package.
export type { Volume, VoxelArray, Triple } from './types/volume.ts';
export { VolumeReadError } from './types/volume-read-error.ts';
