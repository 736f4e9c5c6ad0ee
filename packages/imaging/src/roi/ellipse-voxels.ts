import type { Triple, Volume } from '../types/volume.ts';

/** An elliptical cylinder in voxel indices: centre (x, y, z), in-plane radii (x, y), slice range. */
export interface EllipseRoi {
  center: Triple;
  radii: readonly [number, number];
  /** First and last slice (k), inclusive. */
  slices: readonly [number, number];
}

function fail(field: string, problem: string): never {
  throw new RangeError(`ellipse ${field} ${problem}`);
}

/**
 * The voxels (linear indices, ascending) whose centre lies in the ellipse
 * ((i − cx)/rx)² + ((j − cy)/ry)² ≤ 1 on every slice from slices[0] to slices[1]. The ellipse must lie
 * wholly inside the volume: a region clipped at the edge is a mistake to report, not to measure.
 */
export function ellipseVoxels(volume: Volume, roi: EllipseRoi): Int32Array {
  const [nx, ny, nz] = volume.dims;
  const [cx, cy] = roi.center;
  const [rx, ry] = roi.radii;
  const [k0, k1] = roi.slices;
  roi.center.forEach((c, axis) => {
    const size = volume.dims[axis] ?? 0;
    if (!Number.isFinite(c) || c < 0 || c > size - 1) {
      fail(`center[${axis}]`, `is ${c}, outside the volume (0 to ${size - 1})`);
    }
  });
  [rx, ry].forEach((r, axis) => {
    if (!Number.isFinite(r) || r <= 0) fail(`radii[${axis}]`, `must be greater than 0, got ${r}`);
  });
  if (cx - rx < -0.5 || cx + rx > nx - 0.5) {
    fail('radii[0]', `reaches x ${cx - rx} to ${cx + rx}, outside the volume (0 to ${nx - 1})`);
  }
  if (cy - ry < -0.5 || cy + ry > ny - 0.5) {
    fail('radii[1]', `reaches y ${cy - ry} to ${cy + ry}, outside the volume (0 to ${ny - 1})`);
  }
  [k0, k1].forEach((k, index) => {
    if (!Number.isInteger(k) || k < 0 || k > nz - 1) {
      fail(`slices[${index}]`, `is ${k}, not a slice of the volume (0 to ${nz - 1})`);
    }
  });
  if (k1 < k0) fail('slices', `run from ${k0} down to ${k1}: give the first slice first`);

  const inPlane: number[] = [];
  for (let j = Math.ceil(cy - ry); j <= Math.floor(cy + ry); j++) {
    for (let i = Math.ceil(cx - rx); i <= Math.floor(cx + rx); i++) {
      if (((i - cx) / rx) ** 2 + ((j - cy) / ry) ** 2 <= 1) inPlane.push(i + nx * j);
    }
  }
  const out = new Int32Array(inPlane.length * (k1 - k0 + 1));
  let at = 0;
  for (let k = k0; k <= k1; k++) {
    for (const offset of inPlane) out[at++] = offset + nx * ny * k;
  }
  return out;
}
