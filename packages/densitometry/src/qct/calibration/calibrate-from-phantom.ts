import { defaultCalibrationLimits, type CalibrationLimits } from './calibration-data.ts';
import { curvatureHu, fitQualityReasons, invalidPoints, slopeReasons } from './fit-checks.ts';
import { fitLine } from './linear-fit.ts';
import { phantomById, rodPoints, type ResolvedPhantom } from './phantoms.ts';
import type {
  CalibrationMaterial,
  CalibrationOutcome,
  CalibrationPoint,
  CalibrationScanner,
  QctCalibration,
} from './qct-calibration.ts';

export interface PhantomCalibrationOptions {
  material: CalibrationMaterial;
  method: 'simultaneous' | 'asynchronous';
  phantom?: string;
  scanner?: CalibrationScanner;
  /** Acceptance limits; default data/qct-calibration-limits.json. */
  limits?: CalibrationLimits;
  /** Conversion of a water-corrected fit (rods with waterMgCm3); default the Mindways QCT PRO constants. */
  waterCorrection?: { slopeOffsetHuPerMgCm3: number; interceptOffsetHu: number };
}

/**
 * Phantom calibration (ACR QCT IV.B.1.a): rod mean HU against known densities by ordinary least squares,
 * HU = intercept + slope × density. Refused, with every reason, when there are fewer than 2 rods, the slope
 * or intercept is implausible for the material, or (3 rods or more) r² or a residual fails its limit, or
 * (4 rods or more) a quadratic departs from the line by more than the curvature limit.
 *
 * When every rod carries its certificate water density (Mindways Model 3), HU minus water density is fitted
 * on K2HPO4 density and the line converted to K2HPO4 in water, as QCT PRO does (data/qct-phantoms.json).
 */
export function calibrateFromPhantom(
  rods: readonly CalibrationPoint[],
  options: PhantomCalibrationOptions,
): CalibrationOutcome {
  const limits = options.limits ?? defaultCalibrationLimits;
  const p = limits.phantom;
  const invalid = invalidPoints(rods);
  if (invalid.length > 0) return { ok: false, reasons: invalid };
  if (rods.length < p.minimumRods)
    return {
      ok: false,
      reasons: [
        `a phantom calibration needs at least ${String(p.minimumRods)} rods, got ${String(rods.length)}`,
      ],
    };
  const x = rods.map((r) => r.densityMgCm3);
  if (new Set(x).size < 2)
    return { ok: false, reasons: ['the rods must have at least two different densities'] };

  const withWater = rods.filter((r) => r.waterMgCm3 !== undefined);
  if (withWater.length > 0 && withWater.length < rods.length)
    return {
      ok: false,
      reasons: [
        `waterMgCm3 given for ${withWater.map((r) => r.name).join(', ')} only: give the water density of every rod or of none`,
      ],
    };
  const waterCorrected = withWater.length === rods.length;
  const y = rods.map((r) => r.meanHu - (waterCorrected ? (r.waterMgCm3 ?? 0) : 0));

  const fit = fitLine(x, y);
  const notes: string[] = [];
  let slope = fit.slope;
  let intercept = fit.intercept;
  if (waterCorrected) {
    const correction = options.waterCorrection ?? phantomById('mindways-model-3')?.waterCorrection;
    if (!correction) throw new Error('waterCorrection: no conversion for a water-corrected fit is defined');
    slope += correction.slopeOffsetHuPerMgCm3;
    intercept += correction.interceptOffsetHu;
    notes.push(
      `water-corrected fit: HU − rod water density fitted on K2HPO4 density, converted to K2HPO4 in water (slope ${String(correction.slopeOffsetHuPerMgCm3)}, intercept +${String(correction.interceptOffsetHu)}; Mindways QCT PRO)`,
    );
  }

  const reasons = slopeReasons(slope, options.material, limits);
  if (intercept < p.interceptHu.min || intercept > p.interceptHu.max)
    reasons.push(
      `intercept ${intercept.toFixed(1)} HU is outside ${String(p.interceptHu.min)} to ${String(p.interceptHu.max)} HU: the zero-density base of the phantom should read near water`,
    );
  if (rods.length >= p.minimumRodsForLinearity)
    reasons.push(...fitQualityReasons(fit, rods, p.minimumR2, p.maximumAbsResidualHu));
  if (rods.length >= p.minimumRodsForCurvature) {
    const curvature = curvatureHu(x, y, fit);
    if (curvature !== undefined && curvature > p.maximumCurvatureHu)
      reasons.push(
        `non-linear: a quadratic through the rods departs from the straight line by up to ${curvature.toFixed(1)} HU (limit ${String(p.maximumCurvatureHu)} HU)`,
      );
  }
  if (reasons.length > 0) return { ok: false, reasons };

  if (rods.length === 2)
    notes.push('two-point fit: r² is 1 by construction and neither residuals nor linearity can be checked');
  else if (rods.length < p.minimumRodsForCurvature)
    notes.push(
      `${String(rods.length)} rods: linearity checked by the residuals only (a curvature test needs ${String(p.minimumRodsForCurvature)})`,
    );
  if (options.method === 'asynchronous')
    notes.push(
      'asynchronous calibration: the phantom was scanned apart from the patient, so it holds only while the scanner output is stable (ACR QCT IV.B.1.b); check it against earlier calibrations',
    );
  if (options.scanner?.kvp !== undefined || options.scanner?.kernel !== undefined)
    notes.push(
      `valid only for scans at ${options.scanner.kvp !== undefined ? `${String(options.scanner.kvp)} kVp` : 'the same kVp'}${options.scanner.kernel !== undefined ? ` with the ${options.scanner.kernel} kernel` : ''} (CT numbers vary with kVp, ACR QCT IV.B.2)`,
    );
  else notes.push('the scan kVp and kernel were not recorded; CT numbers vary with kVp (ACR QCT IV.B.2)');

  const calibration: QctCalibration = {
    method: options.method,
    material: options.material,
    slopeHuPerMgCm3: slope,
    interceptHu: intercept,
    r2: rods.length === 2 ? 1 : fit.r2,
    points: rods.map((r) => ({ ...r })),
    residualsHu: fit.residuals,
    notes,
  };
  if (options.phantom !== undefined) calibration.phantom = options.phantom;
  if (options.scanner !== undefined) calibration.scanner = { ...options.scanner };
  return { ok: true, calibration };
}

/**
 * A resolved phantom's rods (`resolvePhantom`) with their measured mean HU in rod order: the calibration
 * with the phantom's material, name and notes (nominal or certificate densities). Refused when the number
 * of HU values differs from the number of rods.
 */
export function calibrateWithPhantom(
  phantom: ResolvedPhantom,
  rodsHu: readonly number[],
  options: Omit<PhantomCalibrationOptions, 'material' | 'phantom' | 'waterCorrection'>,
): CalibrationOutcome {
  if (rodsHu.length !== phantom.rodsMgCm3.length)
    return {
      ok: false,
      reasons: [
        `rodsHu: ${String(rodsHu.length)} values given but ${phantom.name} has ${String(phantom.rodsMgCm3.length)} rods`,
      ],
    };
  const full: PhantomCalibrationOptions = {
    ...options,
    material: phantom.material,
    phantom: phantom.id ?? phantom.name,
  };
  if (phantom.waterCorrection) full.waterCorrection = phantom.waterCorrection;
  const outcome = calibrateFromPhantom(rodPoints(phantom, rodsHu), full);
  if (outcome.ok) outcome.calibration.notes.unshift(...phantom.notes);
  return outcome;
}
