import { createVolume, releaseBuffer, type Volume } from '@quantrad/imaging/volume';
import { assertBaselineCount, assertDynamic } from '../preprocess/volume-checks.ts';

/**
 * In-plane Gaussian smoothing of a (4-D or 3-D) CT volume within a mask, frame by frame and slice by slice:
 * each masked voxel becomes the Gaussian-weighted mean of the masked voxels around it (normalised
 * convolution, separable along x then y), so air, bone, CSF and vessels outside the mask do not bleed into
 * tissue; voxels outside the mask are copied unchanged. Noise reduction before deconvolution (spatial
 * filtering of the dynamic images, Fieselmann A et al. Int J Biomed Imaging 2011:467563, noise reduction
 * section): white noise of SD s falls to about s / (2·√(π·σx·σy)) with σ in voxels (away from the mask's edge).
 *
 * @param mask one frame's grid (nx·ny·nz), non-zero inside
 * @param sigmaMm Gaussian σ in mm (per axis converted with spacingMm); 0 returns a copy
 */
export function smoothInPlane(ct: Volume, mask: Uint8Array, sigmaMm: number): Volume<Float32Array> {
  const [nx, ny, nz] = ct.dims;
  const perFrame = nx * ny * nz;
  if (mask.length !== perFrame)
    throw new Error(`smoothInPlane: mask has ${mask.length} voxels, one frame has ${perFrame}`);
  if (!Number.isFinite(sigmaMm) || sigmaMm < 0)
    throw new Error(`smoothInPlane: sigmaMm must be a number of mm ≥ 0, got ${sigmaMm}`);
  const out = Float32Array.from(ct.data);
  const result = createVolume({
    data: out,
    dims: ct.dims,
    spacingMm: ct.spacingMm,
    originMm: ct.originMm,
    direction: ct.direction,
    frames: ct.frames,
    ...(ct.frameTimesS === undefined ? {} : { frameTimesS: ct.frameTimesS }),
  });
  if (sigmaMm === 0) return result;
  const kx = gaussianWeights(sigmaMm / ct.spacingMm[0]);
  const ky = gaussianWeights(sigmaMm / ct.spacingMm[1]);
  const sliceVoxels = nx * ny;
  const rowSum = new Float64Array(sliceVoxels);
  const rowWeight = new Float64Array(sliceVoxels);
  for (let t = 0; t < ct.frames; t++) {
    for (let k = 0; k < nz; k++) {
      const sliceInFrame = k * sliceVoxels;
      const offset = t * perFrame + sliceInFrame;
      // pass 1, along x: weighted sums of masked neighbours and their weights.
      for (let y = 0; y < ny; y++) {
        for (let x = 0; x < nx; x++) {
          let sum = 0;
          let weight = 0;
          const from = Math.max(0, x - kx.length + 1);
          const to = Math.min(nx - 1, x + kx.length - 1);
          for (let xx = from; xx <= to; xx++) {
            const j = xx + nx * y;
            if (mask[sliceInFrame + j] === 0) continue;
            const w = kx[Math.abs(xx - x)] ?? 0;
            sum += w * (ct.data[offset + j] ?? 0);
            weight += w;
          }
          rowSum[x + nx * y] = sum;
          rowWeight[x + nx * y] = weight;
        }
      }
      // pass 2, along y, for masked voxels only.
      for (let y = 0; y < ny; y++) {
        for (let x = 0; x < nx; x++) {
          const i = x + nx * y;
          if (mask[sliceInFrame + i] === 0) continue;
          let sum = 0;
          let weight = 0;
          const from = Math.max(0, y - ky.length + 1);
          const to = Math.min(ny - 1, y + ky.length - 1);
          for (let yy = from; yy <= to; yy++) {
            const w = ky[Math.abs(yy - y)] ?? 0;
            sum += w * (rowSum[x + nx * yy] ?? 0);
            weight += w * (rowWeight[x + nx * yy] ?? 0);
          }
          if (weight > 0) out[offset + i] = sum / weight;
        }
      }
    }
  }
  return result;
}

/** Gaussian weights w_d = exp(−d²/2σ²) for d = 0..⌈3σ⌉ (σ in voxels; a single 1 when σ is tiny). */
function gaussianWeights(sigmaVoxels: number): Float64Array {
  const radius = Math.ceil(3 * sigmaVoxels);
  return Float64Array.from({ length: radius + 1 }, (_, d) => Math.exp(-0.5 * (d / sigmaVoxels) ** 2));
}

/** The Gaussian of `gaussianWeights` as a full symmetric kernel: index d + radius holds w_|d|. */
function symmetricKernel(sigmaVoxels: number): Float64Array {
  const half = gaussianWeights(sigmaVoxels);
  const radius = half.length - 1;
  return Float64Array.from({ length: 2 * radius + 1 }, (_, n) => half[Math.abs(n - radius)] ?? 0);
}

/** The in-plane kernels of `smoothInPlane` for a grid (σ in mm converted per axis), or none for σ = 0. */
export interface InPlaneKernels {
  readonly x: Float64Array;
  readonly y: Float64Array;
}

export function inPlaneKernels(spacingMm: readonly number[], sigmaMm: number): InPlaneKernels | undefined {
  if (!Number.isFinite(sigmaMm) || sigmaMm < 0)
    throw new Error(`smoothInPlane: sigmaMm must be a number of mm ≥ 0, got ${sigmaMm}`);
  if (sigmaMm === 0) return undefined;
  return {
    x: symmetricKernel(sigmaMm / (spacingMm[0] ?? 1)),
    y: symmetricKernel(sigmaMm / (spacingMm[1] ?? 1)),
  };
}

/** Where one slice's frames are: frame t's voxel p is data[offset + t·frameStride + p]. */
export interface SliceFrames {
  readonly data: ArrayLike<number>;
  readonly offset: number;
  readonly frameStride: number;
  readonly frames: number;
  readonly nx: number;
  readonly ny: number;
}

/**
 * The ΔHU curves of the masked voxels of one slice after `smoothInPlane` (kernels) and `concentrationCurves`,
 * written voxel-major into `out` (masked voxels in index order, `frames` samples each): the same arithmetic in
 * the same order as those two calls, so the values are bit-identical, but only where it is needed (the
 * x pass on rows within the y kernel of a masked voxel, the y pass on masked voxels), with the weights
 * (which depend on the mask only) summed once for all frames, and without a smoothed copy of the volume.
 * With `outputMask` (a subset of `mask`, same layout) only its voxels' curves are written, still smoothed over
 * every voxel of `mask`; the x pass then runs on the columns of those voxels only, the y pass on their rows
 * and columns only (a sub-grid of the slice: maps/map-grid.ts). Returns the number of voxels written.
 */
export function sliceConcentrationCurves(
  slice: SliceFrames,
  mask: Uint8Array,
  maskOffset: number,
  kernels: InPlaneKernels | undefined,
  baselineCount: number,
  out: Float32Array,
  outOffset: number,
  outputMask: Uint8Array = mask,
): number {
  const { data, offset, frameStride, frames, nx, ny } = slice;
  const size = nx * ny;
  let count = 0;
  for (let p = 0; p < size; p++) if (outputMask[maskOffset + p] !== 0) count++;
  const positions = new Int32Array(count);
  for (let p = 0, n = 0; p < size; p++) if (outputMask[maskOffset + p] !== 0) positions[n++] = p;
  if (kernels === undefined) {
    for (let n = 0; n < count; n++) {
      const p = positions[n] ?? 0;
      const row = outOffset + n * frames;
      for (let t = 0; t < frames; t++) out[row + t] = data[offset + t * frameStride + p] ?? 0;
    }
  } else if (count > 0) {
    smoothSlice(slice, mask, maskOffset, kernels, positions, out, outOffset, outputMask);
  }
  // concentrationCurves on the (Float32) smoothed values: minus the mean of the baseline frames.
  for (let n = 0; n < count; n++) {
    const row = outOffset + n * frames;
    let sum = 0;
    for (let t = 0; t < baselineCount; t++) sum += out[row + t] ?? 0;
    const baselineHu = sum / baselineCount;
    for (let t = 0; t < frames; t++) out[row + t] = (out[row + t] ?? 0) - baselineHu;
  }
  return count;
}

/**
 * The smoothed values (Float32) of the voxels at `positions` (those of `outputMask`, a subset of the mask) of
 * one slice, every frame, into `out`. Each pass runs along memory (tap by tap over a row), which adds each
 * output's terms in the same ascending order as `smoothInPlane`; both passes compute only the columns of
 * `positions` (the y pass only their rows), as an output depends on its own column of the x pass alone.
 */
function smoothSlice(
  slice: SliceFrames,
  mask: Uint8Array,
  maskOffset: number,
  kernels: InPlaneKernels,
  positions: Int32Array,
  out: Float32Array,
  outOffset: number,
  outputMask: Uint8Array,
): void {
  const { data, offset, frameStride, frames, nx, ny } = slice;
  const kx = kernels.x;
  const ky = kernels.y;
  const rx = (kx.length - 1) / 2;
  const ry = (ky.length - 1) / 2;
  // Per row the masked x range; per row the x range the y pass reads (the union over rows within ry).
  const rowFirst = new Int32Array(ny).fill(nx);
  const rowLast = new Int32Array(ny).fill(-1);
  for (const p of positions) {
    const y = Math.floor(p / nx);
    const x = p - y * nx;
    if (x < (rowFirst[y] ?? nx)) rowFirst[y] = x;
    if (x > (rowLast[y] ?? -1)) rowLast[y] = x;
  }
  const needFirst = new Int32Array(ny).fill(nx);
  const needLast = new Int32Array(ny).fill(-1);
  for (let y = 0; y < ny; y++) {
    if ((rowLast[y] ?? -1) < 0) continue;
    for (let yy = Math.max(0, y - ry); yy <= Math.min(ny - 1, y + ry); yy++) {
      needFirst[yy] = Math.min(needFirst[yy] ?? nx, rowFirst[y] ?? nx);
      needLast[yy] = Math.max(needLast[yy] ?? -1, rowLast[y] ?? -1);
    }
  }
  // Pass 1 along x on row y, as smoothInPlane: the weighted sum of the masked neighbours in ascending xx
  // (unmasked ones hold 0 in `source` and add w·0, which leaves the sum unchanged).
  // The columns of the outputs, ascending, and for each x the index of the first column ≥ x.
  const isColumn = new Uint8Array(nx);
  for (const p of positions) isColumn[p % nx] = 1;
  const columns = new Int32Array(isColumn.reduce((n, c) => n + c, 0));
  const columnFrom = new Int32Array(nx + 1);
  for (let x = nx - 1, c = columns.length; x >= 0; x--) {
    if (isColumn[x] !== 0) columns[--c] = x;
    columnFrom[x] = c;
  }
  columnFrom[nx] = columns.length;
  const xPass = (source: Float64Array, y: number, target: Float64Array): void => {
    const last = needLast[y] ?? -1;
    const row = nx * y;
    for (let c = columnFrom[needFirst[y] ?? nx] ?? 0; c < columns.length; c++) {
      const x = columns[c] ?? 0;
      if (x > last) break;
      const from = x - rx < 0 ? 0 : x - rx;
      const to = x + rx > nx - 1 ? nx - 1 : x + rx;
      let sum = 0;
      for (let xx = from, k = from - x + rx; xx <= to; xx++, k++) sum += (kx[k] ?? 0) * (source[xx] ?? 0);
      target[row + x] = sum;
    }
  };
  // Pass 2 along y on row y: the weighted sum of pass 1 over rows y − ry … y + ry, ascending.
  const yPass = (source: Float64Array, y: number, target: Float64Array): void => {
    const first = rowFirst[y] ?? nx;
    const last = rowLast[y] ?? -1;
    target.fill(0, first, last + 1);
    // the columns within [first, last]
    const c0 = columnFrom[first] ?? 0;
    const c1 = columnFrom[last + 1] ?? 0;
    const from = Math.max(0, y - ry);
    const to = Math.min(ny - 1, y + ry);
    let yy = from;
    // four rows at a time: each sum still adds its terms one by one in ascending yy.
    for (; yy + 3 <= to; yy += 4) {
      const k = yy - y + ry;
      const w0 = ky[k] ?? 0;
      const w1 = ky[k + 1] ?? 0;
      const w2 = ky[k + 2] ?? 0;
      const w3 = ky[k + 3] ?? 0;
      const r0 = nx * yy;
      const r1 = r0 + nx;
      const r2 = r1 + nx;
      const r3 = r2 + nx;
      for (let c = c0; c < c1; c++) {
        const x = columns[c] ?? 0;
        target[x] =
          (target[x] ?? 0) +
          w0 * (source[r0 + x] ?? 0) +
          w1 * (source[r1 + x] ?? 0) +
          w2 * (source[r2 + x] ?? 0) +
          w3 * (source[r3 + x] ?? 0);
      }
    }
    for (; yy <= to; yy++) {
      const w = ky[yy - y + ry] ?? 0;
      const row = nx * yy;
      for (let c = c0; c < c1; c++) {
        const x = columns[c] ?? 0;
        target[x] = (target[x] ?? 0) + w * (source[row + x] ?? 0);
      }
    }
  };
  const rowSum = new Float64Array(nx * ny);
  const rowWeight = new Float64Array(nx * ny);
  const values = new Float64Array(nx);
  const sums = new Float64Array(nx);
  // The weights depend on the mask only: summed once for every frame.
  for (let y = 0; y < ny; y++) {
    if ((needLast[y] ?? -1) < 0) continue;
    for (let x = 0; x < nx; x++) values[x] = mask[maskOffset + x + nx * y] !== 0 ? 1 : 0;
    xPass(values, y, rowWeight);
  }
  const weight = new Float64Array(positions.length);
  for (let y = 0, n = 0; y < ny; y++) {
    if ((rowLast[y] ?? -1) < 0) continue;
    yPass(rowWeight, y, sums);
    for (let x = rowFirst[y] ?? nx; x <= (rowLast[y] ?? -1); x++) {
      if (outputMask[maskOffset + x + nx * y] !== 0) weight[n++] = sums[x] ?? 0;
    }
  }
  for (let t = 0; t < frames; t++) {
    const frameStart = offset + t * frameStride;
    for (let y = 0; y < ny; y++) {
      if ((needLast[y] ?? -1) < 0) continue;
      const from = Math.max(0, (needFirst[y] ?? nx) - rx);
      const to = Math.min(nx - 1, (needLast[y] ?? -1) + rx);
      for (let x = from; x <= to; x++) {
        const p = x + nx * y;
        values[x] = mask[maskOffset + p] !== 0 ? (data[frameStart + p] ?? 0) : 0;
      }
      xPass(values, y, rowSum);
    }
    for (let y = 0, n = 0; y < ny; y++) {
      if ((rowLast[y] ?? -1) < 0) continue;
      yPass(rowSum, y, sums);
      for (let x = rowFirst[y] ?? nx; x <= (rowLast[y] ?? -1); x++) {
        const p = x + nx * y;
        if (outputMask[maskOffset + p] === 0) continue;
        const w = weight[n] ?? 0;
        out[outOffset + n * frames + t] = w > 0 ? (sums[x] ?? 0) / w : (data[frameStart + p] ?? 0);
        n++;
      }
    }
  }
  // the slice's sums (4 MB at 512 × 512) freed now: a worker smooths a slice per job, one after the other.
  for (const scratch of [rowSum, rowWeight, weight]) releaseBuffer(scratch);
}

/**
 * `sliceConcentrationCurves` of each slice of a slab (some whole slices of every frame, frame-major: frame t's
 * slice s at (t·slices + s)·nx·ny; mask and outputMask nx·ny·slices), one after the other into `out` from 0.
 * Returns the number of voxels written.
 */
export function slabConcentrationCurves(
  slab: ArrayLike<number>,
  shape: { readonly frames: number; readonly nx: number; readonly ny: number },
  mask: Uint8Array,
  kernels: InPlaneKernels | undefined,
  baselineCount: number,
  out: Float32Array,
  outputMask: Uint8Array = mask,
): number {
  const { frames, nx, ny } = shape;
  const sliceSize = nx * ny;
  const slices = mask.length / sliceSize;
  let written = 0;
  for (let s = 0; s < slices; s++) {
    const slice = { data: slab, offset: s * sliceSize, frameStride: slices * sliceSize, frames, nx, ny };
    written += sliceConcentrationCurves(
      slice,
      mask,
      s * sliceSize,
      kernels,
      baselineCount,
      out,
      written * frames,
      outputMask,
    );
  }
  return written;
}

/**
 * `concentrationCurves(smoothInPlane(ct, mask, sigmaMm), maskVoxels(mask), baselineCount)`, bit-identical, slice
 * by slice without the smoothed copy of the volume (`sliceConcentrationCurves`); σ = 0 gives
 * `concentrationCurves(ct, maskVoxels(mask), baselineCount)`. Voxel-major, masked voxels in index order.
 * `out` (e.g. on shared memory) receives the curves when given. With `outputMask` (a subset of `mask`), only
 * its voxels' curves, in index order, smoothed over the whole mask as before (`sliceConcentrationCurves`).
 */
export function smoothedConcentrationCurves(
  ct: Volume,
  mask: Uint8Array,
  sigmaMm: number,
  baselineCount: number,
  out?: Float32Array,
  outputMask: Uint8Array = mask,
): Float32Array {
  const [nx, ny] = ct.dims;
  checkCurvesInput(ct, mask, baselineCount);
  if (outputMask.length !== mask.length)
    throw new Error(
      `smoothedConcentrationCurves: outputMask has ${outputMask.length} voxels, mask ${mask.length}`,
    );
  const kernels = inPlaneKernels(ct.spacingMm, sigmaMm);
  let count = 0;
  for (const m of outputMask) if (m !== 0) count++;
  const curves = out ?? new Float32Array(count * ct.frames);
  if (curves.length !== count * ct.frames)
    throw new Error(
      `smoothedConcentrationCurves: out has ${curves.length} samples, needs ${count * ct.frames}`,
    );
  // a volume's frames are a slab of all its slices.
  slabConcentrationCurves(
    ct.data,
    { frames: ct.frames, nx, ny },
    mask,
    kernels,
    baselineCount,
    curves,
    outputMask,
  );
  return curves;
}

/** The checks of smoothInPlane and concentrationCurves, with their messages. */
export function checkCurvesInput(ct: Volume, mask: Uint8Array, baselineCount: number): void {
  const perFrame = ct.dims[0] * ct.dims[1] * ct.dims[2];
  if (mask.length !== perFrame)
    throw new Error(`smoothInPlane: mask has ${mask.length} voxels, one frame has ${perFrame}`);
  assertDynamic(ct, 'concentrationCurves');
  assertBaselineCount(ct, baselineCount, 'concentrationCurves');
}
