function checkTimes(timesS: readonly number[], field: string): void {
  if (timesS.length < 2) throw new Error(`${field}: at least 2 frame times are needed, got ${timesS.length}`);
  for (let i = 0; i < timesS.length; i++) {
    const t = timesS[i] ?? Number.NaN;
    if (!Number.isFinite(t)) throw new Error(`${field}[${i}] must be a finite number of seconds`);
    if (i > 0 && t <= (timesS[i - 1] ?? Number.NaN))
      throw new Error(`${field}[${i}] (${t} s) must be later than ${field}[${i - 1}]`);
  }
}

function checkDt(dtS: number): void {
  if (!Number.isFinite(dtS) || dtS <= 0)
    throw new Error(`dtS must be a positive number of seconds, got ${dtS}`);
}

/**
 * The uniform time grid from the first frame time to the last in steps of dtS, in seconds: first + i·dtS
 * for every i with first + i·dtS ≤ last (a step within 1e-9 s of the last frame counts as reaching it).
 */
export function uniformTimes(timesS: readonly number[], dtS: number): Float64Array {
  checkTimes(timesS, 'timesS');
  checkDt(dtS);
  const first = timesS[0] ?? 0;
  const last = timesS[timesS.length - 1] ?? 0;
  const count = Math.floor((last - first) / dtS + 1e-9) + 1;
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = first + i * dtS;
  return out;
}

/**
 * One curve sampled at (possibly uneven) frame times, resampled onto the uniform grid of uniformTimes by
 * linear interpolation between the neighbouring frames. Deconvolution needs a uniform grid (the
 * convolution matrix is Toeplitz / circulant only for equal steps).
 */
export function resampleUniform(
  timesS: readonly number[],
  values: ArrayLike<number>,
  dtS: number,
): Float64Array {
  const grid = uniformTimes(timesS, dtS);
  if (values.length !== timesS.length)
    throw new Error(`values: ${values.length} values for ${timesS.length} frame times`);
  const out = new Float64Array(grid.length);
  let seg = 0;
  for (let i = 0; i < grid.length; i++) {
    const t = grid[i] ?? 0;
    while (seg < timesS.length - 2 && t > (timesS[seg + 1] ?? 0)) seg++;
    const t0 = timesS[seg] ?? 0;
    const t1 = timesS[seg + 1] ?? 0;
    const v0 = values[seg] ?? 0;
    const v1 = values[seg + 1] ?? 0;
    const w = Math.min(1, Math.max(0, (t - t0) / (t1 - t0)));
    out[i] = v0 + w * (v1 - v0);
  }
  return out;
}
