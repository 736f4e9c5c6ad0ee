// Per-tile summaries for judging maps against the digital phantom's truth, as Kudo et al. Radiology 2013
// did: the median of a map over each tile, the Pearson correlation of those medians with the truth, and the
// least-squares slope of an error against the delay (a delay-insensitive method has a slope near 0).

/** The median of `values` over each tile's voxels (NaN for a tile with no voxels). */
export function tileMedians(
  values: ArrayLike<number>,
  tiles: readonly { readonly voxels: Int32Array }[],
): Float64Array {
  return Float64Array.from(tiles, (tile) => {
    const sorted = Float64Array.from(tile.voxels, (v) => {
      const value = values[v];
      if (value === undefined)
        throw new RangeError(`tiles: voxel ${v} is outside the values (${values.length})`);
      return value;
    }).sort();
    const n = sorted.length;
    if (n === 0) return Number.NaN;
    const middle = Math.floor(n / 2);
    return n % 2 === 1
      ? (sorted[middle] ?? Number.NaN)
      : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  });
}

function checkPairs(x: ArrayLike<number>, y: ArrayLike<number>): void {
  if (x.length !== y.length) throw new RangeError(`y has ${y.length} values but x has ${x.length}`);
  if (x.length < 2) throw new RangeError(`x must have at least 2 values, got ${x.length}`);
}

/** Means and centred sums of squares and products of paired samples. */
function moments(x: ArrayLike<number>, y: ArrayLike<number>): { sxx: number; syy: number; sxy: number } {
  checkPairs(x, y);
  const n = x.length;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    meanX += (x[i] ?? 0) / n;
    meanY += (y[i] ?? 0) / n;
  }
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] ?? 0) - meanX;
    const dy = (y[i] ?? 0) - meanY;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return { sxx, syy, sxy };
}

/** Pearson's correlation coefficient r of paired samples (NaN when either has no spread). */
export function pearsonR(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const { sxx, syy, sxy } = moments(x, y);
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}

/** The least-squares slope of y on x (units of y per unit of x; NaN when x has no spread). */
export function leastSquaresSlope(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const { sxx, sxy } = moments(x, y);
  return sxx > 0 ? sxy / sxx : Number.NaN;
}
