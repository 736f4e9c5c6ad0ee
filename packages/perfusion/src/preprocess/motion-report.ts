import { preprocessDefaults, type MotionLimits } from './preprocess-defaults.ts';
import type { RigidTransform } from './rigid-transform.ts';

export type MotionAction = 'ok' | 'corrected' | 'excluded';

/** What is done with one frame because of its movement, and why. */
export interface MotionFrameReport {
  readonly frame: number;
  /** The displacement judged against the limits: in-plane and through-plane combined, mm. */
  readonly displacementMm: number;
  /** The largest in-plane movement within the sphere radius (translation and rotation), mm. */
  readonly inPlaneMm: number;
  /** Translation along the slice axis, mm (signed); present when it was estimated. */
  readonly throughPlaneMm?: number;
  /**
   * The in-plane transform inPlaneMm was measured on, which resamples the frame when it is corrected;
   * present when the frame was judged by `judgeMotion` (runPerfusion, summary.json).
   */
  readonly inPlaneTransform?: RigidTransform;
  readonly action: MotionAction;
  readonly reason: string;
}

const fmt = (mm: number): string => mm.toFixed(2);

function checkMm(values: ArrayLike<number>, name: string, frame: number, signed: boolean): number {
  const mm = values[frame] ?? NaN;
  if (!Number.isFinite(mm) || (!signed && mm < 0)) {
    throw new RangeError(
      `motionReport: ${name}[${frame}] must be a finite number${signed ? '' : ' ≥ 0'}, got ${mm}`,
    );
  }
  return mm;
}

/**
 * Per frame: used as acquired (displacement ≤ okMaxMm), resampled onto the reference (≤ correctMaxMm) or
 * excluded (beyond it), each with its reason (ACR CTP IV.C.3: movement noted and its effect on the maps
 * considered; V: observed movement goes in the report). Limits in data/preprocess-defaults.json, motion.
 * With through-plane translations, the displacement judged is √(in-plane² + through-plane²) (the
 * translation along z is orthogonal to every in-plane movement); only the in-plane part is corrected, and a
 * through-plane part over okMaxMm in a frame that is kept is stated in the reason (see
 * `throughPlaneWarning`; the motion rationale says why it is not interpolated). A frame flagged in
 * `beyondSearchRange` (the through-plane search found its least cost at the edge of its range, so the
 * shift is at least |throughPlaneMm|, `estimateThroughPlaneMotion`) is excluded: its movement is unknown.
 */
export function motionReport(
  displacementsMm: ArrayLike<number>,
  limits: MotionLimits = preprocessDefaults.motion,
  throughPlaneMm?: ArrayLike<number>,
  beyondSearchRange?: ArrayLike<number>,
): MotionFrameReport[] {
  if (throughPlaneMm !== undefined && throughPlaneMm.length !== displacementsMm.length) {
    throw new RangeError(
      `motionReport: throughPlaneMm has ${throughPlaneMm.length} frames, displacementsMm ${displacementsMm.length}`,
    );
  }
  if (
    beyondSearchRange !== undefined &&
    (throughPlaneMm === undefined || beyondSearchRange.length !== displacementsMm.length)
  ) {
    throw new RangeError(
      `motionReport: beyondSearchRange needs throughPlaneMm and one entry per frame (${displacementsMm.length}), got ${beyondSearchRange.length}`,
    );
  }
  const reports: MotionFrameReport[] = [];
  for (let frame = 0; frame < displacementsMm.length; frame++) {
    const inPlaneMm = checkMm(displacementsMm, 'displacementsMm', frame, false);
    const zMm =
      throughPlaneMm === undefined ? undefined : checkMm(throughPlaneMm, 'throughPlaneMm', frame, true);
    const mm = zMm === undefined ? inPlaneMm : Math.hypot(inPlaneMm, zMm);
    const measured = {
      frame,
      displacementMm: mm,
      inPlaneMm,
      ...(zMm === undefined ? {} : { throughPlaneMm: zMm }),
    };
    const zNote =
      zMm !== undefined && Math.abs(zMm) > limits.okMaxMm
        ? `; ${fmt(zMm)} mm through-plane not corrected (slices too thick to interpolate between): its effect on the maps to be considered`
        : '';
    if (zMm !== undefined && (beyondSearchRange?.[frame] ?? 0) !== 0) {
      reports.push({
        ...measured,
        action: 'excluded',
        reason: `moved at least ${fmt(Math.abs(zMm))} mm through-plane (the edge of the search range): excluded from the analysis (ACR CTP IV.C.3)`,
      });
    } else if (mm <= limits.okMaxMm) {
      reports.push({
        ...measured,
        action: 'ok',
        reason: `moved ${fmt(mm)} mm, within ${fmt(limits.okMaxMm)} mm: used as acquired`,
      });
    } else if (mm <= limits.correctMaxMm) {
      const inPlane =
        inPlaneMm > limits.okMaxMm ? 'resampled onto the reference frame in-plane' : 'used as acquired';
      reports.push({
        ...measured,
        action: 'corrected',
        reason: `moved ${fmt(mm)} mm (over ${fmt(limits.okMaxMm)}, up to ${fmt(limits.correctMaxMm)} mm): ${zNote === '' ? 'resampled onto the reference frame' : inPlane}${zNote}`,
      });
    } else {
      reports.push({
        ...measured,
        action: 'excluded',
        reason: `moved ${fmt(mm)} mm, beyond ${fmt(limits.correctMaxMm)} mm: excluded from the analysis (ACR CTP IV.C.3)`,
      });
    }
  }
  return reports;
}

/**
 * Whether a frame is resampled onto the reference in-plane, as its reason says: a corrected frame is, unless
 * only its through-plane part (which is not corrected) exceeds okMaxMm and its in-plane part is within it
 * (then "used as acquired": resampling would only smooth it).
 */
export function resampledInPlane(
  frame: MotionFrameReport,
  limits: MotionLimits = preprocessDefaults.motion,
): boolean {
  return (
    frame.action === 'corrected' &&
    (Math.abs(frame.throughPlaneMm ?? 0) <= limits.okMaxMm || frame.inPlaneMm > limits.okMaxMm)
  );
}

/**
 * The warning for frames kept in the analysis whose through-plane movement exceeds okMaxMm and was not
 * corrected (ACR CTP IV.C.3: movement must be noted and its effect on the maps considered), or undefined.
 */
export function throughPlaneWarning(
  frames: readonly MotionFrameReport[],
  limits: MotionLimits = preprocessDefaults.motion,
): string | undefined {
  const moved = frames.filter(
    (f) => f.action !== 'excluded' && Math.abs(f.throughPlaneMm ?? 0) > limits.okMaxMm,
  );
  if (moved.length === 0) return undefined;
  const list = moved.map((f) => `${f.frame} (${fmt(f.throughPlaneMm ?? 0)} mm)`).join(', ');
  return `frames ${list} moved through-plane by more than ${fmt(limits.okMaxMm)} mm; not corrected (ACR CTP IV.C.3: consider its effect on the maps)`;
}
