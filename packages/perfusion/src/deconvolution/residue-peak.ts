/**
 * The largest value of the residue estimate k over its first `length` samples and the time it occurs at
 * (first occurrence), written to kMaxPerS[voxel] and tmaxS[voxel] (no allocation: called once per voxel).
 * On a block-circulant (zero-padded) solution of length L, a tissue curve that leads the arterial curve has
 * its peak wrapped to the end: samples from `wrapFrom` on are read as (index − length)·dt, a negative Tmax.
 */
export function writeResiduePeak(
  residue: Float64Array,
  length: number,
  dtS: number,
  wrapFrom: number,
  voxel: number,
  kMaxPerS: Float32Array,
  tmaxS: Float32Array,
): void {
  let best = 0;
  let max = -Infinity;
  for (let i = 0; i < length; i++) {
    const v = residue[i] ?? 0;
    if (v > max) {
      max = v;
      best = i;
    }
  }
  kMaxPerS[voxel] = max;
  tmaxS[voxel] = (best >= wrapFrom ? best - length : best) * dtS;
}
