import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  VolumeReadError,
  createVolume,
  readNifti,
  readNiftiFile,
  writeNifti,
  writeNiftiFile,
  type Volume,
} from '../src/index.ts';

/** NIfTI-1 header fields set by hand at their nifti1.h byte offsets, for files written independently. */
interface HandHeader {
  littleEndian: boolean;
  dim: number[]; // dim[0..7]
  datatype: number;
  bitpix: number;
  pixdim: number[]; // pixdim[0..7]
  sclSlope: number;
  sclInter: number;
  xyztUnits: number;
  qformCode: number;
  sformCode: number;
  quatern?: [number, number, number];
  qoffset?: [number, number, number];
  srow?: [number[], number[], number[]];
}

function handHeader(h: HandHeader): Uint8Array {
  const bytes = new Uint8Array(352);
  const v = new DataView(bytes.buffer);
  const le = h.littleEndian;
  v.setInt32(0, 348, le); // sizeof_hdr
  h.dim.forEach((n, i) => {
    v.setInt16(40 + 2 * i, n, le);
  }); // dim[8]
  v.setInt16(70, h.datatype, le);
  v.setInt16(72, h.bitpix, le);
  h.pixdim.forEach((n, i) => {
    v.setFloat32(76 + 4 * i, n, le);
  }); // pixdim[8]
  v.setFloat32(108, 352, le); // vox_offset
  v.setFloat32(112, h.sclSlope, le);
  v.setFloat32(116, h.sclInter, le);
  v.setUint8(123, h.xyztUnits);
  v.setInt16(252, h.qformCode, le);
  v.setInt16(254, h.sformCode, le);
  (h.quatern ?? [0, 0, 0]).forEach((n, i) => {
    v.setFloat32(256 + 4 * i, n, le);
  });
  (h.qoffset ?? [0, 0, 0]).forEach((n, i) => {
    v.setFloat32(268 + 4 * i, n, le);
  });
  (h.srow ?? [[], [], []]).forEach((row, r) => {
    row.forEach((n, c) => {
      v.setFloat32(280 + 16 * r + 4 * c, n, le);
    });
  });
  bytes.set([0x6e, 0x2b, 0x31, 0x00], 344); // "n+1\0"
  return bytes;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function expectGeometry(actual: Volume, expected: Volume, digits = 4): void {
  expect(actual.dims).toEqual(expected.dims);
  expect(actual.frames).toBe(expected.frames);
  actual.spacingMm.forEach((v, i) => {
    expect(v).toBeCloseTo(expected.spacingMm[i] ?? NaN, digits);
  });
  actual.originMm.forEach((v, i) => {
    expect(v).toBeCloseTo(expected.originMm[i] ?? NaN, digits);
  });
  actual.direction.forEach((v, i) => {
    expect(v).toBeCloseTo(expected.direction[i] ?? NaN, digits);
  });
}

// An oblique, left-handed grid: x turned 20° about S, y turned with it, z towards the feet (−S, as an
// axial series stored head first is), so the NIfTI qform needs qfac −1.
const c20 = Math.cos((20 * Math.PI) / 180);
const s20 = Math.sin((20 * Math.PI) / 180);
const OBLIQUE = [c20, s20, 0, -s20, c20, 0, 0, 0, -1];

function rampInt16(dims: [number, number, number], frames = 1): Int16Array {
  const n = dims[0] * dims[1] * dims[2] * frames;
  return Int16Array.from({ length: n }, (_, i) => ((i * 37) % 3000) - 1024);
}

describe('NIfTI-1 round trip', () => {
  it('keeps int16 voxels and an oblique left-handed affine (.nii)', () => {
    const volume = createVolume({
      data: rampInt16([7, 5, 4]),
      dims: [7, 5, 4],
      spacingMm: [0.68, 0.68, 2.5],
      originMm: [-120.5, 80.25, 310],
      direction: OBLIQUE,
    });
    const bytes = writeNifti(volume, { gzip: false, description: 'round trip' });
    expect(bytes.length).toBe(352 + 7 * 5 * 4 * 2);
    const back = readNifti(bytes, 'rt.nii');
    expect(back.data).toBeInstanceOf(Int16Array);
    expect(Array.from(back.data)).toEqual(Array.from(volume.data));
    expectGeometry(back, volume);
  });

  it('views the voxels in place only in bytes it owns: the caller\u2019s bytes are never aliased', () => {
    const volume = createVolume({ data: rampInt16([4, 3, 2]), dims: [4, 3, 2] });
    const bytes = writeNifti(volume, { gzip: false });
    const copied = readNifti(bytes, 'copied.nii');
    const shared = readNifti(bytes, 'shared.nii', { shareBytes: true });
    // Overwrite the first voxel (at vox_offset 352) in the caller's bytes.
    new DataView(bytes.buffer, bytes.byteOffset).setInt16(352, 12345, true);
    expect(copied.data[0]).toBe(volume.data[0]);
    expect(shared.data[0]).toBe(12345);
  });

  it('writes a qform that gives the same geometry when the sform is switched off', () => {
    const volume = createVolume({
      data: rampInt16([3, 3, 3]),
      dims: [3, 3, 3],
      spacingMm: [0.5, 0.75, 3],
      originMm: [1, 2, 3],
      direction: OBLIQUE,
    });
    const bytes = writeNifti(volume, { gzip: false });
    new DataView(bytes.buffer, bytes.byteOffset).setInt16(254, 0, true); // sform_code 0
    expectGeometry(readNifti(bytes, 'qform-only.nii'), volume);
  });

  it('keeps float32 voxels through .nii.gz', () => {
    const data = Float32Array.from({ length: 4 * 3 * 2 }, (_, i) => i * 0.25 - 3.5);
    const volume = createVolume({ data, dims: [4, 3, 2], spacingMm: [1.5, 1.5, 1] });
    const bytes = writeNifti(volume, { gzip: true });
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    const back = readNifti(bytes, 'rt.nii.gz');
    expect(back.data).toBeInstanceOf(Float32Array);
    expect(Array.from(back.data)).toEqual(Array.from(data));
    expectGeometry(back, volume);
  });

  it('keeps a 4-D series and its frame times', () => {
    const volume = createVolume({
      data: rampInt16([3, 2, 2], 4),
      dims: [3, 2, 2],
      frames: 4,
      frameTimesS: [0, 2, 4, 6],
    });
    const back = readNifti(writeNifti(volume, { gzip: true }), '4d.nii.gz');
    expect(back.frames).toBe(4);
    expect(back.frameTimesS).toEqual([0, 2, 4, 6]);
    expect(Array.from(back.data)).toEqual(Array.from(volume.data));
  });

  it('keeps uint8, uint16 and int32 as their own types', () => {
    for (const data of [
      Uint8Array.of(0, 7, 255, 1),
      Uint16Array.of(0, 4095, 65535, 2),
      Int32Array.of(-70000, 0, 70000, 3),
    ]) {
      const back = readNifti(
        writeNifti(createVolume({ data, dims: [2, 2, 1] }), { gzip: false }),
        'typed.nii',
      );
      expect(back.data.constructor).toBe(data.constructor);
      expect(Array.from(back.data)).toEqual(Array.from(data));
    }
  });

  it('refuses frame times that one frame interval cannot hold', () => {
    const volume = createVolume({
      data: new Int16Array(3),
      dims: [1, 1, 1],
      frames: 3,
      frameTimesS: [0, 1, 3],
    });
    expect(() => writeNifti(volume, { gzip: false })).toThrow(/frameTimesS are not evenly spaced/);
  });
});

describe('NIfTI-1 written by hand', () => {
  it('reads big-endian int16 with scl_slope/scl_inter and a qform (180° about z: LPS identity)', () => {
    // Quaternion (b, c, d) = (0, 0, 1): a = 0, R = diag(−1, −1, 1) in RAS, which is the identity in LPS.
    // RAS offset (10, 20, −30) → LPS origin (−10, −20, −30). Stored 0..11 → 2·v − 10 = −10, −8, …, 12.
    const header = handHeader({
      littleEndian: false,
      dim: [3, 3, 2, 2, 1, 1, 1, 1],
      datatype: 4,
      bitpix: 16,
      pixdim: [1, 0.8, 0.8, 2.5, 0, 0, 0, 0],
      sclSlope: 2,
      sclInter: -10,
      xyztUnits: 2,
      qformCode: 1,
      sformCode: 0,
      quatern: [0, 0, 1],
      qoffset: [10, 20, -30],
    });
    const voxels = new Uint8Array(24);
    for (let n = 0; n < 12; n++) new DataView(voxels.buffer).setInt16(2 * n, n, false);
    const volume = readNifti(concat(header, voxels), 'hand-be.nii');
    expect(volume.dims).toEqual([3, 2, 2]);
    expect(volume.data).toBeInstanceOf(Int16Array);
    expect(Array.from(volume.data)).toEqual([-10, -8, -6, -4, -2, 0, 2, 4, 6, 8, 10, 12]);
    expectGeometry(
      volume,
      createVolume({
        data: new Int16Array(12),
        dims: [3, 2, 2],
        spacingMm: [0.8, 0.8, 2.5],
        originMm: [-10, -20, -30],
      }),
      5,
    );
  });

  it('prefers the sform to the qform even when the qform code is higher, and converts metres', () => {
    // sform (RAS, metres): i → −0.002 x (2 mm to the left), j → +0.0015 z (1.5 mm up), k → +0.003 y
    // (3 mm anterior); offset (0.05, −0.01, 0.005) m. In LPS mm: direction rows (1,0,0), (0,0,1), (0,−1,0);
    // spacing 2, 1.5, 3; origin (−50, 10, 5). The qform (identity, code 2) must be ignored.
    const header = handHeader({
      littleEndian: true,
      dim: [3, 2, 2, 2, 1, 1, 1, 1],
      datatype: 16,
      bitpix: 32,
      pixdim: [1, 0.002, 0.0015, 0.003, 0, 0, 0, 0],
      sclSlope: 0,
      sclInter: 0,
      xyztUnits: 1,
      qformCode: 2,
      sformCode: 1,
      srow: [
        [-0.002, 0, 0, 0.05],
        [0, 0, 0.003, -0.01],
        [0, 0.0015, 0, 0.005],
      ],
    });
    const voxels = new Uint8Array(new Float32Array([0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5]).buffer);
    const volume = readNifti(concat(header, voxels), 'hand-sform.nii');
    expect(Array.from(volume.data)).toEqual([0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5]);
    expectGeometry(
      volume,
      createVolume({
        data: new Float32Array(8),
        dims: [2, 2, 2],
        spacingMm: [2, 1.5, 3],
        originMm: [-50, 10, 5],
        direction: [1, 0, 0, 0, 0, 1, 0, -1, 0],
      }),
      4,
    );
  });

  it('reads float64 as float32 and a 4-D frame interval in milliseconds as seconds', () => {
    const header = handHeader({
      littleEndian: true,
      dim: [4, 1, 1, 1, 3, 1, 1, 1],
      datatype: 64,
      bitpix: 64,
      pixdim: [1, 1, 1, 1, 1500, 0, 0, 0],
      sclSlope: 1,
      sclInter: 0,
      xyztUnits: 2 | 16, // mm, msec
      qformCode: 0,
      sformCode: 0,
    });
    const voxels = new Uint8Array(new Float64Array([1.25, -2.5, 100]).buffer);
    const volume = readNifti(concat(header, voxels), 'hand-4d.nii');
    expect(volume.data).toBeInstanceOf(Float32Array);
    expect(Array.from(volume.data)).toEqual([1.25, -2.5, 100]);
    expect(volume.frames).toBe(3);
    expect(volume.frameTimesS).toEqual([0, 1.5, 3]);
  });
});

describe('NIfTI-1 errors name the file and the problem', () => {
  const big = createVolume({ data: new Int16Array(64 * 64 * 20), dims: [64, 64, 20] });
  const bytes = writeNifti(big, { gzip: false });

  it('a truncated image: what the header promises and what follows it', () => {
    expect(() => readNifti(bytes.subarray(0, 352 + 1000), 'scan.nii')).toThrow(
      new VolumeReadError(
        'scan.nii',
        'header says 64×64×20 int16 voxels (163840 bytes) but only 1000 bytes follow the header',
      ),
    );
  });

  it('a truncated gzip stream', () => {
    const gz = gzipSync(bytes);
    expect(() => readNifti(gz.subarray(0, 200), 'scan.nii.gz')).toThrow(
      /^scan.nii.gz: the gzip stream cannot be decompressed/,
    );
  });

  it('a file shorter than the header, and a file that is not NIfTI-1', () => {
    expect(() => readNifti(bytes.subarray(0, 100), 'short.nii')).toThrow(
      /short.nii: only 100 bytes: a NIfTI-1 header alone is 348 bytes/,
    );
    expect(() => readNifti(new Uint8Array(400), 'zeros.nii')).toThrow(/zeros.nii: is not a NIfTI-1 file/);
  });

  it('a datatype it does not read', () => {
    const int8 = bytes.slice();
    const view = new DataView(int8.buffer);
    view.setInt16(70, 256, true);
    view.setInt16(72, 8, true);
    expect(() => readNifti(int8, 'int8.nii')).toThrow(/int8.nii: datatype 256 \(int8\) is not read/);
  });

  it('a bitpix that contradicts the datatype', () => {
    const wrong = bytes.slice();
    new DataView(wrong.buffer).setInt16(72, 32, true);
    expect(() => readNifti(wrong, 'bitpix.nii')).toThrow(
      /bitpix.nii: bitpix is 32 but datatype int16 has 16 bits/,
    );
  });
});

describe('NIfTI files', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('gzips when the name ends .gz and reads it back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'quantrad-nifti-'));
    dirs.push(dir);
    const volume = createVolume({ data: rampInt16([4, 4, 2]), dims: [4, 4, 2], spacingMm: [0.9, 0.9, 1.25] });
    const gzPath = join(dir, 'ct.nii.gz');
    const plainPath = join(dir, 'ct.nii');
    await writeNiftiFile(gzPath, volume);
    await writeNiftiFile(plainPath, volume);
    expect((await readFile(gzPath)).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect((await readFile(plainPath)).length).toBe(352 + 64);
    const back = await readNiftiFile(gzPath);
    expect(Array.from(back.data)).toEqual(Array.from(volume.data));
    await expect(readNiftiFile(join(dir, 'missing.nii'))).rejects.toThrow(
      /missing.nii: cannot be read \(ENOENT\)/,
    );
  });
});
