import { releaseBuffer, type Volume } from '@quantrad/imaging/volume';
import { preprocessDefaults, type MotionLimits } from './preprocess-defaults.ts';
import {
  compassSearch,
  displacementMm,
  sampleSlice,
  voxelMap,
  type RigidTransform,
} from './rigid-transform.ts';
import { assertDynamic, voxelsPerFrame } from './volume-checks.ts';

export interface EstimateMotionOptions {
  /** The frame the others are registered to (default 0). */
  referenceFrame?: number;
  /** registrationFloorHu and sphereRadiusMm (default data/preprocess-defaults.json, motion). */
  limits?: MotionLimits;
  /** Cap on the number of reference voxels the cost is summed over (default 40 000). */
  maxSamplePoints?: number;
}

export interface MotionEstimate {
  readonly referenceFrame: number;
  /** Per frame: maps the reference frame's anatomy to where it is in that frame. */
  readonly transforms: readonly RigidTransform[];
  /** Per frame: the largest movement within sphereRadiusMm of the centre, in mm. */
  readonly displacementsMm: Float64Array;
}

/** Reference voxels the cost is summed over: the bone image dilated in-plane, thinned to a cap. */
interface SamplePoints {
  readonly i: Float64Array;
  readonly j: Float64Array;
  readonly sliceStart: Int32Array;
  readonly value: Float64Array;
}

/** Dilation of the bone image (voxels): a moved edge must land on points that see it. */
const DILATION_VOXELS = 3;
/** Coarse search: translations ±COARSE_RANGE_MM in COARSE_STEP_MM steps, rotations ±8° in 4° steps. */
const COARSE_RANGE_MM = 8;
const COARSE_STEP_MM = 2;
const COARSE_ROTATIONS_DEG = [-8, -4, 0, 4, 8];
/** Refinement: compass search from 1 mm / 1°, halving to below 0.005 mm / 0.005°. */
const REFINE_START = 1;
const REFINE_STOP = 0.005;
/** Points summed in the coarse grid search and in the refinement's steps above SUBSET_REFINE_STOP. */
const COARSE_POINTS = 5000;
/**
 * The refinement sums over the coarse points while its step is at least this (mm / °), then over all points:
 * the large steps only need to find the basin (most of the steps, at an eighth of the cost); the small ones
 * set the optimum on every point. quantrad default (the bench study's motion stage fell by about a third).
 */
const SUBSET_REFINE_STOP = 0.05;

/** In-plane Gaussian blur (σ = 1 voxel, 5 taps), edges clamped. */
const BLUR_KERNEL = [-2, -1, 0, 1, 2].map((x) => Math.exp(-(x * x) / 2));
const BLUR_SUM = BLUR_KERNEL.reduce((a, b) => a + b, 0);
/**
 * The normalised taps of the in-plane blur at offsets 0, ±1 and ±2 voxels (also used by
 * `estimateThroughPlaneMotion`, which compares the same blurred bone image).
 */
export const IN_PLANE_BLUR_WEIGHTS: readonly [number, number, number] = [
  (BLUR_KERNEL[2] ?? 0) / BLUR_SUM,
  (BLUR_KERNEL[1] ?? 0) / BLUR_SUM,
  (BLUR_KERNEL[0] ?? 0) / BLUR_SUM,
];
/** The transform is shared by the slab's slices: register on at most this many, evenly spread. */
const MAX_REGISTRATION_SLICES = 4;

/** Up to MAX_REGISTRATION_SLICES slice indices spread evenly through the slab (also used by the worker version). */
export function registrationSlices(nz: number): number[] {
  const count = Math.min(nz, MAX_REGISTRATION_SLICES);
  return Array.from({ length: count }, (_, s) => Math.round(((s + 0.5) * nz) / count - 0.5));
}

function clamp(n: number, size: number): number {
  return n < 0 ? 0 : n >= size ? size - 1 : n;
}

const [W0, W1, W2] = IN_PLANE_BLUR_WEIGHTS;

/**
 * Separable blur of each slice, written for memory order: rows along x, then whole rows along y, with the
 * five taps unrolled (taps beyond the edge take the edge voxel).
 */
function blurInPlane(image: Float32Array, nx: number, ny: number, scratch: BoneScratch): Float32Array {
  const slices = image.length / (nx * ny);
  const { once, twice } = scratch;
  for (let row = 0; row < slices * ny; row++) {
    const b = row * nx;
    for (let i = 0; i < nx; i++) {
      // interior voxels read i − 2 … i + 2 directly; the two at each end clamp to the row.
      const edge = i < 2 || i > nx - 3;
      const m1 = b + (edge ? clamp(i - 1, nx) : i - 1);
      const p1 = b + (edge ? clamp(i + 1, nx) : i + 1);
      const m2 = b + (edge ? clamp(i - 2, nx) : i - 2);
      const p2 = b + (edge ? clamp(i + 2, nx) : i + 2);
      once[b + i] =
        W0 * (image[b + i] ?? 0) +
        W1 * ((image[m1] ?? 0) + (image[p1] ?? 0)) +
        W2 * ((image[m2] ?? 0) + (image[p2] ?? 0));
    }
  }
  for (let k = 0; k < slices; k++) {
    const sliceStart = k * nx * ny;
    for (let j = 0; j < ny; j++) {
      const r0 = sliceStart + j * nx;
      const rm1 = sliceStart + clamp(j - 1, ny) * nx;
      const rp1 = sliceStart + clamp(j + 1, ny) * nx;
      const rm2 = sliceStart + clamp(j - 2, ny) * nx;
      const rp2 = sliceStart + clamp(j + 2, ny) * nx;
      for (let i = 0; i < nx; i++) {
        twice[r0 + i] =
          W0 * (once[r0 + i] ?? 0) +
          W1 * ((once[rm1 + i] ?? 0) + (once[rp1 + i] ?? 0)) +
          W2 * ((once[rm2 + i] ?? 0) + (once[rp2 + i] ?? 0));
      }
    }
  }
  return twice;
}

/** The three images of `boneImage`, allocated once per estimate and reused for every frame. */
interface BoneScratch {
  readonly image: Float32Array;
  readonly once: Float32Array;
  readonly twice: Float32Array;
}

function boneScratch(length: number): BoneScratch {
  return { image: new Float32Array(length), once: new Float32Array(length), twice: new Float32Array(length) };
}

/**
 * The image registered, on the registration slices: max(HU − floor, 0), blurred in-plane (σ 1 voxel) so
 * that linear interpolation between voxels does not bias the optimum towards whole-voxel positions (sharp
 * bone edges alias). The result is `scratch.twice`, overwritten by the next call.
 */
function boneImage(
  ct: Volume,
  frame: number,
  floorHu: number,
  slices: readonly number[],
  scratch: BoneScratch,
): Float32Array {
  const [nx, ny] = ct.dims;
  const sliceSize = nx * ny;
  const image = scratch.image;
  const perFrame = voxelsPerFrame(ct);
  const data = ct.data;
  slices.forEach((k, s) => {
    const from = frame * perFrame + k * sliceSize;
    const to = s * sliceSize;
    for (let v = 0; v < sliceSize; v++) image[to + v] = Math.max((data[from + v] ?? 0) - floorHu, 0);
  });
  return blurInPlane(image, nx, ny, scratch);
}

/** 1 where any voxel within `radius` along x (then y) is set: a square dilation, separable. */
function dilate(mask: Uint8Array, nx: number, ny: number, radius: number): Uint8Array {
  const slices = mask.length / (nx * ny);
  const rows = new Uint8Array(mask.length);
  for (let row = 0; row < slices * ny; row++) {
    const base = row * nx;
    for (let i = 0; i < nx; i++) {
      if (mask[base + i] === 0) continue;
      for (let d = Math.max(0, i - radius); d <= Math.min(nx - 1, i + radius); d++) rows[base + d] = 1;
    }
  }
  const out = new Uint8Array(mask.length);
  for (let k = 0; k < slices; k++) {
    for (let j = 0; j < ny; j++) {
      const from = (k * ny + j) * nx;
      for (let jj = Math.max(0, j - radius); jj <= Math.min(ny - 1, j + radius); jj++) {
        const to = (k * ny + jj) * nx;
        for (let i = 0; i < nx; i++) if (rows[from + i] === 1) out[to + i] = 1;
      }
    }
  }
  return out;
}

function samplePoints(reference: Float32Array, nx: number, ny: number, maxPoints: number): SamplePoints {
  const bone = new Uint8Array(reference.length);
  for (let v = 0; v < reference.length; v++) bone[v] = (reference[v] ?? 0) > 0 ? 1 : 0;
  const near = dilate(bone, nx, ny, DILATION_VOXELS);
  let total = 0;
  for (const flag of near) total += flag;
  const stride = Math.max(1, Math.ceil(total / maxPoints));
  const count = Math.ceil(total / stride);
  const points: SamplePoints = {
    i: new Float64Array(count),
    j: new Float64Array(count),
    sliceStart: new Int32Array(count),
    value: new Float64Array(count),
  };
  let seen = 0;
  let n = 0;
  for (let v = 0; v < near.length && n < count; v++) {
    if (near[v] === 0 || seen++ % stride !== 0) continue;
    const i = v % nx;
    const rest = (v - i) / nx;
    const j = rest % ny;
    points.i[n] = i;
    points.j[n] = j;
    points.sliceStart[n] = (rest - j) * nx;
    points.value[n] = reference[v] ?? 0;
    n++;
  }
  releaseBuffer(bone);
  releaseBuffer(near);
  return points;
}

/**
 * Sum of squared differences between the reference points and the moved frame sampled where they went: the
 * arithmetic of `sampleSlice` (bilinear, clamped to the slice's edge) written out in the loop, which is most
 * of the registration's time (the same operations in the same order, so the same values).
 */
function cost(
  ct: Volume,
  moving: Float32Array,
  points: SamplePoints,
  transform: RigidTransform,
  stride = 1,
): number {
  const [nx, ny] = ct.dims;
  const m = voxelMap(ct, transform);
  const pi = points.i;
  const pj = points.j;
  const starts = points.sliceStart;
  const values = points.value;
  if (nx < 2 || ny < 2) {
    let sum = 0;
    for (let n = 0; n < values.length; n += stride) {
      const i = pi[n] ?? 0;
      const j = pj[n] ?? 0;
      const x = m.a * i + m.b * j + m.c;
      const y = m.d * i + m.e * j + m.f;
      const diff = sampleSlice(moving, starts[n] ?? 0, nx, ny, x, y) - (values[n] ?? 0);
      sum += diff * diff;
    }
    return sum;
  }
  const { a, b, c, d, e, f } = m;
  const xMax = nx - 1;
  const yMax = ny - 1;
  const iLast = nx - 2;
  const jLast = ny - 2;
  let sum = 0;
  for (let n = 0; n < values.length; n += stride) {
    const i = pi[n] ?? 0;
    const j = pj[n] ?? 0;
    const x = a * i + b * j + c;
    const y = d * i + e * j + f;
    const xc = x < 0 ? 0 : x > xMax ? xMax : x;
    const yc = y < 0 ? 0 : y > yMax ? yMax : y;
    const i0 = Math.min(Math.floor(xc), iLast);
    const j0 = Math.min(Math.floor(yc), jLast);
    const fx = xc - i0;
    const fy = yc - j0;
    const at = (starts[n] ?? 0) + i0 + nx * j0;
    const v00 = moving[at] ?? 0;
    const v10 = moving[at + 1] ?? 0;
    const v01 = moving[at + nx] ?? 0;
    const v11 = moving[at + nx + 1] ?? 0;
    const diff = (v00 * (1 - fx) + v10 * fx) * (1 - fy) + (v01 * (1 - fx) + v11 * fx) * fy - (values[n] ?? 0);
    sum += diff * diff;
  }
  return sum;
}

function register(
  ct: Volume,
  moving: Float32Array,
  points: SamplePoints,
  start: RigidTransform,
): RigidTransform {
  const evaluate = (t: RigidTransform): number => cost(ct, moving, points, t);
  // The coarse grid sums over at most COARSE_POINTS points, spread evenly.
  const coarseStride = Math.max(1, Math.floor(points.value.length / COARSE_POINTS));
  const coarse = (t: RigidTransform): number => cost(ct, moving, points, t, coarseStride);
  // Coarse grid (robust to a large jump), then compass search from the best of the grid and the start.
  let best = start;
  let bestCost = coarse(start);
  for (let tx = -COARSE_RANGE_MM; tx <= COARSE_RANGE_MM; tx += COARSE_STEP_MM) {
    for (let ty = -COARSE_RANGE_MM; ty <= COARSE_RANGE_MM; ty += COARSE_STEP_MM) {
      for (const rotationDeg of COARSE_ROTATIONS_DEG) {
        const candidate = { txMm: tx, tyMm: ty, rotationDeg };
        const c = coarse(candidate);
        if (c < bestCost) {
          best = candidate;
          bestCost = c;
        }
      }
    }
  }
  // Compass search: on the coarse points while the step is large, then on all points.
  const compass = (from: number, stop: number, measure: (t: RigidTransform) => number): number => {
    const found = compassSearch(measure, best, measure(best), from, stop);
    best = found.best;
    bestCost = found.cost;
    return found.step;
  };
  const reached = coarseStride > 1 ? compass(REFINE_START, SUBSET_REFINE_STOP, coarse) : REFINE_START;
  compass(reached, REFINE_STOP, evaluate);
  return best;
}

/**
 * Head motion of a dynamic CT (ACR CTP IV.C.3, VI.C: the software should allow reasonable motion
 * correction). Each frame is registered rigidly in-plane (x/y translation and rotation about z, shared by
 * the slab's slices) to the reference frame by minimising the sum of squared differences of the bone image,
 * max(HU − registrationFloorHu, 0), which contrast hardly changes; the cost is summed over reference voxels
 * near bone, on up to 4 slices spread through the slab (the transform is shared). Search: a coarse grid (±8 mm, ±8°) on a subset of the points, then a compass search, on that subset down to 0.05 mm / 0.05° and on all points to 0.005 mm / 0.005°. Through-plane
 * motion is not estimated here: `estimateThroughPlaneMotion` measures it and refines these transforms with
 * it (registered alone, they absorb part of a shift along z). The blur only reduces the bias of bilinear
 * interpolation, which smooths a resampled frame least at the identity: on the synthetic head of
 * test/preprocess-through-plane.test.ts (1-mm voxels, a skull edge about a voxel wide) rotations read up to
 * 0.97° short of the truth (2° read 1.30-1.53°); `estimateThroughPlaneMotion` refines frames moved by more
 * than okMaxMm with cubic interpolation (within 0.3° there).
 */
export function estimateMotion(ct: Volume, options: EstimateMotionOptions = {}): MotionEstimate {
  assertDynamic(ct, 'estimateMotion');
  const limits = options.limits ?? preprocessDefaults.motion;
  const referenceFrame = options.referenceFrame ?? 0;
  if (!Number.isInteger(referenceFrame) || referenceFrame < 0 || referenceFrame >= ct.frames) {
    throw new RangeError(
      `estimateMotion: referenceFrame must be a frame of the volume (0 to ${ct.frames - 1}), got ${referenceFrame}`,
    );
  }
  const slices = registrationSlices(ct.dims[2]);
  // one set of images for every frame: the reference's is read into the sample points before it is reused.
  const scratch = boneScratch(ct.dims[0] * ct.dims[1] * slices.length);
  const reference = boneImage(ct, referenceFrame, limits.registrationFloorHu, slices, scratch);
  const points = samplePoints(reference, ct.dims[0], ct.dims[1], options.maxSamplePoints ?? 40_000);
  if (points.value.length === 0) {
    throw new RangeError(
      `estimateMotion: the reference frame has no voxel above registrationFloorHu ${limits.registrationFloorHu} (no bone to register on)`,
    );
  }
  const transforms: RigidTransform[] = [];
  const displacements = new Float64Array(ct.frames);
  let previous: RigidTransform = { txMm: 0, tyMm: 0, rotationDeg: 0 };
  for (let t = 0; t < ct.frames; t++) {
    if (t === referenceFrame) {
      transforms.push({ txMm: 0, tyMm: 0, rotationDeg: 0 });
      continue;
    }
    const moving = boneImage(ct, t, limits.registrationFloorHu, slices, scratch);
    const transform = register(ct, moving, points, previous);
    transforms.push(transform);
    displacements[t] = displacementMm(transform, limits.sphereRadiusMm);
    previous = transform;
  }
  // the bone images (3 slice-sized float images per registration slice, some 13 MB at 512 × 512) are freed
  // now, not at the thread's next collection: a worker registers several blocks of frames in a row.
  for (const image of [scratch.image, scratch.once, scratch.twice]) releaseBuffer(image);
  return { referenceFrame, transforms, displacementsMm: displacements };
}
