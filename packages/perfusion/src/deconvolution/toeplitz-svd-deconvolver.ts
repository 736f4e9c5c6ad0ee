import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { arterialKernel } from './convolution-kernel.ts';

/**
 * Standard truncated SVD (Østergaard L et al. Magn Reson Med 1996;36:715-725): the T×T lower-triangular
 * Toeplitz convolution matrix A_{ij} = g_{i−j} (g the arterial kernel, i ≥ j) is decomposed once with
 * ml-matrix, A = U·S·Vᵀ, and its truncated pseudo-inverse P = V·S⁺·Uᵀ (1/s for s ≥ threshold·max s, else 0)
 * is kept; each voxel is then one matrix-vector product k = P·c. Being causal, it loses the residue's
 * peak when the tissue arrives after the arterial curve (delay-sensitive, Wu 2003). This is also the
 * straightforward matrix-product implementation the speed benchmark compares the FFT methods against.
 */
export class ToeplitzSvdDeconvolver {
  /** The last residue solved, length T. */
  readonly residue: Float64Array;
  private readonly curveLength: number;
  /** P row-major, T×T. */
  private readonly pseudoInverse: Float64Array;

  constructor(aifDeltaHu: Float64Array, dtS: number, threshold: number) {
    const t = aifDeltaHu.length;
    this.curveLength = t;
    this.residue = new Float64Array(t);
    const kernel = new Float64Array(t);
    arterialKernel(aifDeltaHu, dtS, kernel);
    const a = Matrix.zeros(t, t);
    for (let i = 0; i < t; i++) for (let j = 0; j <= i; j++) a.set(i, j, kernel[i - j] ?? 0);
    const svd = new SingularValueDecomposition(a, { autoTranspose: false });
    const singular = svd.diagonal;
    const largest = Math.max(...singular);
    if (!(largest > 0))
      throw new Error('aifDeltaHu: the arterial curve is zero throughout; nothing to deconvolve');
    const u = svd.leftSingularVectors;
    const v = svd.rightSingularVectors;
    this.pseudoInverse = new Float64Array(t * t);
    for (let m = 0; m < singular.length; m++) {
      const s = singular[m] ?? 0;
      if (s < threshold * largest || s <= 0) continue;
      for (let i = 0; i < t; i++) {
        const vi = v.get(i, m) / s;
        for (let j = 0; j < t; j++) {
          const index = i * t + j;
          this.pseudoInverse[index] = (this.pseudoInverse[index] ?? 0) + vi * u.get(j, m);
        }
      }
    }
  }

  /** k = P·c for the tissue curve curves[offset .. offset+T), left in `residue`. */
  solve(curves: Float32Array, offset: number): void {
    const t = this.curveLength;
    const p = this.pseudoInverse;
    for (let i = 0; i < t; i++) {
      let sum = 0;
      const row = i * t;
      for (let j = 0; j < t; j++) sum += (p[row + j] ?? 0) * (curves[offset + j] ?? 0);
      this.residue[i] = sum;
    }
  }
}
