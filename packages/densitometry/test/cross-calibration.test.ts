import { describe, expect, it } from 'vitest';
import { crossCalibrationFit, operatorPrecisionAcceptable } from '../src/rules/cross-calibration.ts';

describe('in vivo cross-calibration (ISCD 2019)', () => {
  // Worked by hand. Patient means (old, new): A (0.80, 0.83), B (1.00, 1.02), C (1.20, 1.24).
  // mean old 1.00, mean new 1.03; Sxx = 0.04 + 0 + 0.04 = 0.08; Sxy = 0.04 + 0 + 0.2 x 0.21 = 0.082;
  // Syy = 0.04 + 0.0001 + 0.0441 = 0.0842. slope = 0.082 / 0.08 = 1.025; intercept = 1.03 - 1.025 = 0.005.
  // Residuals 0.005, -0.01, 0.005: SS = 0.00015, SEE = sqrt(0.00015 / 1) = 0.01225.
  // r = 0.082 / sqrt(0.08 x 0.0842) = 0.99911. (new - old) / old: 3.75%, 2%, 3.333%: mean 3.03%.
  const scans = [
    { patient: 'A', scanner: 'old' as const, bmdGcm2: 0.8 },
    { patient: 'A', scanner: 'new' as const, bmdGcm2: 0.82 },
    { patient: 'A', scanner: 'new' as const, bmdGcm2: 0.84 },
    { patient: 'B', scanner: 'old' as const, bmdGcm2: 1.0 },
    { patient: 'B', scanner: 'new' as const, bmdGcm2: 1.02 },
    { patient: 'C', scanner: 'old' as const, bmdGcm2: 1.2 },
    { patient: 'C', scanner: 'new' as const, bmdGcm2: 1.23 },
    { patient: 'C', scanner: 'new' as const, bmdGcm2: 1.25 },
    { patient: 'D', scanner: 'new' as const, bmdGcm2: 1.1 },
  ];

  it('fits new = slope x old + intercept over the patients measured on both scanners', () => {
    const fit = crossCalibrationFit(scans);
    expect(fit.patients).toBe(3);
    expect(fit.slope).toBeCloseTo(1.025, 4);
    expect(fit.interceptGcm2).toBeCloseTo(0.005, 4);
    expect(fit.seeGcm2).toBeCloseTo(0.0122, 4);
    expect(fit.correlation).toBeCloseTo(0.9991, 4);
    expect(fit.meanDifferencePercent).toBeCloseTo(3.03, 2);
    expect(fit.notes).toContain('patient D was not measured on both scanners and is left out');
  });

  it('is not ISCD compliant with fewer than 30 patients, and refuses fewer than 3', () => {
    expect(crossCalibrationFit(scans).iscdCompliant).toBe(false);
    expect(() => crossCalibrationFit(scans.slice(0, 5))).toThrow(/at least 3 patients/);
  });

  it('is compliant with 30 patients and recovers a known conversion exactly', () => {
    // new = 0.98 x old + 0.02 with no noise: the fit must give that line and SEE 0.
    const known = Array.from({ length: 30 }, (_, i) => 0.7 + i * 0.02).flatMap((old, i) => [
      { patient: `P${String(i)}`, scanner: 'old' as const, bmdGcm2: old },
      { patient: `P${String(i)}`, scanner: 'new' as const, bmdGcm2: 0.98 * old + 0.02 },
    ]);
    const fit = crossCalibrationFit(known);
    expect(fit.iscdCompliant).toBe(true);
    expect(fit.slope).toBeCloseTo(0.98, 4);
    expect(fit.interceptGcm2).toBeCloseTo(0.02, 4);
    expect(fit.seeGcm2).toBe(0);
  });
});

describe('operator precision against the ISCD minimum for an individual technologist', () => {
  it('applies 1.9% to spine composites, 1.8% to the total hip and 2.5% to the femoral neck', () => {
    expect(operatorPrecisionAcceptable('L1-L4', 1.9)).toEqual({ minimumCvPercent: 1.9, acceptable: true });
    expect(operatorPrecisionAcceptable('L2-L4', 2.0)).toEqual({ minimumCvPercent: 1.9, acceptable: false });
    expect(operatorPrecisionAcceptable('total_hip', 1.81)?.acceptable).toBe(false);
    expect(operatorPrecisionAcceptable('femoral_neck', 2.4)?.acceptable).toBe(true);
    expect(operatorPrecisionAcceptable('radius_33', 5)).toBeNull();
    // A single vertebra is not the lumbar composite the minimum is for.
    expect(operatorPrecisionAcceptable('L3', 2.3)).toBeNull();
  });
});
