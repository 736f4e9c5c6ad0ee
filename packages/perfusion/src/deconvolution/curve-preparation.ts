/**
 * Prepares the curves for deconvolution on a finer grid: an optional temporal Gaussian filter of the
 * tissue curve on its own grid (noise handling), then linear upsampling by a whole factor (the convolution
 * is discretised finer, so a delay that is not a whole number of frames is not rounded, and the residue's
 * peak is sampled finer). One instance holds the kernel and the work arrays, reused for every voxel.
 */
export class CurvePreparation {
  /** Samples of a prepared curve: (T − 1)·factor + 1. */
  readonly preparedLength: number;
  /** The prepared tissue curve, length preparedLength. */
  readonly prepared: Float32Array;
  private readonly curveLength: number;
  private readonly factor: number;
  /** Gaussian weights w_0..w_R (symmetric), empty when no filter. */
  private readonly kernel: Float64Array;
  private readonly smoothed: Float64Array;

  /**
   * @param curveLength T, samples of a curve on the acquisition grid
   * @param upsampleFactor whole number ≥ 1 (1: no upsampling)
   * @param smoothingSigmaSamples Gaussian σ in samples of the acquisition grid (0: no filter); truncated at 3σ
   */
  constructor(curveLength: number, upsampleFactor: number, smoothingSigmaSamples: number) {
    this.curveLength = curveLength;
    this.factor = upsampleFactor;
    this.preparedLength = (curveLength - 1) * upsampleFactor + 1;
    this.prepared = new Float32Array(this.preparedLength);
    this.smoothed = new Float64Array(curveLength);
    if (smoothingSigmaSamples > 0) {
      const radius = Math.max(1, Math.ceil(3 * smoothingSigmaSamples));
      this.kernel = Float64Array.from({ length: radius + 1 }, (_, d) =>
        Math.exp(-0.5 * (d / smoothingSigmaSamples) ** 2),
      );
    } else this.kernel = new Float64Array(0);
  }

  /** The arterial curve upsampled (never filtered: its sharp peak is the signal, and its noise is low). */
  upsampleAif(aifDeltaHu: Float64Array): Float64Array {
    const out = new Float64Array(this.preparedLength);
    upsampleLinear(aifDeltaHu, 0, this.curveLength, this.factor, out);
    return out;
  }

  /** Filters and upsamples curves[offset .. offset+T) into `prepared`. */
  prepare(curves: Float32Array, offset: number): Float32Array {
    const t = this.curveLength;
    const kernel = this.kernel;
    const smoothed = this.smoothed;
    if (kernel.length === 0) {
      for (let i = 0; i < t; i++) smoothed[i] = curves[offset + i] ?? 0;
    } else {
      const radius = kernel.length - 1;
      for (let i = 0; i < t; i++) {
        // weights renormalised where the window passes the ends of the curve (no padding assumed).
        let sum = 0;
        let weights = 0;
        const from = Math.max(0, i - radius);
        const to = Math.min(t - 1, i + radius);
        for (let j = from; j <= to; j++) {
          const w = kernel[Math.abs(i - j)] ?? 0;
          sum += w * (curves[offset + j] ?? 0);
          weights += w;
        }
        smoothed[i] = sum / weights;
      }
    }
    upsampleLinear(smoothed, 0, t, this.factor, this.prepared);
    return this.prepared;
  }
}

/** Linear interpolation of values[offset .. offset+length) onto a grid `factor` times finer (same first and last sample). */
function upsampleLinear(
  values: ArrayLike<number>,
  offset: number,
  length: number,
  factor: number,
  out: Float64Array | Float32Array,
): void {
  for (let i = 0; i < length - 1; i++) {
    const a = values[offset + i] ?? 0;
    const b = values[offset + i + 1] ?? 0;
    for (let s = 0; s < factor; s++) out[i * factor + s] = a + ((b - a) * s) / factor;
  }
  out[(length - 1) * factor] = values[offset + length - 1] ?? 0;
}
