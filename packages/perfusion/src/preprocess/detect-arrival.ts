import { preprocessDefaults, type ArrivalRules } from './preprocess-defaults.ts';

/** Where contrast arrives in a curve, and the baseline it was judged against. */
export interface ContrastArrival {
  /** Index of the first frame seen above the baseline (the baseline ends before it, see baselineFrames). */
  readonly frame: number;
  /** Time of that frame from the first, in seconds. */
  readonly timeS: number;
  /** Mean of the frames before arrival, in HU. */
  readonly baselineMeanHu: number;
  /** SD of the frames before arrival, in HU (0 with a single baseline frame). */
  readonly baselineSdHu: number;
  /** The level the arrival frame exceeded, in HU. */
  readonly thresholdHu: number;
}

/** The lower quartile of |Z| for a standard normal Z: Φ⁻¹(0.625). */
const LOWER_QUARTILE_OF_ABS_NORMAL = 0.3186;

function meanAndSd(values: ArrayLike<number>, count: number): { mean: number; sd: number } {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += values[i] ?? 0;
  const mean = sum / count;
  let squares = 0;
  for (let i = 0; i < count; i++) squares += ((values[i] ?? 0) - mean) ** 2;
  return { mean, sd: count > 1 ? Math.sqrt(squares / (count - 1)) : 0 };
}

/**
 * The noise SD of a curve from the lower quartile of the absolute differences of successive frames: for
 * white noise of SD σ, x[i+1] − x[i] has SD σ√2 and its absolute value's lower quartile is 0.3186·σ√2
 * (the 62.5th percentile of the normal, 0.3186). The quartile rather than the median, because in a short
 * series the bolus's rise and fall can fill half the differences.
 */
function differenceNoiseSd(curve: ArrayLike<number>): number {
  const differences: number[] = [];
  for (let i = 0; i + 1 < curve.length; i++)
    differences.push(Math.abs((curve[i + 1] ?? 0) - (curve[i] ?? 0)));
  differences.sort((a, b) => a - b);
  const quartile = differences[Math.floor(differences.length / 4)] ?? 0;
  return quartile / (LOWER_QUARTILE_OF_ABS_NORMAL * Math.SQRT2);
}

/**
 * The frame at which contrast arrives in a curve (a whole-brain mean or an arterial curve, in HU). Rule
 * (data/preprocess-defaults.json, arrival): the first frame i ≥ 1 whose value, and the next frame's value,
 * exceed mean(frames 0..i−1) + max(k·max(SD(frames 0..i−1), σ), f·(peak − frame 0), minimumRiseHu),
 * k = sdMultiplier, f = riseFractionOfPeak, peak = the highest value held by two consecutive frames, σ the
 * curve's noise from its successive differences, times √(1 + 1/i) for the noise of the i-frame mean (so the
 * first frames, whose own SD is 0 or ill-measured, are not judged against no noise at all). The last frame
 * cannot be arrival: nothing confirms it. Requiring the next frame too ignores a single noise spike. The frames before it are
 * the baseline (ACR CTP IV.C.2). Throws a RangeError naming the field when the input is unusable or no
 * frame rises above its baseline.
 */
export function detectArrival(
  meanCurveHu: ArrayLike<number>,
  frameTimesS: readonly number[],
  rules: ArrivalRules = preprocessDefaults.arrival,
): ContrastArrival {
  const frames = meanCurveHu.length;
  if (frames < 2) throw new RangeError(`detectArrival: meanCurveHu needs at least 2 frames, got ${frames}`);
  if (frameTimesS.length !== frames) {
    throw new RangeError(
      `detectArrival: frameTimesS has ${frameTimesS.length} times but meanCurveHu has ${frames} frames`,
    );
  }
  for (let i = 0; i < frames; i++) {
    if (!Number.isFinite(meanCurveHu[i]))
      throw new RangeError(`detectArrival: meanCurveHu[${i}] is not finite`);
  }
  // The peak held for two consecutive frames, as the rise itself must be: one aberrant frame (a grossly
  // moved or artefacted image) would otherwise raise the rise floor above every real frame.
  let peak = -Infinity;
  for (let i = 0; i + 1 < frames; i++) {
    peak = Math.max(peak, Math.min(meanCurveHu[i] ?? NaN, meanCurveHu[i + 1] ?? NaN));
  }
  const riseFloorHu = Math.max(
    rules.riseFractionOfPeak * (peak - (meanCurveHu[0] ?? 0)),
    rules.minimumRiseHu,
  );
  // The frames before i are too few to measure the noise when i is small (one frame: SD 0), so the noise is
  // also read off the whole curve, from its frame-to-frame differences (lower quartile, robust to the bolus).
  const curveSdHu = differenceNoiseSd(meanCurveHu);
  for (let i = 1; i < frames; i++) {
    const { mean, sd } = meanAndSd(meanCurveHu, i);
    // x[i] − mean(frames 0..i−1) has SD σ·√(1 + 1/i): the mean of few frames is itself noisy.
    const noiseHu = Math.max(sd, curveSdHu * Math.sqrt(1 + 1 / i));
    const thresholdHu = mean + Math.max(rules.sdMultiplier * noiseHu, riseFloorHu);
    const here = meanCurveHu[i] ?? -Infinity;
    // The last frame alone is no held rise (it has no next frame to confirm it).
    const next = i + 1 < frames ? (meanCurveHu[i + 1] ?? -Infinity) : -Infinity;
    if (here > thresholdHu && next > thresholdHu) {
      return { frame: i, timeS: frameTimesS[i] ?? NaN, baselineMeanHu: mean, baselineSdHu: sd, thresholdHu };
    }
  }
  throw new RangeError('detectArrival: meanCurveHu never rises above its baseline (no contrast arrival)');
}

/** How many baseline frames a study has, with a warning when there are too few. */
export interface BaselineFrames {
  readonly count: number;
  readonly warning?: string;
}

/**
 * The baseline frames before contrast arrival (ACR CTP IV.C.2: baseline images before contrast reaches the
 * tissue, at least 2 of them). The baseline ends `baselineMarginFrames` before the detected arrival frame:
 * detection fires only once the curve clears max(k·SD, f·peak), so the frame before it may already hold
 * contrast below that level (a bolus rises over several frames), which would shift every ΔHU down. The
 * margin never takes the count below the ACR minimum when the arrival frame allows it; fewer than the
 * minimum gives a warning (the ΔHU of every voxel then rests on one noisy frame, or none). Rules in
 * data/preprocess-defaults.json, arrival.
 */
export function baselineFrames(
  arrivalFrame: number,
  rules: ArrivalRules = preprocessDefaults.arrival,
): BaselineFrames {
  if (!Number.isInteger(arrivalFrame) || arrivalFrame < 0) {
    throw new RangeError(`baselineFrames: arrivalFrame must be a whole number ≥ 0, got ${arrivalFrame}`);
  }
  const minimum = rules.minimumBaselineFrames;
  const count = Math.max(arrivalFrame - rules.baselineMarginFrames, Math.min(arrivalFrame, minimum));
  if (count >= minimum) return { count };
  const frames = count === 1 ? '1 baseline frame' : `${count} baseline frames`;
  return {
    count,
    warning:
      `only ${frames} before contrast arrival; ACR–ASNR–SPR CT perfusion IV.C.2 asks for at least ` +
      `${minimum} (start imaging earlier after injection)`,
  };
}
