import type { CalibrationLimits } from './calibration-data.ts';
import { fitQuadratic, type LineFit } from './linear-fit.ts';
import type { CalibrationMaterial, CalibrationPoint } from './qct-calibration.ts';

// Checks shared by the phantom and phantomless calibrations: each returns the reasons a fit is refused.

const hu = (v: number): string => v.toFixed(1);

/** Points with a non-finite density or HU, named. */
export function invalidPoints(points: readonly CalibrationPoint[]): string[] {
  const reasons: string[] = [];
  for (const [i, p] of points.entries()) {
    const name = p.name || `point ${String(i + 1)}`;
    if (!Number.isFinite(p.densityMgCm3))
      reasons.push(`${name}: densityMgCm3 must be a finite number, got ${String(p.densityMgCm3)}`);
    if (!Number.isFinite(p.meanHu))
      reasons.push(`${name}: meanHu must be a finite number, got ${String(p.meanHu)}`);
  }
  return reasons;
}

/** The slope must be plausible for the material (a gross-error check, data/qct-calibration-limits.json). */
export function slopeReasons(
  slope: number,
  material: CalibrationMaterial,
  limits: CalibrationLimits,
): string[] {
  const { min, max } = limits.slopeHuPerMgCm3[material];
  if (slope >= min && slope <= max) return [];
  const hint =
    slope <= 0
      ? ': the CT number falls as density rises, so rods or their densities are out of order'
      : ': check the rod densities are in mg/cm³ and each ROI lies in its rod';
  return [
    `slope ${slope.toFixed(3)} HU per mg/cm³ is outside the plausible ${String(min)}–${String(max)} for ${material}${hint}`,
  ];
}

/** r² and per-point residuals against their limits; only meaningful with 3 or more points. */
export function fitQualityReasons(
  fit: LineFit,
  points: readonly CalibrationPoint[],
  minimumR2: number,
  maximumAbsResidualHu: number,
): string[] {
  const reasons: string[] = [];
  if (fit.r2 < minimumR2) reasons.push(`r² ${fit.r2.toFixed(4)} is below the minimum ${String(minimumR2)}`);
  for (const [i, r] of fit.residuals.entries()) {
    if (Math.abs(r) > maximumAbsResidualHu)
      reasons.push(
        `${points[i]?.name ?? `point ${String(i + 1)}`}: residual ${hu(r)} HU exceeds ±${String(maximumAbsResidualHu)} HU`,
      );
  }
  return reasons;
}

/**
 * Non-linearity: the largest gap, over the points' density range, between a quadratic fitted to the same
 * points and the straight line. Undefined with fewer than 3 distinct densities.
 */
export function curvatureHu(x: readonly number[], y: readonly number[], line: LineFit): number | undefined {
  if (new Set(x).size < 3) return undefined;
  const quadratic = fitQuadratic(x, y);
  const lo = Math.min(...x);
  const hi = Math.max(...x);
  let worst = 0;
  const steps = 100;
  for (let s = 0; s <= steps; s++) {
    const xi = lo + ((hi - lo) * s) / steps;
    worst = Math.max(worst, Math.abs(quadratic.predict(xi) - (line.intercept + line.slope * xi)));
  }
  return worst;
}
