import FFT from 'fft.js';
import { arterialKernel } from './convolution-kernel.ts';
import { oscillationIndex } from './oscillation-index.ts';

/** The smallest power of two ≥ n (the radix-4 FFT needs one). */
function powerOfTwoAtLeast(n: number): number {
  let size = 2;
  while (size < n) size *= 2;
  return size;
}

/**
 * Block-circulant deconvolution (Wu O et al. Magn Reson Med 2003;50:164-174) in the Fourier domain. The
 * arterial kernel and each tissue curve are zero-padded to L (a power of two ≥ paddingFactor·T), so the
 * circular convolution equals the linear one and a delay shows as a shift of the residue, not a loss of its
 * peak. A circulant matrix is diagonalised by the DFT, D = F⁻¹·diag(A)·F with A = DFT(kernel): its singular
 * values are |A_f|, and the truncated pseudo-inverse keeps 1/A_f where |A_f| ≥ threshold·max|A| and 0
 * elsewhere. Per voxel: one forward FFT of the tissue curve, then a multiply and one inverse FFT per
 * threshold (or Tikhonov λ) tried. One instance holds all work arrays and one FFT, reused for every voxel.
 */
export class CirculantDeconvolver {
  /** L, the padded length. */
  readonly paddedLength: number;
  /** The last residue solved, real, length L. */
  readonly residue: Float64Array;
  private readonly curveLength: number;
  private readonly halfBins: number;
  private readonly fft: FFT;
  /** 1/A_f as (re, im) per half-spectrum bin f = 0..L/2. */
  private readonly inverseAif: Float64Array;
  /** |A_f| / max|A| per half-spectrum bin. */
  private readonly relativeMagnitude: Float64Array;
  /** A_f per half-spectrum bin (re, im), for Tikhonov. */
  private readonly aifSpectrum: Float64Array;
  private readonly maxMagnitude: number;
  private readonly padded: Float64Array;
  private readonly tissueSpectrum: Float64Array;
  private readonly filtered: Float64Array;
  private readonly complexResidue: Float64Array;

  constructor(aifDeltaHu: Float64Array, dtS: number, paddingFactor: number) {
    const t = aifDeltaHu.length;
    this.curveLength = t;
    const size = powerOfTwoAtLeast(Math.ceil(paddingFactor * t));
    this.paddedLength = size;
    this.halfBins = size / 2 + 1;
    this.fft = new FFT(size);
    this.padded = new Float64Array(size);
    this.tissueSpectrum = new Float64Array(2 * size);
    this.filtered = new Float64Array(2 * size);
    this.complexResidue = new Float64Array(2 * size);
    this.residue = new Float64Array(size);

    arterialKernel(aifDeltaHu, dtS, this.padded);
    const spectrum = new Float64Array(2 * size);
    this.fft.realTransform(spectrum, this.padded);
    this.aifSpectrum = spectrum.slice(0, 2 * this.halfBins);
    this.inverseAif = new Float64Array(2 * this.halfBins);
    this.relativeMagnitude = new Float64Array(this.halfBins);
    let max = 0;
    for (let f = 0; f < this.halfBins; f++) {
      const re = this.aifSpectrum[2 * f] ?? 0;
      const im = this.aifSpectrum[2 * f + 1] ?? 0;
      const power = re * re + im * im;
      const magnitude = Math.sqrt(power);
      this.relativeMagnitude[f] = magnitude;
      if (magnitude > max) max = magnitude;
      this.inverseAif[2 * f] = power > 0 ? re / power : 0;
      this.inverseAif[2 * f + 1] = power > 0 ? -im / power : 0;
    }
    if (!(max > 0))
      throw new Error('aifDeltaHu: the arterial curve is zero throughout; nothing to deconvolve');
    this.maxMagnitude = max;
    for (let f = 0; f < this.halfBins; f++)
      this.relativeMagnitude[f] = (this.relativeMagnitude[f] ?? 0) / max;
  }

  /** Zero-pads one tissue curve (curves[offset .. offset+T)) and takes its spectrum. */
  loadTissue(curves: Float32Array, offset: number): void {
    const padded = this.padded;
    padded.fill(0);
    for (let i = 0; i < this.curveLength; i++) padded[i] = curves[offset + i] ?? 0;
    this.fft.realTransform(this.tissueSpectrum, padded);
  }

  /** The truncated-SVD residue of the loaded tissue curve, threshold a fraction of the largest singular value. */
  solveTruncated(threshold: number): void {
    const filtered = this.filtered;
    const tissue = this.tissueSpectrum;
    for (let f = 0; f < this.halfBins; f++) {
      if ((this.relativeMagnitude[f] ?? 0) >= threshold) {
        const tr = tissue[2 * f] ?? 0;
        const ti = tissue[2 * f + 1] ?? 0;
        const ir = this.inverseAif[2 * f] ?? 0;
        const ii = this.inverseAif[2 * f + 1] ?? 0;
        filtered[2 * f] = tr * ir - ti * ii;
        filtered[2 * f + 1] = tr * ii + ti * ir;
      } else {
        filtered[2 * f] = 0;
        filtered[2 * f + 1] = 0;
      }
    }
    this.inverse();
  }

  /**
   * The Tikhonov-regularised residue: K_f = C_f · conj(A_f) / (|A_f|² + (λ·max|A|)²) (Fieselmann 2011),
   * λ relative to the largest singular value.
   */
  solveTikhonov(lambda: number): void {
    const filtered = this.filtered;
    const tissue = this.tissueSpectrum;
    const damping = (lambda * this.maxMagnitude) ** 2;
    for (let f = 0; f < this.halfBins; f++) {
      const ar = this.aifSpectrum[2 * f] ?? 0;
      const ai = this.aifSpectrum[2 * f + 1] ?? 0;
      const tr = tissue[2 * f] ?? 0;
      const ti = tissue[2 * f + 1] ?? 0;
      const denominator = ar * ar + ai * ai + damping;
      filtered[2 * f] = (tr * ar + ti * ai) / denominator;
      filtered[2 * f + 1] = (ti * ar - tr * ai) / denominator;
    }
    this.inverse();
  }

  /**
   * oSVD (Wu 2003): the smallest threshold on the grid min, min+step, …, max whose residue has an oscillation
   * index below oiLimit, found by bisection (OI falls as the threshold rises; ~7 inverse FFTs for 95 steps).
   * When even the largest threshold oscillates more, the largest is used. Leaves that residue in `residue`
   * and returns the threshold chosen.
   */
  solveOscillationLimited(oiLimit: number, minThreshold: number, maxThreshold: number, step: number): number {
    const steps = Math.max(0, Math.round((maxThreshold - minThreshold) / step));
    let low = 0;
    let high = steps;
    // invariant: the answer is in [low, high]; high always passes or is the last grid point.
    while (low < high) {
      const mid = (low + high) >>> 1;
      this.solveTruncated(minThreshold + mid * step);
      if (oscillationIndex(this.residue, this.paddedLength) < oiLimit) high = mid;
      else low = mid + 1;
    }
    const threshold = minThreshold + low * step;
    this.solveTruncated(threshold);
    return threshold;
  }

  private inverse(): void {
    const size = this.paddedLength;
    const filtered = this.filtered;
    // the residue is real: complete the spectrum by conjugate symmetry, K_{L−f} = conj(K_f).
    for (let f = this.halfBins; f < size; f++) {
      filtered[2 * f] = filtered[2 * (size - f)] ?? 0;
      filtered[2 * f + 1] = -(filtered[2 * (size - f) + 1] ?? 0);
    }
    this.fft.inverseTransform(this.complexResidue, filtered);
    for (let i = 0; i < size; i++) this.residue[i] = this.complexResidue[2 * i] ?? 0;
  }
}
