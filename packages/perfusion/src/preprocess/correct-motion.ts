import { createVolume, type Volume } from '@quantrad/imaging';
import { sampleSlice, voxelMap, type RigidTransform } from './rigid-transform.ts';
import { voxelsPerFrame } from './volume-checks.ts';

/**
 * Each frame resampled onto the reference frame: output voxel p of frame t takes frame t's value at
 * transforms[t](p), interpolated linearly (trilinear, exact in z because the transforms are in-plane);
 * points that fall outside the field of view take the nearest edge value. A frame with the identity
 * transform is copied unchanged.
 */
export function correctMotion(ct: Volume, transforms: readonly RigidTransform[]): Volume<Float32Array> {
  if (transforms.length !== ct.frames) {
    throw new RangeError(
      `correctMotion: transforms has ${transforms.length} entries but the volume has ${ct.frames} frames`,
    );
  }
  const [nx, ny, nz] = ct.dims;
  const perFrame = voxelsPerFrame(ct);
  const out = new Float32Array(perFrame * ct.frames);
  transforms.forEach((transform, t) => {
    const base = t * perFrame;
    if (transform.txMm === 0 && transform.tyMm === 0 && transform.rotationDeg === 0) {
      for (let v = 0; v < perFrame; v++) out[base + v] = ct.data[base + v] ?? 0;
      return;
    }
    const m = voxelMap(ct, transform);
    for (let k = 0; k < nz; k++) {
      const sliceStart = base + k * nx * ny;
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          const x = m.a * i + m.b * j + m.c;
          const y = m.d * i + m.e * j + m.f;
          out[sliceStart + i + nx * j] = sampleSlice(ct.data, sliceStart, nx, ny, x, y);
        }
      }
    }
  });
  return createVolume({
    data: out,
    dims: ct.dims,
    spacingMm: ct.spacingMm,
    originMm: ct.originMm,
    direction: ct.direction,
    frames: ct.frames,
    ...(ct.frameTimesS === undefined ? {} : { frameTimesS: ct.frameTimesS }),
  });
}

/** The volume without the given frames (for frames excluded by `motionReport`), times kept for the rest. */
export function excludeFrames(ct: Volume, excluded: readonly number[]): Volume<Float32Array> {
  const drop = new Set<number>();
  for (const frame of excluded) {
    if (!Number.isInteger(frame) || frame < 0 || frame >= ct.frames) {
      throw new RangeError(
        `excludeFrames: frame ${frame} is not a frame of the volume (0 to ${ct.frames - 1})`,
      );
    }
    drop.add(frame);
  }
  const kept: number[] = [];
  for (let t = 0; t < ct.frames; t++) if (!drop.has(t)) kept.push(t);
  if (kept.length < 2) throw new RangeError(`excludeFrames: only ${kept.length} frame(s) would remain`);
  const perFrame = voxelsPerFrame(ct);
  const out = new Float32Array(perFrame * kept.length);
  kept.forEach((t, n) => {
    for (let v = 0; v < perFrame; v++) out[n * perFrame + v] = ct.data[t * perFrame + v] ?? 0;
  });
  const times = ct.frameTimesS;
  return createVolume({
    data: out,
    dims: ct.dims,
    spacingMm: ct.spacingMm,
    originMm: ct.originMm,
    direction: ct.direction,
    frames: kept.length,
    ...(times === undefined ? {} : { frameTimesS: kept.map((t) => times[t] ?? NaN) }),
  });
}
