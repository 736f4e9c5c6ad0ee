/** How Tmax is read from the residue estimate k(t). */
export type TmaxEstimator = 'peak' | 'half-rise';

/**
 * The largest value of the residue estimate k over its first `length` samples, written to kMaxPerS[voxel],
 * and its time, written to tmaxS[voxel] (no allocation: called once per voxel):
 * - 'peak': the time of the largest sample refined by the vertex of the parabola through it and its two
 *   neighbours (at most half a step; none at the ends or on a flat top) — Tmax as defined, the time of k's
 *   maximum (Fieselmann 2011);
 * - 'half-rise': the time the leading edge of k first reaches half its maximum, searching back from the
 *   peak and interpolating linearly — the arrival of the residue (quantrad option): a truncated or
 *   Tikhonov solution is the true k blurred by a zero-phase (symmetric) kernel, which moves the peak of a
 *   residue with a sharp front later by up to half the kernel's width (more for a flat, long-MTT residue)
 *   but leaves the half-height of the front in place.
 * On a block-circulant (zero-padded) solution of length L, a tissue curve that leads the arterial curve has
 * its peak wrapped to the end: positions from `wrapFrom` on are read as (index − length)·dt, negative times.
 */
export function writeResiduePeak(
  residue: Float64Array,
  length: number,
  dtS: number,
  wrapFrom: number,
  voxel: number,
  kMaxPerS: Float32Array,
  tmaxS: Float32Array,
  estimator: TmaxEstimator = 'peak',
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
  let position = best;
  if (estimator === 'half-rise' && max > 0) {
    // walk back (circularly, at most half the length) to the first sample below half the maximum.
    const half = 0.5 * max;
    let i = best;
    let steps = 0;
    let previous = best;
    while (steps < length / 2) {
      previous = i;
      i = i === 0 ? length - 1 : i - 1;
      steps++;
      if ((residue[i] ?? 0) < half) break;
    }
    const below = residue[i] ?? 0;
    const above = residue[previous] ?? 0;
    const fraction = above > below ? (half - below) / (above - below) : 1;
    position = best - steps + fraction;
  } else if (best > 0 && best < length - 1) {
    const before = residue[best - 1] ?? 0;
    const after = residue[best + 1] ?? 0;
    const curvature = before - 2 * max + after;
    const shift = curvature < 0 ? (0.5 * (before - after)) / curvature : 0;
    position = best + Math.max(-0.5, Math.min(0.5, shift));
  }
  if (position < 0) position += length;
  tmaxS[voxel] = (position >= wrapFrom ? position - length : position) * dtS;
}
