import type { VoxelArray } from '../types/volume.ts';

/** The NIfTI-1 datatype codes quantrad reads (nifti1.h, DT_*), with their size and name. */
export const NIFTI_DATATYPES = {
  2: { name: 'uint8', bytes: 1 },
  4: { name: 'int16', bytes: 2 },
  8: { name: 'int32', bytes: 4 },
  16: { name: 'float32', bytes: 4 },
  64: { name: 'float64', bytes: 8 },
  512: { name: 'uint16', bytes: 2 },
} as const;

export type NiftiDatatypeCode = keyof typeof NIFTI_DATATYPES;

/** Names of the NIfTI-1 datatypes quantrad does not read, for the error message (nifti1.h). */
export const UNSUPPORTED_NIFTI_DATATYPES: Readonly<Record<number, string>> = {
  0: 'unknown',
  1: 'binary (1 bit)',
  32: 'complex64',
  128: 'RGB24',
  256: 'int8',
  768: 'uint32',
  1024: 'int64',
  1280: 'uint64',
  1536: 'float128',
  1792: 'complex128',
  2048: 'complex256',
  2304: 'RGBA32',
};

export function isReadableDatatype(code: number): code is NiftiDatatypeCode {
  return Object.hasOwn(NIFTI_DATATYPES, code);
}

/** The datatype code a volume's voxel array is written as. */
export function datatypeOf(data: VoxelArray): NiftiDatatypeCode {
  if (data instanceof Uint8Array) return 2;
  if (data instanceof Int16Array) return 4;
  if (data instanceof Int32Array) return 8;
  if (data instanceof Float32Array) return 16;
  return 512;
}
