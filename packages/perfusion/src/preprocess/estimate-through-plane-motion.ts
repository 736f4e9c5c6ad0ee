import type { Volume } from '@quantrad/imaging';
import { preprocessDefaults, type MotionLimits } from './preprocess-defaults.ts';
import { BLUR_NOISE_VARIANCE_FACTOR, BlurredBone } from './blurred-bone.ts';
import {
  compassSearch,
  displacementMm,
  IDENTITY_TRANSFORM,
  voxelMap,
  type RigidTransform,
} from './rigid-transform.ts';
import { assertDynamic, voxelsPerFrame } from './volume-checks.ts';

export interface EstimateThroughPlaneOptions {
  /** The frame the others are compared with (default 0; the in-plane estimate's reference). */
  referenceFrame?: number;
  /** Per frame, the in-plane transform already found (`estimateMotion`), undone before comparing. */
  transforms?: readonly RigidTransform[];
  /**
   * registrationFloorHu, okMaxMm, correctMaxMm, sphereRadiusMm and the throughPlane* settings (default
   * data/preprocess-defaults.json, motion).
   */
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
  /**
   * Per frame, the in-plane transform re-estimated together with the shift along z where the first shift
   * reads at least okMaxMm / 2 or the given transform moves the frame by more than okMaxMm (the given
   * transforms elsewhere, where the shift is not determinable, or lies beyond the search range). An in-plane
   * registration done alone absorbs part of a shift along z, and `estimateMotion`'s bilinear interpolation
   * pulls its rotations towards 0 (see `estimateThroughPlaneMotion`). runPerfusion judges and corrects the
   * frames with these when the shift is determinable (`judgeMotion`): on the synthetic head they are far
   * better on average (mean rotation error 0.06° against 0.34°), though not in every case (2 mm, −1.5 mm,
   * −2°: 0.11-0.23° against 0.05-0.15° on 1- to 5-mm slices).
   */
  readonly transforms: readonly RigidTransform[];
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

/** max(HU − floor, 0) of the reference frame at each column and slice (column-major: [column·nz + k]). */
function referenceBone(ct: Volume, frame: number, columns: Int32Array, floorHu: number): Float64Array {
  const [nx, ny, nz] = ct.dims;
  const base = frame * voxelsPerFrame(ct);
  const out = new Float64Array(columns.length * nz);
  columns.forEach((c, n) => {
    for (let k = 0; k < nz; k++)
      out[n * nz + k] = Math.max((ct.data[base + k * nx * ny + c] ?? 0) - floorHu, 0);
  });
  return out;
}

/**
 * The blurred bone image of `bone`'s frame (see `BlurredBone`) at each column and slice (column-major:
 * [column·nz + k]), in-plane moved by `transform` (bilinear between voxels).
 */
function boneSamples(
  ct: Volume,
  bone: BlurredBone,
  columns: Int32Array,
  transform: RigidTransform,
): Float64Array {
  const [nx, ny, nz] = ct.dims;
  const m = voxelMap(ct, transform);
  const identity = transform.txMm === 0 && transform.tyMm === 0 && transform.rotationDeg === 0;
  const out = new Float64Array(columns.length * nz);
  columns.forEach((c, n) => {
    const i = c % nx;
    const j = (c - i) / nx;
    const x = m.a * i + m.b * j + m.c;
    const y = m.d * i + m.e * j + m.f;
    for (let k = 0; k < nz; k++) {
      const sliceStart = k * nx * ny;
      out[n * nz + k] = identity ? bone.at(sliceStart, i, j) : bone.sample(sliceStart, x, y);
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

/**
 * Compass search of the in-plane transform that minimises `evaluate` (at a fixed shift along z), with the
 * steps of data/preprocess-defaults.json (motion.throughPlaneInPlaneStepStartMm / StopMm).
 */
function refineInPlane(
  evaluate: (t: RigidTransform) => number,
  start: RigidTransform,
  limits: MotionLimits,
): RigidTransform {
  return compassSearch(
    evaluate,
    start,
    evaluate(start),
    limits.throughPlaneInPlaneStepStartMm,
    limits.throughPlaneInPlaneStepStopMm,
  ).best;
}

/**
 * The shift (slices) of least cost: a grid over [from, to] (within ±range), then golden-section search around
 * its best point.
 */
function bestShift(evaluate: (shift: number) => number, range: number, from = -range, to = range): number {
  const step = 1 / GRID_STEPS_PER_SLICE;
  let best = 0;
  let bestCost = evaluate(0);
  for (let s = from; s <= to + 1e-9; s += step) {
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
 * changes over correctMaxMm along z no more than its noise (throughPlaneMinSignalToNoise × 2σ², σ measured
 * in the reference's soft tissue) gives no evidence and reports 0 (`determinable` false).
 *
 * The in-plane transforms given (`estimateMotion`, found without z) absorb part of a shift along z: a skull
 * that narrows with z, or bone whose density changes with z, is partly fitted by in-plane rotation and
 * translation (on the synthetic head a pure 5.3 mm z shift was registered as a 3° rotation, and z then read
 * 4.62 mm). So after the first shift, each frame's in-plane transform is refined on the same columns with the
 * reference shifted by that amount (compass search), and the shift measured again with it, twice
 * (motion.throughPlaneJointRounds); the
 * refined transforms are returned in `transforms`. Frames moved in-plane by more than okMaxMm are refined
 * too: `estimateMotion` resamples by bilinear interpolation, whose smoothing is least at the identity, so its
 * rotations are pulled towards 0 (on the synthetic head 2° read 1.30-1.53°, 3° 2.29-2.44°).
 *
 * Both images are the bone image blurred in-plane (σ 1 voxel, as `estimateMotion`), and the moved frame is
 * resampled by cubic convolution. Resampling the unblurred bone bilinearly smooths the moved frame (most at
 * half-voxel positions) and not the reference, and the smoothing reads as a shift along z: on the synthetic
 * head, frames moved in-plane only read −0.25 to −0.87 mm (0 at whole-voxel translations), and 1.5 mm with
 * in-plane movement read 1.10-1.15 mm; blurred and bilinear, −0.08 to −0.29 mm; blurred and cubic, at most
 * 0.06 mm, and 1.47-1.49 mm.
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
  const transforms: RigidTransform[] = Array.from(
    { length: ct.frames },
    (_, t) => options.transforms?.[t] ?? IDENTITY_TRANSFORM,
  );
  const range = Math.min((limits.correctMaxMm + sliceMm) / sliceMm, nz - 1);
  const searchRangeMm = Math.max(range, 0) * sliceMm;
  const notDeterminable = {
    referenceFrame,
    throughPlaneMm,
    determinable: false,
    searchRangeMm,
    beyondSearchRange,
    transforms,
  };
  if (nz < 2) return notDeterminable;
  const floorHu = limits.registrationFloorHu;
  const columns = boneColumns(ct, referenceFrame, floorHu, options.maxColumns ?? 1000);
  // Determinability is judged on the unblurred bone (the threshold's measurements were made on it).
  const referenceRaw = referenceBone(ct, referenceFrame, columns, floorHu);
  const compared = new Uint8Array(referenceRaw.length);
  const lag = Math.max(1, Math.min(Math.round(limits.correctMaxMm / sliceMm), nz - 1));
  let variation = 0;
  let variationPairs = 0;
  for (let p = 0; p < referenceRaw.length; p++) {
    const k = p % nz;
    const start = p - k;
    for (let kk = Math.max(0, k - BONE_REACH_SLICES); kk <= Math.min(nz - 1, k + BONE_REACH_SLICES); kk++) {
      if ((referenceRaw[start + kk] ?? 0) > 0) compared[p] = 1;
    }
    if (k >= lag && compared[p] === 1) {
      variation += ((referenceRaw[p] ?? 0) - (referenceRaw[p - lag] ?? 0)) ** 2;
      variationPairs++;
    }
  }
  const noiseVariance = softTissueNoiseVariance(
    ct,
    referenceFrame,
    preprocessDefaults.brainMask.airMaxHu,
    floorHu,
  );
  if (
    variationPairs === 0 ||
    variation / variationPairs <= limits.throughPlaneMinSignalToNoise * 2 * noiseVariance
  ) {
    return notDeterminable;
  }
  const bone = new BlurredBone(ct, floorHu);
  bone.useFrame(referenceFrame);
  const reference = boneSamples(ct, bone, columns, IDENTITY_TRANSFORM);
  const blurredNoiseVariance = noiseVariance * BLUR_NOISE_VARIANCE_FACTOR;
  for (let t = 0; t < ct.frames; t++) {
    if (t === referenceFrame) continue;
    bone.useFrame(t);
    let transform = options.transforms?.[t] ?? IDENTITY_TRANSFORM;
    let frame = boneSamples(ct, bone, columns, transform);
    let shift = bestShift((s) => cost(reference, frame, compared, nz, s, blurredNoiseVariance), range);
    // The in-plane transform found without z absorbs part of a shift along z; alternate (in-plane at the
    // shift found, then the shift with that transform).
    // Only where the first shift matters: the part absorbed was at most 20% of the shift on the synthetic head,
    // so a first reading under okMaxMm / 2 is a shift under okMaxMm, where nothing is decided (and a still
    // frame costs no more than before).
    // A frame moved in-plane by more than okMaxMm is resampled with its transform: refined here too, since
    // estimateMotion's bilinear interpolation pulls its rotation towards 0 (see the function's comment).
    const worthRefining =
      Math.abs(shift) * sliceMm >= limits.okMaxMm / 2 ||
      displacementMm(transform, limits.sphereRadiusMm) > limits.okMaxMm;
    for (
      let round = 0;
      worthRefining &&
      round < limits.throughPlaneJointRounds &&
      Math.abs(shift) < range - EDGE_TOLERANCE_SLICES;
      round++
    ) {
      const atShift = shift;
      transform = refineInPlane(
        (candidate) =>
          cost(
            reference,
            boneSamples(ct, bone, columns, candidate),
            compared,
            nz,
            atShift,
            blurredNoiseVariance,
          ),
        transform,
        limits,
      );
      frame = boneSamples(ct, bone, columns, transform);
      // The refined transform moves the shift by a fraction of a slice: search within a slice of it.
      shift = bestShift(
        (s) => cost(reference, frame, compared, nz, s, blurredNoiseVariance),
        range,
        Math.max(-range, atShift - 1),
        Math.min(range, atShift + 1),
      );
    }
    transforms[t] = transform;
    // A minimum at the edge says only that the shift is at least the range (the cost may fall further).
    if (Math.abs(shift) >= range - EDGE_TOLERANCE_SLICES) {
      beyondSearchRange[t] = 1;
      throughPlaneMm[t] = Math.sign(shift) * searchRangeMm;
    } else {
      throughPlaneMm[t] = shift * sliceMm;
    }
  }
  return { referenceFrame, throughPlaneMm, determinable: true, searchRangeMm, beyondSearchRange, transforms };
}
