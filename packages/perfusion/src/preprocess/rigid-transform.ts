import type { Volume } from '@quantrad/imaging';

/**
 * An in-plane rigid transform of one frame: rotation about the z axis through the in-plane centre of the
 * grid, then translation, in the grid's x/y axes. It maps a point of the reference frame to where that
 * anatomy is in the moved frame.
 */
export interface RigidTransform {
  readonly txMm: number;
  readonly tyMm: number;
  readonly rotationDeg: number;
}

export const IDENTITY_TRANSFORM: RigidTransform = { txMm: 0, tyMm: 0, rotationDeg: 0 };

/** Precomputed voxel-to-voxel form of a transform on a grid: (i, j) → (i', j'). */
export interface VoxelMap {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  readonly e: number;
  readonly f: number;
}

/**
 * The transform as an affine map of voxel indices: with x = (i − cx)·sx, y = (j − cy)·sy,
 * x' = cos θ·x − sin θ·y + tx, y' = sin θ·x + cos θ·y + ty, i' = x'/sx + cx, j' = y'/sy + cy;
 * so i' = a·i + b·j + c and j' = d·i + e·j + f.
 */
export function voxelMap(volume: Volume, transform: RigidTransform): VoxelMap {
  const [nx, ny] = volume.dims;
  const [sx, sy] = volume.spacingMm;
  const cx = (nx - 1) / 2;
  const cy = (ny - 1) / 2;
  const theta = (transform.rotationDeg * Math.PI) / 180;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const a = cos;
  const b = (-sin * sy) / sx;
  const d = (sin * sx) / sy;
  const e = cos;
  return {
    a,
    b,
    c: cx - a * cx - b * cy + transform.txMm / sx,
    d,
    e,
    f: cy - d * cx - e * cy + transform.tyMm / sy,
  };
}

/**
 * The largest movement of any point within `radiusMm` of the rotation centre: |t| + 2r·sin(|θ|/2) (the
 * rotation moves a point at distance r by 2r·sin(θ/2), and the worst point adds it along t).
 */
export function displacementMm(transform: RigidTransform, radiusMm: number): number {
  const theta = (Math.abs(transform.rotationDeg) * Math.PI) / 180;
  return Math.hypot(transform.txMm, transform.tyMm) + 2 * radiusMm * Math.sin(theta / 2);
}

/**
 * Bilinear sample of one slice at fractional voxel (x, y), clamped to the slice's edge (voxels outside the
 * field of view take the nearest edge value).
 */
export function sampleSlice(
  data: ArrayLike<number>,
  sliceStart: number,
  nx: number,
  ny: number,
  x: number,
  y: number,
): number {
  const xc = x < 0 ? 0 : x > nx - 1 ? nx - 1 : x;
  const yc = y < 0 ? 0 : y > ny - 1 ? ny - 1 : y;
  const i0 = Math.min(Math.floor(xc), nx - 2 < 0 ? 0 : nx - 2);
  const j0 = Math.min(Math.floor(yc), ny - 2 < 0 ? 0 : ny - 2);
  const fx = nx > 1 ? xc - i0 : 0;
  const fy = ny > 1 ? yc - j0 : 0;
  const i1 = nx > 1 ? i0 + 1 : i0;
  const j1 = ny > 1 ? j0 + 1 : j0;
  const v00 = data[sliceStart + i0 + nx * j0] ?? 0;
  const v10 = data[sliceStart + i1 + nx * j0] ?? 0;
  const v01 = data[sliceStart + i0 + nx * j1] ?? 0;
  const v11 = data[sliceStart + i1 + nx * j1] ?? 0;
  return (v00 * (1 - fx) + v10 * fx) * (1 - fy) + (v01 * (1 - fx) + v11 * fx) * fy;
}

/**
 * Compass search of the rigid in-plane transform minimising `measure`: from `start` (cost `startCost`), each
 * of the six moves ±step in x, y (mm) and rotation (°) that lowers the cost is taken, and the step is halved
 * when none does, until it falls below `stopStep`. Returns the best transform, its cost and the step reached.
 */
export function compassSearch(
  measure: (t: RigidTransform) => number,
  start: RigidTransform,
  startCost: number,
  startStep: number,
  stopStep: number,
): { best: RigidTransform; cost: number; step: number } {
  let best = start;
  let cost = startCost;
  let step = startStep;
  while (step >= stopStep) {
    let improved = false;
    const moves: RigidTransform[] = [
      { ...best, txMm: best.txMm + step },
      { ...best, txMm: best.txMm - step },
      { ...best, tyMm: best.tyMm + step },
      { ...best, tyMm: best.tyMm - step },
      { ...best, rotationDeg: best.rotationDeg + step },
      { ...best, rotationDeg: best.rotationDeg - step },
    ];
    for (const candidate of moves) {
      const c = measure(candidate);
      if (c < cost) {
        best = candidate;
        cost = c;
        improved = true;
      }
    }
    if (!improved) step /= 2;
  }
  return { best, cost, step };
}
