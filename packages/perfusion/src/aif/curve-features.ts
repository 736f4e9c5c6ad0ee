/** The shape of one concentration curve (ΔHU against time), as used to rank arterial and venous candidates. */
export interface CurveFeatures {
  /** Linear voxel index of the curve. */
  readonly voxel: number;
  readonly peakDeltaHu: number;
  /** Time of the peak from the first frame, in seconds. */
  readonly ttpS: number;
  /** Time of the half-maximum crossing before the peak, from the first frame, in seconds (bolus arrival). */
  readonly riseS: number;
  /** Full width at half maximum, in seconds (linear interpolation between frames). */
  readonly fwhmS: number;
  /** Area under the curve (trapezoid rule on the frame times), in HU·s. */
  readonly areaDeltaHuS: number;
  /** SD of the baseline frames, in HU (0 when fewer than 2 baseline frames). */
  readonly noiseSdHu: number;
  /** Last frame's value as a fraction of the peak (near 1: the curve has not washed out). */
  readonly tailFractionOfPeak: number;
}

/** Trapezoid-rule area of values[offset .. offset+T) over the (possibly uneven) frame times. */
export function curveArea(values: ArrayLike<number>, frameTimesS: readonly number[], offset = 0): number {
  let area = 0;
  for (let t = 1; t < frameTimesS.length; t++) {
    const dt = (frameTimesS[t] ?? 0) - (frameTimesS[t - 1] ?? 0);
    area += 0.5 * dt * ((values[offset + t] ?? 0) + (values[offset + t - 1] ?? 0));
  }
  return area;
}

/** Checks that frame times are finite and increasing and match a curve length; names the caller. */
export function assertFrameTimes(frameTimesS: readonly number[], curveLength: number, caller: string): void {
  if (frameTimesS.length !== curveLength) {
    throw new RangeError(
      `${caller}: frameTimesS has ${frameTimesS.length} times, the curves ${curveLength} frames`,
    );
  }
  for (let t = 0; t < frameTimesS.length; t++) {
    const time = frameTimesS[t] ?? NaN;
    if (!Number.isFinite(time)) throw new RangeError(`${caller}: frameTimesS[${t}] is not finite`);
    if (t > 0 && !(time > (frameTimesS[t - 1] ?? NaN))) {
      throw new RangeError(`${caller}: frameTimesS[${t}] = ${time} does not increase`);
    }
  }
}

/**
 * Features of curve n of a voxel-major array (curve n at [n·T, (n+1)·T), T = frameTimesS.length).
 */
export function curveFeatures(
  curves: ArrayLike<number>,
  n: number,
  voxel: number,
  frameTimesS: readonly number[],
  baselineCount: number,
): CurveFeatures {
  const frames = frameTimesS.length;
  const offset = n * frames;
  const time = (t: number): number => frameTimesS[t] ?? 0;
  const value = (t: number): number => curves[offset + t] ?? 0;
  let peakIndex = 0;
  for (let t = 1; t < frames; t++) if (value(t) > value(peakIndex)) peakIndex = t;
  const peak = value(peakIndex);
  const half = peak / 2;
  // Half-maximum crossings either side of the peak, interpolated linearly.
  let rise = time(0);
  for (let t = peakIndex; t > 0; t--) {
    if (value(t - 1) <= half) {
      const v0 = value(t - 1);
      const v1 = value(t);
      rise = time(t - 1) + ((half - v0) / (v1 - v0 || 1)) * (time(t) - time(t - 1));
      break;
    }
  }
  let fall = time(frames - 1);
  for (let t = peakIndex; t < frames - 1; t++) {
    if (value(t + 1) <= half) {
      const v0 = value(t);
      const v1 = value(t + 1);
      fall = time(t) + ((v0 - half) / (v0 - v1 || 1)) * (time(t + 1) - time(t));
      break;
    }
  }
  let noiseSdHu = 0;
  if (baselineCount >= 2) {
    let sum = 0;
    for (let t = 0; t < baselineCount; t++) sum += value(t);
    const mean = sum / baselineCount;
    let squares = 0;
    for (let t = 0; t < baselineCount; t++) squares += (value(t) - mean) ** 2;
    noiseSdHu = Math.sqrt(squares / (baselineCount - 1));
  }
  return {
    voxel,
    peakDeltaHu: peak,
    ttpS: time(peakIndex) - time(0),
    riseS: rise - time(0),
    fwhmS: fall - rise,
    areaDeltaHuS: curveArea(curves, frameTimesS, offset),
    noiseSdHu,
    tailFractionOfPeak: peak > 0 ? value(frames - 1) / peak : 1,
  };
}

/** The mean of the chosen curves (rows of a voxel-major array), one value per frame. */
export function meanOfCurves(
  curves: ArrayLike<number>,
  rows: readonly number[],
  frames: number,
): Float64Array {
  const mean = new Float64Array(frames);
  for (const row of rows) {
    for (let t = 0; t < frames; t++) mean[t] = (mean[t] ?? 0) + (curves[row * frames + t] ?? 0);
  }
  for (let t = 0; t < frames; t++) mean[t] = (mean[t] ?? 0) / Math.max(rows.length, 1);
  return mean;
}
