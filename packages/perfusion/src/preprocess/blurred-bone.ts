import type { Volume } from '@quantrad/imaging';
import { IN_PLANE_BLUR_WEIGHTS } from './estimate-motion.ts';
import { voxelsPerFrame } from './volume-checks.ts';

/**
 * One frame's bone image, max(HU − floor, 0), blurred in-plane as `estimateMotion` blurs it (σ 1 voxel,
 * 5 taps, edges clamped), computed voxel by voxel on demand and kept until the frame changes: a through-plane
 * search reads only the voxels near a few bone columns, so blurring the whole slab would cost far more.
 */
export class BlurredBone {
  private readonly ct: Volume;
  private readonly floorHu: number;
  private readonly values: Float32Array;
  private readonly known: Uint8Array;
  private readonly nx: number;
  private readonly ny: number;
  private base = 0;

  constructor(ct: Volume, floorHu: number) {
    this.ct = ct;
    this.floorHu = floorHu;
    [this.nx, this.ny] = ct.dims;
    this.values = new Float32Array(voxelsPerFrame(ct));
    this.known = new Uint8Array(voxelsPerFrame(ct));
  }

  /** Reads `frame` from now on (forgets the voxels blurred before). */
  useFrame(frame: number): void {
    this.base = frame * voxelsPerFrame(this.ct);
    this.known.fill(0);
  }

  /** The blurred bone image at voxel (i, j) of the slice starting at `sliceStart` (within the frame). */
  at(sliceStart: number, i: number, j: number): number {
    const v = sliceStart + i + this.nx * j;
    if (this.known[v] === 1) return this.values[v] ?? 0;
    const { nx, ny, floorHu } = this;
    const data = this.ct.data;
    const start = this.base + sliceStart;
    let sum = 0;
    for (let dj = -2; dj <= 2; dj++) {
      const jj = j + dj < 0 ? 0 : j + dj >= ny ? ny - 1 : j + dj;
      const row = start + nx * jj;
      let rowSum = 0;
      for (let di = -2; di <= 2; di++) {
        const ii = i + di < 0 ? 0 : i + di >= nx ? nx - 1 : i + di;
        const hu = (data[row + ii] ?? 0) - floorHu;
        if (hu > 0) rowSum += (IN_PLANE_BLUR_WEIGHTS[Math.abs(di)] ?? 0) * hu;
      }
      sum += (IN_PLANE_BLUR_WEIGHTS[Math.abs(dj)] ?? 0) * rowSum;
    }
    this.values[v] = sum;
    this.known[v] = 1;
    return sum;
  }

  /**
   * Cubic-convolution sample (Keys, a = −0.5) at fractional voxel (x, y), clamped to the slice's edge: unlike
   * bilinear interpolation, which averages neighbours and so smooths by up to a quarter voxel² at half-voxel
   * positions, it reproduces a smooth image nearly unchanged.
   */
  sample(sliceStart: number, x: number, y: number): number {
    const { nx, ny } = this;
    const xc = x < 0 ? 0 : x > nx - 1 ? nx - 1 : x;
    const yc = y < 0 ? 0 : y > ny - 1 ? ny - 1 : y;
    const i0 = Math.floor(xc);
    const j0 = Math.floor(yc);
    const wx = keys(xc - i0);
    const wy = keys(yc - j0);
    let sum = 0;
    for (let dj = -1; dj <= 2; dj++) {
      const jj = j0 + dj < 0 ? 0 : j0 + dj >= ny ? ny - 1 : j0 + dj;
      let row = 0;
      for (let di = -1; di <= 2; di++) {
        const ii = i0 + di < 0 ? 0 : i0 + di >= nx ? nx - 1 : i0 + di;
        row += (wx[di + 1] ?? 0) * this.at(sliceStart, ii, jj);
      }
      sum += (wy[dj + 1] ?? 0) * row;
    }
    return sum;
  }
}

/** The factor by which the blur scales the variance of independent voxel noise: (Σ w²)² over 5 × 5 taps. */
export const BLUR_NOISE_VARIANCE_FACTOR = (() => {
  const [w0, w1, w2] = IN_PLANE_BLUR_WEIGHTS;
  return (w0 * w0 + 2 * w1 * w1 + 2 * w2 * w2) ** 2;
})();

/** Keys cubic-convolution weights (a = −0.5) of the taps at −1, 0, 1, 2 for a fraction f in [0, 1). */
function keys(f: number): [number, number, number, number] {
  const f2 = f * f;
  const f3 = f2 * f;
  return [
    -0.5 * f3 + f2 - 0.5 * f,
    1.5 * f3 - 2.5 * f2 + 1,
    -1.5 * f3 + 2 * f2 + 0.5 * f,
    0.5 * f3 - 0.5 * f2,
  ];
}
