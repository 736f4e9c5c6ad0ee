import { gunzipSync } from 'node:zlib';
import { NIFTI1, isNIFTI1, isNIFTI2, readHeader } from 'nifti-reader-js';
import type { Triple, Volume, VoxelArray } from '../types/volume.ts';
import { VolumeReadError } from '../types/volume-read-error.ts';
import { createVolume } from '../volume/create-volume.ts';
import { NIFTI_DATATYPES, UNSUPPORTED_NIFTI_DATATYPES, isReadableDatatype } from './nifti-datatypes.ts';
import type { NiftiDatatypeCode } from './nifti-datatypes.ts';
import { geometryFromRasAffine, qformAffine, type Affine3x4 } from './nifti-affine.ts';

// Offsets and codes from the NIfTI-1 header definition (nifti1.h).
const HEADER_BYTES = 348;
const SROW_OFFSET = 280;
const SPATIAL_UNIT_TO_MM: Readonly<Record<number, number>> = { 0: 1, 1: 1000, 2: 1, 3: 0.001 };
const TIME_UNIT_TO_S: Readonly<Record<number, number>> = { 0: 1, 8: 1, 16: 0.001, 24: 0.000001 };

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  // A view over a whole ArrayBuffer (as gunzip returns) is used as it is; anything else is copied.
  const { buffer, byteOffset, byteLength } = bytes;
  if (buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength) return buffer;
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy.buffer;
}

/** The voxel values of the image block, native byte order, as the datatype's typed array. */
function typedVoxels(
  block: ArrayBuffer,
  code: NiftiDatatypeCode,
  littleEndian: boolean,
): VoxelArray | Float64Array {
  const size = NIFTI_DATATYPES[code].bytes;
  if (!littleEndian && size > 1) {
    const view = new Uint8Array(block);
    for (let at = 0; at < view.length; at += size) view.subarray(at, at + size).reverse();
  }
  switch (code) {
    case 2:
      return new Uint8Array(block);
    case 4:
      return new Int16Array(block);
    case 8:
      return new Int32Array(block);
    case 16:
      return new Float32Array(block);
    case 64:
      return new Float64Array(block);
    case 512:
      return new Uint16Array(block);
  }
}

/** The voxels as a typed array over `buffer` from `byteOffset` (aligned, native byte order): no copy. */
function typedView(
  buffer: ArrayBuffer,
  byteOffset: number,
  count: number,
  code: NiftiDatatypeCode,
): VoxelArray | Float64Array {
  switch (code) {
    case 2:
      return new Uint8Array(buffer, byteOffset, count);
    case 4:
      return new Int16Array(buffer, byteOffset, count);
    case 8:
      return new Int32Array(buffer, byteOffset, count);
    case 16:
      return new Float32Array(buffer, byteOffset, count);
    case 64:
      return new Float64Array(buffer, byteOffset, count);
    case 512:
      return new Uint16Array(buffer, byteOffset, count);
  }
}

/**
 * Applies scl_slope and scl_inter (nifti1.h: a slope of 0 means no scaling). The result is Int16 when an
 * integer source with an integer slope and intercept stays within int16, otherwise Float32; float64 is
 * always narrowed to float32.
 */
function scaled(raw: VoxelArray | Float64Array, slope: number, intercept: number): VoxelArray {
  const scaling =
    Number.isFinite(slope) && slope !== 0 && Number.isFinite(intercept) && (slope !== 1 || intercept !== 0);
  if (!scaling) return raw instanceof Float64Array ? Float32Array.from(raw) : raw;
  const integerSource = !(raw instanceof Float32Array || raw instanceof Float64Array);
  if (integerSource && Number.isInteger(slope) && Number.isInteger(intercept)) {
    let min = Infinity;
    let max = -Infinity;
    for (const value of raw) {
      if (value < min) min = value;
      if (value > max) max = value;
    }
    const ends = [min * slope + intercept, max * slope + intercept];
    if (ends.every((v) => v >= -32768 && v <= 32767)) {
      const out = new Int16Array(raw.length);
      for (let n = 0; n < raw.length; n++) out[n] = (raw[n] ?? 0) * slope + intercept;
      return out;
    }
  }
  const out = new Float32Array(raw.length);
  for (let n = 0; n < raw.length; n++) out[n] = (raw[n] ?? 0) * slope + intercept;
  return out;
}

/** The sform rows as stored (nifti-reader-js prefers the qform when its code is higher, NIfTI does not). */
function sformRows(header: ArrayBuffer, littleEndian: boolean): Affine3x4 {
  const view = new DataView(header);
  const row = (r: number): number[] =>
    [0, 1, 2, 3].map((c) => view.getFloat32(SROW_OFFSET + 16 * r + 4 * c, littleEndian));
  return [row(0), row(1), row(2)];
}

function scaleAffine(affine: Affine3x4, factor: number): Affine3x4 {
  const rows = affine.map((row) => row.map((v) => v * factor));
  return [rows[0] ?? [], rows[1] ?? [], rows[2] ?? []];
}

/**
 * A NIfTI-1 single file (.nii, or gzipped .nii.gz detected by its magic bytes) as a `Volume` in LPS.
 * Geometry from the sform when its code is set, else the qform, else the voxel sizes alone (NIfTI
 * "method 1"); 4-D files become frames with frameTimesS from the frame interval pixdim[4]. Anything
 * malformed or truncated is a `VolumeReadError` naming `file` and the problem.
 */
export function readNifti(bytes: Uint8Array, file: string, options: { shareBytes?: boolean } = {}): Volume {
  const problem = (text: string): never => {
    throw new VolumeReadError(file, text);
  };
  let plain = bytes;
  if (isGzip(bytes)) {
    try {
      plain = gunzipSync(bytes);
    } catch (error) {
      problem(
        `the gzip stream cannot be decompressed (${(error as Error).message}): the file is truncated or corrupt`,
      );
    }
  }
  if (plain.length < HEADER_BYTES) {
    problem(`only ${plain.length} bytes: a NIfTI-1 header alone is ${HEADER_BYTES} bytes`);
  }
  const buffer = toArrayBuffer(plain);
  if (!isNIFTI1(buffer)) {
    if (isNIFTI2(buffer)) problem('is NIfTI-2, which is not supported: save it as NIfTI-1');
    if (isNIFTI1(buffer, true)) problem("is the header of a .hdr/.img pair ('ni1'): give a single-file .nii");
    problem("is not a NIfTI-1 file (no 'n+1' magic at byte 344)");
  }
  let parsed: ReturnType<typeof readHeader>;
  try {
    parsed = readHeader(buffer);
  } catch (error) {
    return problem(`the NIfTI-1 header cannot be read: ${(error as Error).message}`);
  }
  if (!(parsed instanceof NIFTI1)) return problem('is not a NIfTI-1 file');
  const header = parsed;

  const rank = header.dims[0] ?? 0;
  if (rank < 1 || rank > 7) problem(`dim[0] is ${rank}: it must be 1 to 7`);
  const dimAt = (n: number): number => (n <= rank ? (header.dims[n] ?? 0) : 1);
  for (let n = 1; n <= rank; n++) {
    if (dimAt(n) < 1) problem(`dim[${n}] is ${dimAt(n)}: every dimension must be at least 1`);
  }
  for (let n = 5; n <= rank; n++) {
    if (dimAt(n) !== 1) problem(`dim[${n}] is ${dimAt(n)}: only 3-D volumes and 4-D time series are read`);
  }
  const dims: Triple = [dimAt(1), dimAt(2), dimAt(3)];
  const frames = dimAt(4);

  const code = header.datatypeCode;
  if (!isReadableDatatype(code)) {
    const name = UNSUPPORTED_NIFTI_DATATYPES[code] ?? 'not a NIfTI-1 datatype';
    return problem(
      `datatype ${code} (${name}) is not read: uint8, int16, uint16, int32, float32 and float64 are`,
    );
  }
  const { name, bytes: size } = NIFTI_DATATYPES[code];
  if (header.numBitsPerVoxel !== size * 8) {
    problem(`bitpix is ${header.numBitsPerVoxel} but datatype ${name} has ${size * 8} bits per voxel`);
  }
  const offset = header.vox_offset;
  if (!Number.isInteger(offset) || offset < HEADER_BYTES) {
    problem(`vox_offset is ${offset}: the image must start at a whole byte at or after ${HEADER_BYTES}`);
  }
  const voxelCount = dims[0] * dims[1] * dims[2] * frames;
  const needed = voxelCount * size;
  const available = Math.max(0, plain.length - offset);
  if (available < needed) {
    const shape = [...dims, ...(frames > 1 ? [frames] : [])].join('×');
    problem(
      `header says ${shape} ${name} voxels (${needed} bytes) but only ${available} bytes follow the header`,
    );
  }
  // The voxels are viewed in place, without copying a study-sized block, when the buffer is ours (gunzipped
  // here, or the caller shares it) and the block is aligned and in native (little-endian) byte order.
  const owned = plain !== bytes || options.shareBytes === true;
  const inPlace = owned && (header.littleEndian || size === 1) && offset % size === 0;
  const raw = inPlace
    ? typedView(buffer, offset, voxelCount, code)
    : typedVoxels(buffer.slice(offset, offset + needed), code, header.littleEndian);
  const data = scaled(raw, header.scl_slope, header.scl_inter);

  const toMm = SPATIAL_UNIT_TO_MM[header.xyzt_units & NIFTI1.SPATIAL_UNITS_MASK] ?? 1;
  const pixdim = (n: number): number => Math.abs(header.pixDims[n] ?? 0) || 1;
  let affine: Affine3x4;
  if (header.sform_code > 0) {
    affine = sformRows(buffer, header.littleEndian);
  } else if (header.qform_code > 0) {
    const quaternion = {
      b: header.quatern_b,
      c: header.quatern_c,
      d: header.quatern_d,
      qfac: (header.pixDims[0] ?? 1) < 0 ? (-1 as const) : (1 as const),
    };
    affine = qformAffine(
      quaternion,
      [pixdim(1), pixdim(2), pixdim(3)],
      [header.qoffset_x, header.qoffset_y, header.qoffset_z],
    );
  } else {
    // NIfTI "method 1" (no orientation given): voxel sizes along the axes, origin at voxel 0.
    affine = [
      [pixdim(1), 0, 0, 0],
      [0, pixdim(2), 0, 0],
      [0, 0, pixdim(3), 0],
    ];
  }
  const transform = header.sform_code > 0 ? 'sform' : 'qform';
  if (affine.some((row) => row.some((v) => !Number.isFinite(v)))) problem(`the ${transform} is not finite`);
  const geometry = geometryFromRasAffine(scaleAffine(affine, toMm));
  if ('zeroColumn' in geometry) {
    return problem(`the ${transform} column for voxel axis ${'ijk'[geometry.zeroColumn] ?? ''} is zero`);
  }

  let frameTimesS: number[] | undefined;
  // A frame interval in Hz, ppm or rad/s (spectral data) is not a time: no frame times then.
  const secondsPerUnit = TIME_UNIT_TO_S[header.xyzt_units & NIFTI1.TEMPORAL_UNITS_MASK];
  const intervalS = (header.pixDims[4] ?? 0) * (secondsPerUnit ?? NaN);
  if (frames > 1 && Number.isFinite(intervalS) && intervalS > 0) {
    frameTimesS = Array.from({ length: frames }, (_, t) => t * intervalS);
  }
  try {
    return createVolume({
      data,
      dims,
      frames,
      ...geometry,
      ...(frameTimesS === undefined ? {} : { frameTimesS }),
    });
  } catch (error) {
    return problem((error as Error).message);
  }
}
