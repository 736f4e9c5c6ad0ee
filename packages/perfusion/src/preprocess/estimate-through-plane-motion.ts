import type { Volume } from '@quantrad/imaging';
import { preprocessDefaults, type MotionLimits } from './preprocess-defaults.ts';
import { IDENTITY_TRANSFORM, sampleSlice, voxelMap, type RigidTransform } from './rigid-transform.ts';
import { assertDynamic, voxelsPerFrame } from './volume-checks.ts';

export interface EstimateThroughPlaneOptions {
  /** The frame the others are compared with (default 0; the in-plane estimate's reference). */
  referenceFrame?: number;
  /** Per frame, the in-plane transform already found (`estimateMotion`), undone before comparing. */
  transforms?: readonly RigidTransform[];
  /** registrationFloorHu and correctMaxMm (default data/preprocess-defaults.json, motion). */
  limits?: MotionLimits;
  /**
   * Cap on the number of in-plane columns compared (default 1000: 16 000 column-slices of a 16-slice slab
   * for one parameter; the time grows with it, about 0.2 s for 40 frames of 512² × 16 at 1000, measured).
   */
  maxColumns?: number;
}

export interface ThroughPlaneEstimate {
  readonly referenceFrame: number;
  /**
   * Per frame, the translation along the slice axis, mm: the reference frame's anatomy at z is at z + this
   * in the frame (the sign convention of the in-plane transforms). 0 where it cannot be determined.
   */
  readonly throughPlaneMm: Float64Array;
  /** False when the reference's bone does not change along z (a shift along z is invisible). */
  readonly determinable: boolean;
  /** The search covered shifts up to ± this, mm (correctMaxMm + one slice, bounded by the slab). */
  readonly searchRangeMm: number;
  /**
   * Per frame, 1 where the least cost lay at the edge of the search range: the shift is at least
   * `searchRangeMm` (throughPlaneMm holds the edge, signed), not measured.
   */
  readonly beyondSearchRange: Uint8Array;
}

/**
 * Search: ±(correctMaxMm + one slice spacing), bounded by the slab, in steps of a tenth of a slice, then
 * golden-section to 0.001 slice. Beyond correctMaxMm a frame is excluded anyway, so the range need only
 * reach one slice further, to tell a shift just over the limit from one at it.
 */
const GRID_STEPS_PER_SLICE = 10;
const REFINE_TOLERANCE_SLICES = 0.001;
/** A (column, slice) pair is compared only when the reference has bone within this many slices of it. */
const BONE_REACH_SLICES = 2;
/** Ties within this relative cost keep the smaller shift (a flat cost means no evidence of movement). */
const TIE_RELATIVE = 1e-9;
/**
 * The reference's change over correctMaxMm along z (mean squared difference of the bone images of slices
 * round(correctMaxMm / slice spacing) apart, at least 1) must exceed this multiple of what noise alone gives
 * (2 σ²) for a shift along z to be measurable; below it the slab's bone is the same in every slice (a
 * cylinder), and any minimum of the cost would be noise's. The lag makes the test ask whether a shift of
 * the size that decides exclusion would show, whatever the slice spacing (with 5-mm slices, neighbours; with
 * 1-mm slices the bone of neighbours differs by less than 20 HU noise although a 5-mm shift is plain).
 */
const MIN_SIGNAL_TO_NOISE = 4;
/** Scale from the median absolute deviation to the SD of a normal distribution. */
const MAD_TO_SD = 1.4826;
/** A refined minimum within this many slices of the search edge is taken to lie at the edge. */
const EDGE_TOLERANCE_SLICES = 0.01;

/** In-plane columns (i, j) where the reference frame has bone in some slice, thinned to a cap. */
function boneColumns(ct: Volume, referenceFrame: number, floorHu: number, maxColumns: number): Int32Array {
  const [nx, ny, nz] = ct.dims;
  const base = referenceFrame * voxelsPerFrame(ct);
  const columns: number[] = [];
  for (let c = 0; c < nx * ny; c++) {
    for (let k = 0; k < nz; k++) {
      if ((ct.data[base + c + k * nx * ny] ?? 0) > floorHu) {
        columns.push(c);
        break;
      }
    }
  }
  const stride = Math.max(1, Math.ceil(columns.length / maxColumns));
  return Int32Array.from(columns.filter((_, n) => n % stride === 0));
}

/** max(HU − floor, 0) of one frame at each column and slice (column-major: [column·nz + k]), in-plane moved. */
function boneSamples(
  ct: Volume,
  frame: number,
  columns: Int32Array,
  floorHu: number,
  transform: RigidTransform,
): Float64Array {
  const [nx, ny, nz] = ct.dims;
  const base = frame * voxelsPerFrame(ct);
  const m = voxelMap(ct, transform);
  const identity = transform.txMm === 0 && transform.tyMm === 0 && transform.rotationDeg === 0;
  const out = new Float64Array(columns.length * nz);
  columns.forEach((c, n) => {
    const i = c % nx;
    const j = (c - i) / nx;
    const x = m.a * i + m.b * j + m.c;
    const y = m.d * i + m.e * j + m.f;
    for (let k = 0; k < nz; k++) {
      const sliceStart = base + k * nx * ny;
      const hu = identity ? (ct.data[sliceStart + c] ?? 0) : sampleSlice(ct.data, sliceStart, nx, ny, x, y);
      out[n * nz + k] = Math.max(hu - floorHu, 0);
    }
  });
  return out;
}

/**
 * Mean squared difference between the frame's slices and the reference resampled along z at k − shift
 * (linear interpolation between slices), over the pairs that `compared` allows and that stay in the slab.
 */
function cost(
  reference: Float64Array,
  frame: Float64Array,
  compared: Uint8Array,
  nz: number,
  shift: number,
  noiseVariance: number,
): number {
  let sum = 0;
  let count = 0;
  for (let p = 0; p < frame.length; p++) {
    if (compared[p] === 0) continue;
    const k = p % nz;
    const z = k - shift;
    if (z < 0 || z > nz - 1) continue;
    const k0 = Math.min(Math.floor(z), nz - 2);
    const f = z - k0;
    const start = p - k;
    const r = (reference[start + k0] ?? 0) * (1 - f) + (reference[start + k0 + 1] ?? 0) * f;
    const d = (frame[p] ?? 0) - r;
    sum += d * d;
    count++;
  }
  if (count === 0) return Infinity;
  // Interpolating at fraction f averages two noisy slices, whose noise variance σ²((1 − f)² + f²) falls by
  // 2σ²f(1 − f): added back, so that noise does not pull the minimum to half-slice shifts.
  const f = shift - Math.floor(shift);
  return sum / count + 2 * noiseVariance * f * (1 - f);
}

/**
 * Noise variance of the reference's HU, from the median absolute second difference a − 2b + c of three
 * in-plane neighbours all in soft tissue (from airMaxHu to the bone floor: scalp, fat, brain, CSF), where
 * the anatomy is nearly flat (blind to a linear ramp, robust to the few edges): var(a − 2b + c) = 6σ².
 * Not in bone: a skull a few voxels thick is mostly edge, whose second differences measure the anatomy and
 * on a clean image read as noise of tens of HU. CT noise depends on the ray paths through the head rather
 * than on the voxel's own density, so soft tissue's noise stands for bone's.
 */
function softTissueNoiseVariance(ct: Volume, referenceFrame: number, lowHu: number, floorHu: number): number {
  const [nx, ny, nz] = ct.dims;
  const base = referenceFrame * voxelsPerFrame(ct);
  const soft = (hu: number): boolean => hu > lowHu && hu <= floorHu;
  // Counted first, then kept in a typed array sorted without a comparator (numeric order, the same median):
  // the bench study's 1-2 million differences in a number[] sorted with a comparator grew the heap by ~90 MB.
  const visit = (each: (difference: number) => void): void => {
    for (let k = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i + 2 < nx; i++) {
          const v = base + i + nx * (j + ny * k);
          const a = ct.data[v] ?? 0;
          const b = ct.data[v + 1] ?? 0;
          const c = ct.data[v + 2] ?? 0;
          if (soft(a) && soft(b) && soft(c)) each(Math.abs(a - 2 * b + c));
        }
      }
    }
  };
  let count = 0;
  visit(() => {
    count++;
  });
  if (count === 0) return 0;
  const differences = new Float64Array(count);
  let n = 0;
  visit((difference) => {
    differences[n++] = difference;
  });
  differences.sort();
  const mad = differences[Math.floor(differences.length / 2)] ?? 0;
  return (MAD_TO_SD * mad) ** 2 / 6;
}

/** The shift (slices) of least cost: a grid, then golden-section search around its best point. */
function bestShift(evaluate: (shift: number) => number, range: number): number {
  const step = 1 / GRID_STEPS_PER_SLICE;
  let best = 0;
  let bestCost = evaluate(0);
  for (let s = -range; s <= range + 1e-9; s += step) {
    const c = evaluate(s);
    if (c < bestCost * (1 - TIE_RELATIVE)) {
      best = s;
      bestCost = c;
    }
  }
  const ratio = (Math.sqrt(5) - 1) / 2;
  let lo = Math.max(-range, best - step);
  let hi = Math.min(range, best + step);
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let ca = evaluate(a);
  let cb = evaluate(b);
  while (hi - lo > REFINE_TOLERANCE_SLICES) {
    if (ca < cb) {
      hi = b;
      b = a;
      cb = ca;
      a = hi - ratio * (hi - lo);
      ca = evaluate(a);
    } else {
      lo = a;
      a = b;
      ca = cb;
      b = lo + ratio * (hi - lo);
      cb = evaluate(b);
    }
  }
  const refined = (lo + hi) / 2;
  // A flat cost (no evidence of movement) leaves the grid's 0.
  return evaluate(refined) < bestCost * (1 - TIE_RELATIVE) ? refined : best;
}

/**
 * Head movement along the slice axis (through-plane) of a dynamic CT, per frame, against the reference
 * frame (ACR CTP IV.C.3: movement must be noted and its effect on the maps considered). Each frame's bone
 * image, max(HU − registrationFloorHu, 0) (which contrast hardly changes), with its in-plane transform
 * undone, is compared with the reference's bone image shifted along z by linear interpolation between
 * slices; the shift of least mean squared difference (with the noise's interpolation dip added back) is
 * kept (a grid over ±(correctMaxMm + one slice), bounded by the slab, then a golden-section search); a
 * minimum at the edge of that range is flagged in `beyondSearchRange` (the shift is at least the range).
 * Only columns with bone in the reference and slices within 2 slices of that bone are compared, so an
 * enhancing vessel away from bone does not enter. Linear interpolation across thick slices only
 * approximates the anatomy between them, so the estimate is coarser than the in-plane one; a slab whose bone
 * changes over correctMaxMm along z no more than its noise (4 × 2σ², σ measured in the reference's soft
 * tissue) gives no evidence and reports 0 (`determinable` false).
 */
export function estimateThroughPlaneMotion(
  ct: Volume,
  options: EstimateThroughPlaneOptions = {},
): ThroughPlaneEstimate {
  assertDynamic(ct, 'estimateThroughPlaneMotion');
  const limits = options.limits ?? preprocessDefaults.motion;
  const referenceFrame = options.referenceFrame ?? 0;
  if (!Number.isInteger(referenceFrame) || referenceFrame < 0 || referenceFrame >= ct.frames) {
    throw new RangeError(
      `estimateThroughPlaneMotion: referenceFrame must be a frame of the volume (0 to ${ct.frames - 1}), got ${referenceFrame}`,
    );
  }
  if (options.transforms !== undefined && options.transforms.length !== ct.frames) {
    throw new RangeError(
      `estimateThroughPlaneMotion: transforms has ${options.transforms.length} entries but the volume has ${ct.frames} frames`,
    );
  }
  const nz = ct.dims[2];
  const sliceMm = ct.spacingMm[2];
  const throughPlaneMm = new Float64Array(ct.frames);
  const beyondSearchRange = new Uint8Array(ct.frames);
  const range = Math.min((limits.correctMaxMm + sliceMm) / sliceMm, nz - 1);
  const searchRangeMm = Math.max(range, 0) * sliceMm;
  const notDeterminable = {
    referenceFrame,
    throughPlaneMm,
    determinable: false,
    searchRangeMm,
    beyondSearchRange,
  };
  if (nz < 2) return notDeterminable;
  const floorHu = limits.registrationFloorHu;
  const columns = boneColumns(ct, referenceFrame, floorHu, options.maxColumns ?? 1000);
  const reference = boneSamples(ct, referenceFrame, columns, floorHu, IDENTITY_TRANSFORM);
  const compared = new Uint8Array(reference.length);
  const lag = Math.max(1, Math.min(Math.round(limits.correctMaxMm / sliceMm), nz - 1));
  let variation = 0;
  let variationPairs = 0;
  for (let p = 0; p < reference.length; p++) {
    const k = p % nz;
    const start = p - k;
    for (let kk = Math.max(0, k - BONE_REACH_SLICES); kk <= Math.min(nz - 1, k + BONE_REACH_SLICES); kk++) {
      if ((reference[start + kk] ?? 0) > 0) compared[p] = 1;
    }
    if (k >= lag && compared[p] === 1) {
      variation += ((reference[p] ?? 0) - (reference[p - lag] ?? 0)) ** 2;
      variationPairs++;
    }
  }
  const noiseVariance = softTissueNoiseVariance(
    ct,
    referenceFrame,
    preprocessDefaults.brainMask.airMaxHu,
    floorHu,
  );
  if (variationPairs === 0 || variation / variationPairs <= MIN_SIGNAL_TO_NOISE * 2 * noiseVariance) {
    return notDeterminable;
  }
  for (let t = 0; t < ct.frames; t++) {
    if (t === referenceFrame) continue;
    const frame = boneSamples(ct, t, columns, floorHu, options.transforms?.[t] ?? IDENTITY_TRANSFORM);
    const shift = bestShift((s) => cost(reference, frame, compared, nz, s, noiseVariance), range);
    // A minimum at the edge says only that the shift is at least the range (the cost may fall further).
    if (Math.abs(shift) >= range - EDGE_TOLERANCE_SLICES) {
      beyondSearchRange[t] = 1;
      throughPlaneMm[t] = Math.sign(shift) * searchRangeMm;
    } else {
      throughPlaneMm[t] = shift * sliceMm;
    }
  }
  return { referenceFrame, throughPlaneMm, determinable: true, searchRangeMm, beyondSearchRange };
}
