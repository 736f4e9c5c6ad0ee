/**
 * Oscillation index of a residue estimate f of length L (Wu O et al. Magn Reson Med 2003;50:164-174):
 * OI = (1/L) · (1/max f) · Σ_{k=2}^{L-1} |f(k) − 2 f(k−1) + f(k−2)|, the mean absolute second difference
 * relative to the peak. L is the whole (zero-padded) residue, as the block-circulant solution is defined
 * on it. A residue whose maximum is not positive has no meaningful OI: Infinity is returned so that the
 * threshold search regularises further.
 */
export function oscillationIndex(residue: ArrayLike<number>, length: number): number {
  let max = -Infinity;
  for (let k = 0; k < length; k++) {
    const v = residue[k] ?? 0;
    if (v > max) max = v;
  }
  if (!(max > 0)) return Infinity;
  let sum = 0;
  for (let k = 2; k < length; k++) {
    sum += Math.abs((residue[k] ?? 0) - 2 * (residue[k - 1] ?? 0) + (residue[k - 2] ?? 0));
  }
  return sum / (length * max);
}
