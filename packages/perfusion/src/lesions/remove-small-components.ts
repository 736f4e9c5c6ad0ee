import type { Triple } from '@quantrad/imaging';

/**
 * Clears, in place, the 6-connected components (face neighbours) of a 0/1 mask with fewer than
 * `minVoxels` voxels; returns how many voxels were cleared. `minVoxels` ≤ 1 leaves the mask unchanged.
 * Iterative flood fill with one preallocated stack, so a mask of 10⁷ voxels does not recurse.
 */
export function removeSmallComponents(mask: Uint8Array, dims: Triple, minVoxels: number): number {
  const [nx, ny, nz] = dims;
  const total = nx * ny * nz;
  if (mask.length !== total) {
    throw new RangeError(`removeSmallComponents: mask has ${mask.length} voxels, dims give ${total}`);
  }
  if (minVoxels <= 1) return 0;
  const sliceVoxels = nx * ny;
  const visited = new Uint8Array(total);
  const stack = new Int32Array(total);
  const component = new Int32Array(total);
  let cleared = 0;
  for (let seed = 0; seed < total; seed++) {
    if (mask[seed] === 0 || visited[seed] === 1) continue;
    let top = 0;
    let size = 0;
    stack[top++] = seed;
    visited[seed] = 1;
    while (top > 0) {
      const v = stack[--top] ?? 0;
      component[size++] = v;
      const i = v % nx;
      const j = Math.floor(v / nx) % ny;
      const k = Math.floor(v / sliceVoxels);
      const push = (n: number): void => {
        if (mask[n] !== 0 && visited[n] === 0) {
          visited[n] = 1;
          stack[top++] = n;
        }
      };
      if (i > 0) push(v - 1);
      if (i < nx - 1) push(v + 1);
      if (j > 0) push(v - nx);
      if (j < ny - 1) push(v + nx);
      if (k > 0) push(v - sliceVoxels);
      if (k < nz - 1) push(v + sliceVoxels);
    }
    if (size < minVoxels) {
      for (let c = 0; c < size; c++) mask[component[c] ?? 0] = 0;
      cleared += size;
    }
  }
  return cleared;
}
