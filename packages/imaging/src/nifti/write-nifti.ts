import { gzipSync } from 'node:zlib';
import type { Volume } from '../types/volume.ts';
import { NIFTI_DATATYPES, datatypeOf } from './nifti-datatypes.ts';
import { quaternionOf, rasAffineOf } from './nifti-affine.ts';

export interface WriteNiftiOptions {
  gzip: boolean;
  /** Up to 79 characters (ASCII) kept in the header's descrip field. */
  description?: string;
}

// NIfTI-1 single-file layout (nifti1.h): 348-byte header, 4 extension bytes, image from byte 352.
const HEADER_BYTES = 348;
const VOX_OFFSET = 352;
const NIFTI_UNITS_MM = 2;
const NIFTI_UNITS_SEC = 8;
const NIFTI_XFORM_SCANNER_ANAT = 1;
const DESCRIPTION_BYTES = 80;
/** How far frame intervals may differ (s) and still be one pixdim[4]. */
const FRAME_INTERVAL_TOLERANCE_S = 1e-3;

/** The frame interval for pixdim[4]; NIfTI-1 has one, so unevenly spaced frame times are refused. */
function frameIntervalS(volume: Volume): number {
  const times = volume.frameTimesS;
  if (volume.frames < 2 || times === undefined) return 0;
  const first = times[0] ?? 0;
  const intervalS = ((times[times.length - 1] ?? 0) - first) / (volume.frames - 1);
  times.forEach((t, index) => {
    if (Math.abs(t - first - index * intervalS) > FRAME_INTERVAL_TOLERANCE_S) {
      throw new RangeError(
        `writeNifti: frameTimesS are not evenly spaced (frame ${index} at ${t} s, expected ${first + index * intervalS} s): NIfTI-1 keeps one frame interval (pixdim[4])`,
      );
    }
  });
  return intervalS;
}

/**
 * A volume as a NIfTI-1 single file (.nii bytes, or .nii.gz when `gzip`), little endian, in the volume's
 * own datatype with no scaling. Geometry goes into both the sform (exact) and the qform (the rotation
 * part; exact for orthogonal axes), converted from LPS to NIfTI's RAS, both coded scanner-anatomical.
 */
export function writeNifti(volume: Volume, options: WriteNiftiOptions): Uint8Array {
  const code = datatypeOf(volume.data);
  const { bytes: size } = NIFTI_DATATYPES[code];
  const voxelCount = volume.dims[0] * volume.dims[1] * volume.dims[2] * volume.frames;
  const out = new Uint8Array(VOX_OFFSET + voxelCount * size);
  const view = new DataView(out.buffer);
  const le = true;

  view.setInt32(0, HEADER_BYTES, le);
  out[38] = 'r'.charCodeAt(0); // "regular", as the reference library writes it
  const rank = volume.frames > 1 ? 4 : 3;
  [rank, ...volume.dims, volume.frames, 1, 1, 1].forEach((n, index) => {
    view.setInt16(40 + 2 * index, n, le);
  });
  view.setInt16(70, code, le);
  view.setInt16(72, size * 8, le);

  const affine = rasAffineOf(volume);
  const rotation = affine.map((row) =>
    row.slice(0, 3).map((v, column) => v / (volume.spacingMm[column] ?? 1)),
  );
  const quaternion = quaternionOf(rotation);
  const pixdim = [quaternion.qfac, ...volume.spacingMm, frameIntervalS(volume), 0, 0, 0];
  pixdim.forEach((v, index) => {
    view.setFloat32(76 + 4 * index, v, le);
  });
  view.setFloat32(108, VOX_OFFSET, le);
  view.setFloat32(112, 1, le); // scl_slope 1, scl_inter 0: values are stored as they are
  view.setFloat32(116, 0, le);
  out[123] = NIFTI_UNITS_MM | NIFTI_UNITS_SEC;

  const description = new TextEncoder().encode(options.description ?? '').subarray(0, DESCRIPTION_BYTES - 1);
  out.set(description, 148);

  view.setInt16(252, NIFTI_XFORM_SCANNER_ANAT, le);
  view.setInt16(254, NIFTI_XFORM_SCANNER_ANAT, le);
  [quaternion.b, quaternion.c, quaternion.d, ...affine.map((row) => row[3] ?? 0)].forEach((v, index) => {
    view.setFloat32(256 + 4 * index, v, le);
  });
  affine.forEach((row, r) => {
    row.forEach((v, c) => {
      view.setFloat32(280 + 16 * r + 4 * c, v, le);
    });
  });
  out.set(new TextEncoder().encode('n+1'), 344);

  // Voxels in the host's byte order; Node runs little endian on every platform it supports.
  const data = volume.data;
  out.set(new Uint8Array(data.buffer, data.byteOffset, voxelCount * size), VOX_OFFSET);
  return options.gzip ? gzipSync(out) : out;
}
