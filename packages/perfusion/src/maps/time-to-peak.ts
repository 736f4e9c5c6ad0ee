/**
 * Time to peak of one curve on a uniform grid (values[offset .. offset+length), sample i at i·dtS): the
 * time of the largest sample, refined by the vertex of the parabola through it and its two neighbours
 * (the shift is at most half a step; none at the ends of the curve or on a flat top).
 */
export function timeToPeakS(values: ArrayLike<number>, offset: number, length: number, dtS: number): number {
  let best = 0;
  let max = -Infinity;
  for (let i = 0; i < length; i++) {
    const v = values[offset + i] ?? 0;
    if (v > max) {
      max = v;
      best = i;
    }
  }
  if (best === 0 || best === length - 1) return best * dtS;
  const before = values[offset + best - 1] ?? 0;
  const after = values[offset + best + 1] ?? 0;
  const curvature = before - 2 * max + after;
  const shift = curvature < 0 ? (0.5 * (before - after)) / curvature : 0;
  return (best + Math.max(-0.5, Math.min(0.5, shift))) * dtS;
}
