import FFT from 'fft.js';
import { arterialKernel } from './convolution-kernel.ts';

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
  private readonly tissueSpectrumWork: Float64Array;
  /** Half-length FFT for the real inverse transform (L/2 complex points). */
  private readonly halfFft: FFT;
  /** cos and sin of 2πk/L, k = 0..L/2 − 1, for the real inverse transform. */
  private readonly twiddle: Float64Array;
  /** Half-spectrum bins ordered by |A_f| falling (ties by frequency), for the oSVD search. */
  private readonly binsByMagnitude: Int32Array;
  /** rankOf[f]: the position of bin f in binsByMagnitude. */
  private readonly rankOf: Int32Array;
  /** Work array: the residue of the last threshold that passed the oscillation limit. */
  private readonly passing: Float64Array;

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
    this.passing = new Float64Array(size);
    this.tissueSpectrumWork = new Float64Array(size);
    this.halfFft = new FFT(Math.max(2, size / 2));
    this.twiddle = new Float64Array(size);
    for (let k = 0; k < size / 2; k++) {
      this.twiddle[2 * k] = Math.cos((2 * Math.PI * k) / size);
      this.twiddle[2 * k + 1] = Math.sin((2 * Math.PI * k) / size);
    }

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
    const magnitude = this.relativeMagnitude;
    this.binsByMagnitude = Int32Array.from({ length: this.halfBins }, (_, f) => f).sort(
      (a, b) => (magnitude[b] ?? 0) - (magnitude[a] ?? 0) || a - b,
    );
    this.rankOf = new Int32Array(this.halfBins);
    this.binsByMagnitude.forEach((f, rank) => (this.rankOf[f] = rank));
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
   * index below oiLimit (OI assumed to fall as the threshold rises). When even the largest threshold
   * oscillates more, the largest is used. Leaves that residue in `residue` and returns the threshold chosen.
   *
   * The grid's thresholds give only as many different filters as there are distinct counts of kept bins
   * (|A_f| ≥ threshold, bins ordered by |A_f|): the search bisects over those counts, not over the grid
   * points (the filters are listed once per grid), with the same answer as a bisection over the grid and
   * fewer inverse transforms; the residue of the last passing filter is kept rather than solved again.
   */
  solveOscillationLimited(oiLimit: number, minThreshold: number, maxThreshold: number, step: number): number {
    const grid = this.thresholdGrid(minThreshold, maxThreshold, step);
    const counts = grid.counts;
    // candidates in order of rising threshold (falling kept count); find the first whose residue passes.
    let low = 0;
    let high = counts.length - 1;
    let passing = -1;
    let current = -1;
    // invariant: candidates below `low` fail; `high` passes or is the last (the fallback).
    while (low < high) {
      const mid = (low + high) >>> 1;
      const count = counts[mid] ?? 0;
      this.solveKept(count);
      current = count;
      if (this.residueOscillationIndex() < oiLimit) {
        high = mid;
        passing = mid;
        this.passing.set(this.residue);
      } else low = mid + 1;
    }
    const count = counts[low] ?? 0;
    if (current !== count) {
      if (passing === low) this.residue.set(this.passing);
      else this.solveKept(count);
    }
    return grid.thresholds[low] ?? maxThreshold;
  }

  /** The truncated residue keeping the `count` bins of largest |A_f|. */
  private solveKept(count: number): void {
    const filtered = this.filtered;
    const tissue = this.tissueSpectrum;
    const inverseAif = this.inverseAif;
    const rankOf = this.rankOf;
    for (let f = 0; f < this.halfBins; f++) {
      if ((rankOf[f] ?? 0) < count) {
        const tr = tissue[2 * f] ?? 0;
        const ti = tissue[2 * f + 1] ?? 0;
        const ir = inverseAif[2 * f] ?? 0;
        const ii = inverseAif[2 * f + 1] ?? 0;
        filtered[2 * f] = tr * ir - ti * ii;
        filtered[2 * f + 1] = tr * ii + ti * ir;
      } else {
        filtered[2 * f] = 0;
        filtered[2 * f + 1] = 0;
      }
    }
    this.inverse();
  }

  private gridKey = '';
  private grid: { counts: Int32Array; thresholds: Float64Array } = {
    counts: new Int32Array(0),
    thresholds: new Float64Array(0),
  };

  /**
   * The distinct filters of the threshold grid min, min+step, …, max (computed once per grid): for each, the
   * number of bins kept (|A_f| ≥ threshold) and the smallest grid threshold giving it, in order of rising
   * threshold.
   */
  private thresholdGrid(
    minThreshold: number,
    maxThreshold: number,
    step: number,
  ): { counts: Int32Array; thresholds: Float64Array } {
    const key = `${minThreshold}/${maxThreshold}/${step}`;
    if (key === this.gridKey) return this.grid;
    const steps = Math.max(0, Math.round((maxThreshold - minThreshold) / step));
    const counts: number[] = [];
    const thresholds: number[] = [];
    for (let g = 0; g <= steps; g++) {
      const threshold = minThreshold + g * step;
      const count = this.keptCount(threshold);
      if (counts.length === 0 || counts[counts.length - 1] !== count) {
        counts.push(count);
        thresholds.push(threshold);
      }
    }
    this.grid = { counts: Int32Array.from(counts), thresholds: Float64Array.from(thresholds) };
    this.gridKey = key;
    return this.grid;
  }

  /**
   * oscillationIndex(residue, L) (oscillation-index.ts, Wu 2003) in one pass, on every oiStride-th sample: max,
   * and the mean absolute second difference relative to it; Infinity when the maximum is not positive.
   */
  private residueOscillationIndex(): number {
    const r = this.residue;
    const stride = this.oiStride;
    const count = this.paddedLength / stride;
    let max = r[0] ?? 0;
    let previous = r[stride] ?? 0;
    let beforePrevious = max;
    if (previous > max) max = previous;
    let sum = 0;
    for (let k = 2 * stride; k < this.paddedLength; k += stride) {
      const v = r[k] ?? 0;
      if (v > max) max = v;
      sum += Math.abs(v - 2 * previous + beforePrevious);
      beforePrevious = previous;
      previous = v;
    }
    return max > 0 ? sum / (count * max) : Infinity;
  }

  /**
   * The oscillation index is taken on every `stride`-th sample of the residue: on a grid upsampled by a
   * factor f, stride f measures it on the acquisition grid, where Wu's limits were set (on the finer grid
   * the second differences of a smooth residue shrink as 1/f², so the same limit would regularise far less).
   */
  private oiStride = 1;

  setOscillationStride(stride: number): void {
    if (!Number.isInteger(stride) || stride < 1 || this.paddedLength % stride !== 0)
      throw new Error(`oscillation stride must be a whole divisor of ${this.paddedLength}, got ${stride}`);
    this.oiStride = stride;
  }

  /** Number of half-spectrum bins whose relative magnitude is at least `threshold`. */
  private keptCount(threshold: number): number {
    const order = this.binsByMagnitude;
    let low = 0;
    let high = order.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.relativeMagnitude[order[mid] ?? 0] ?? 0) >= threshold) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /**
   * The real residue from its half spectrum K_0..K_{L/2} (in `filtered`), by one complex FFT of L/2 points:
   * with W = e^{−2πi/L}, the even and odd samples have spectra E_k = (K_k + conj K_{L/2−k})/2 and
   * O_k = (K_k − conj K_{L/2−k})·W^{−k}/2, and z = IDFT(E + i·O) holds x_{2n} = Re z_n, x_{2n+1} = Im z_n.
   */
  private inverse(): void {
    const size = this.paddedLength;
    const half = size / 2;
    const filtered = this.filtered;
    const z = this.tissueSpectrumWork;
    const tw = this.twiddle;
    const scale = 1 / half;
    for (let k = 0; k < half; k++) {
      const ar = filtered[2 * k] ?? 0;
      const ai = filtered[2 * k + 1] ?? 0;
      const br = filtered[2 * (half - k)] ?? 0;
      const bi = -(filtered[2 * (half - k) + 1] ?? 0);
      const er = 0.5 * (ar + br);
      const ei = 0.5 * (ai + bi);
      const dr = 0.5 * (ar - br);
      const di = 0.5 * (ai - bi);
      // W^{−k} = cos(2πk/L) + i·sin(2πk/L)
      const c = tw[2 * k] ?? 1;
      const s = tw[2 * k + 1] ?? 0;
      const or = dr * c - di * s;
      const oi = dr * s + di * c;
      // conj(Z_k)/M into a forward transform: DFT(conj(Z)/M) = conj(IDFT(Z)), M = L/2 (no scaling pass).
      z[2 * k] = (er - oi) * scale;
      z[2 * k + 1] = -(ei + or) * scale;
    }
    this.halfFft.transform(this.complexResidue, z);
    const out = this.residue;
    const zc = this.complexResidue;
    for (let n = 0; n < half; n++) {
      out[2 * n] = zc[2 * n] ?? 0;
      out[2 * n + 1] = -(zc[2 * n + 1] ?? 0);
    }
  }
}
