import { releaseBuffer } from '@quantrad/imaging/volume';
import type { Triple, Volume, VoxelArray } from '@quantrad/imaging';
import { baselineMeanImage } from './concentration-curves.ts';
import { preprocessDefaults, type BrainMaskThresholds } from './preprocess-defaults.ts';
import { assertBaselineCount, voxelsPerFrame } from './volume-checks.ts';

/** Voxel counts of each class in one frame of the grid. */
export interface BrainMaskCounts {
  readonly brain: number;
  readonly vessels: number;
  readonly tissue: number;
  readonly skull: number;
  readonly air: number;
  /** Voxels inside the skull from airMaxHu up to csfMaxHu (CSF, and the odd fat voxel). */
  readonly csf: number;
}

/** Brain, large-vessel and tissue masks on one frame of the grid (1 inside, 0 outside). */
export interface BrainMask {
  /** Inside the skull, CT number between CSF and bone. */
  readonly brain: Uint8Array;
  /** Brain voxels whose peak enhancement marks a large vessel. */
  readonly vessels: Uint8Array;
  /** Brain without vessels: the voxels for tissue statistics. */
  readonly tissue: Uint8Array;
  readonly counts: BrainMaskCounts;
  /** Slices where no closed skull was found (brain there is by CT number alone). */
  readonly warnings: readonly string[];
}

export interface BrainMaskOptions {
  /** Frames before contrast arrival, averaged into the pre-contrast image (default 1: the first frame). */
  baselineCount?: number;
  thresholds?: BrainMaskThresholds;
  /** The peak of every voxel over the frames from baselineCount on (`peakImage`), when already made. */
  peak?: PeakImage;
}

/** Every voxel's highest value over the frames from `fromFrame` to the last, in the volume's own type. */
export interface PeakImage {
  readonly fromFrame: number;
  readonly values: VoxelArray;
}

/** The brain region of a pre-contrast image: inside the skull, CT number between CSF and bone. */
export interface BrainRegion {
  readonly brain: Uint8Array;
  readonly counts: Pick<BrainMaskCounts, 'skull' | 'air' | 'csf'>;
  readonly warnings: readonly string[];
}

/**
 * Marks, on one slice, the voxels reachable from the image border without crossing bone (4-connected):
 * everything outside the skull. Returns how many voxels it reached.
 */
function fillOutside(
  bone: Uint8Array,
  outside: Uint8Array,
  nx: number,
  ny: number,
  sliceStart: number,
): number {
  const stack: number[] = [];
  const push = (i: number, j: number): void => {
    const v = sliceStart + i + nx * j;
    if (outside[v] === 0 && bone[v] === 0) {
      outside[v] = 1;
      stack.push(v);
    }
  };
  for (let i = 0; i < nx; i++) {
    push(i, 0);
    push(i, ny - 1);
  }
  for (let j = 0; j < ny; j++) {
    push(0, j);
    push(nx - 1, j);
  }
  let reached = 0;
  for (let v = stack.pop(); v !== undefined; v = stack.pop()) {
    reached++;
    const local = v - sliceStart;
    const i = local % nx;
    const j = (local - i) / nx;
    if (i > 0) push(i - 1, j);
    if (i < nx - 1) push(i + 1, j);
    if (j > 0) push(i, j - 1);
    if (j < ny - 1) push(i, j + 1);
  }
  return reached;
}

/**
 * The brain mask and tissue classes of a dynamic CT (issue 8 §2.2; thresholds in
 * data/preprocess-defaults.json, brainMask). On the baseline-mean image: bone is ≥ skullMinHu; per slice,
 * the region inside the skull is what the image border cannot reach without crossing bone; brain is inside
 * the skull with csfMaxHu < HU < tissueMaxHu (air, fat and CSF removed). Large vessels are brain voxels
 * whose peak enhancement over the baseline exceeds vesselPeakDeltaHu; tissue is brain without vessels.
 * A slice with no closed skull keeps brain by CT number alone, with a warning.
 */
export function brainMask(ct: Volume, options: BrainMaskOptions = {}): BrainMask {
  const thresholds = options.thresholds ?? preprocessDefaults.brainMask;
  const baselineCount = options.baselineCount ?? 1;
  const image = baselineMeanImage(ct, baselineCount);
  const region = brainRegion(image, ct.dims, thresholds);
  const brain = region.brain;
  const perFrame = voxelsPerFrame(ct);
  const vessels = new Uint8Array(perFrame);
  const tissue = new Uint8Array(perFrame);
  const peak = options.peak ?? peakImage(ct, baselineCount);
  if (peak.fromFrame !== baselineCount || peak.values.length !== perFrame) {
    throw new RangeError(
      `peak: made from frame ${peak.fromFrame} over ${peak.values.length} voxels; the mask needs frame ${baselineCount} over ${perFrame}`,
    );
  }
  const peakHu = peak.values;
  let brainCount = 0;
  let vesselCount = 0;
  for (let v = 0; v < perFrame; v++) {
    if (brain[v] === 0) continue;
    brainCount++;
    // max over frames of (HU − baseline) equals (max HU) − baseline exactly: rounding is monotonic.
    const peakDeltaHu = (peakHu[v] ?? 0) - (image[v] ?? 0);
    if (peakDeltaHu > thresholds.vesselPeakDeltaHu) {
      vessels[v] = 1;
      vesselCount++;
    } else {
      tissue[v] = 1;
    }
  }
  // the baseline image (a float per voxel, 17 MB at 512 × 512 × 16) freed now, not at a later collection.
  releaseBuffer(image);
  if (options.peak === undefined) releaseBuffer(peakHu);
  return {
    brain,
    vessels,
    tissue,
    counts: { brain: brainCount, vessels: vesselCount, tissue: brainCount - vesselCount, ...region.counts },
    warnings: region.warnings,
  };
}

/**
 * The brain region of `brainMask` on a pre-contrast image of the grid `dims`: bone is ≥ skullMinHu; per
 * slice, inside the skull is what the image border cannot reach without crossing bone; brain is inside the
 * skull with csfMaxHu < HU < tissueMaxHu. A slice with no closed skull keeps brain by CT number alone.
 */
export function brainRegion(image: Float32Array, dims: Triple, thresholds: BrainMaskThresholds): BrainRegion {
  const [nx, ny, nz] = dims;
  const perFrame = nx * ny * nz;
  const bone = new Uint8Array(perFrame);
  for (let v = 0; v < perFrame; v++) bone[v] = (image[v] ?? 0) >= thresholds.skullMinHu ? 1 : 0;
  const outside = new Uint8Array(perFrame);
  const brain = new Uint8Array(perFrame);
  const warnings: string[] = [];
  let air = 0;
  let skull = 0;
  let csf = 0;
  const sliceSize = nx * ny;
  for (let k = 0; k < nz; k++) {
    const start = k * sliceSize;
    const reached = fillOutside(bone, outside, nx, ny, start);
    let boneCount = 0;
    for (let v = start; v < start + sliceSize; v++) boneCount += bone[v] ?? 0;
    const closed = reached + boneCount < sliceSize;
    if (!closed) warnings.push(`slice ${k}: no closed skull found; brain taken by CT number alone`);
    for (let v = start; v < start + sliceSize; v++) {
      const hu = image[v] ?? 0;
      if (hu < thresholds.airMaxHu) air++;
      if (bone[v] === 1) {
        skull++;
        continue;
      }
      const inside = !closed || outside[v] === 0;
      if (!inside) continue;
      if (hu > thresholds.csfMaxHu && hu < thresholds.tissueMaxHu) brain[v] = 1;
      else if (hu >= thresholds.airMaxHu && hu <= thresholds.csfMaxHu) csf++;
    }
  }
  releaseBuffer(bone);
  releaseBuffer(outside);
  return { brain, counts: { skull, air, csf }, warnings };
}

/**
 * Every voxel's highest value over the frames from `fromFrame` on, in the volume's own type (exact), read
 * frame by frame in memory order; a NaN in any of those frames makes the voxel's peak NaN, as Math.max does.
 * Given the peak from a later frame (`later`), only the frames before it are read: the same values.
 */
export function peakImage(ct: Volume, fromFrame: number, later?: PeakImage): PeakImage {
  assertBaselineCount(ct, fromFrame, 'peakImage');
  const perFrame = voxelsPerFrame(ct);
  const data = ct.data;
  const reuse = later !== undefined && later.fromFrame >= fromFrame && later.values.length === perFrame;
  const lastFrame = reuse ? later.fromFrame : ct.frames;
  const values = reuse ? later.values.slice() : data.slice(fromFrame * perFrame, (fromFrame + 1) * perFrame);
  const firstRead = reuse ? fromFrame : fromFrame + 1;
  for (let t = firstRead; t < lastFrame; t++) {
    const base = t * perFrame;
    for (let v = 0; v < perFrame; v++) {
      const value = data[base + v] ?? 0;
      // nothing compares greater than NaN, so a NaN peak stays NaN.
      if (value > (values[v] ?? 0) || Number.isNaN(value)) values[v] = value;
    }
  }
  return { fromFrame, values };
}

/** The linear voxel indices where a mask is set (for `concentrationCurves`, `selectAif`). */
export function maskVoxels(mask: Uint8Array): Int32Array {
  let count = 0;
  for (const value of mask) if (value !== 0) count++;
  const voxels = new Int32Array(count);
  for (let v = 0, n = 0; v < mask.length; v++) if (mask[v] !== 0) voxels[n++] = v;
  return voxels;
}
