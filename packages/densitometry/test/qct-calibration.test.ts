import { describe, expect, it } from 'vitest';
import {
  bmdFromHu,
  calibrateFromPhantom,
  calibrateWithPhantom,
  phantomById,
  qctPhantoms,
  resolvePhantom,
  rodPoints,
  type CalibrationOutcome,
  type QctCalibration,
} from '../src/index.ts';

function accepted(outcome: CalibrationOutcome): QctCalibration {
  if (!outcome.ok) throw new Error(`expected a calibration, refused: ${outcome.reasons.join('; ')}`);
  return outcome.calibration;
}
function refused(outcome: CalibrationOutcome): string[] {
  if (outcome.ok) throw new Error('expected the calibration to be refused');
  return outcome.reasons;
}

describe('phantom definitions (data/qct-phantoms.json)', () => {
  it('lists the built-in phantoms with their materials', () => {
    expect(qctPhantoms.map((p) => p.id)).toEqual([
      'mindways-model-3',
      'qrm-bdc-3',
      'qrm-bdc-6',
      'b-mas-200',
      'image-analysis-qct-3d-plus',
    ]);
    expect(phantomById('mindways-model-3')?.material).toBe('K2HPO4');
    expect(phantomById('qrm-bdc-6')?.nominalRodsMgCm3).toEqual([0, 100, 200, 400, 600, 800]);
    expect(phantomById('nope')).toBeUndefined();
  });

  it('uses nominal densities with a note when the certificate is only recommended', () => {
    const p = resolvePhantom('b-mas-200');
    expect(p.rodsMgCm3).toEqual([0, 50, 100, 150, 200]);
    expect(p.material).toBe('CaHA');
    expect(p.notes.join(' ')).toMatch(/nominal rod densities used/);
    const certified = resolvePhantom('qrm-bdc-3', [0.4, 99.1, 201.3]);
    expect(certified.rodsMgCm3).toEqual([0.4, 99.1, 201.3]);
    expect(certified.notes.join(' ')).toMatch(/certificate/);
  });

  it('refuses a Mindways Model 3 without its certificate, or with the wrong number of rods', () => {
    expect(() => resolvePhantom('mindways-model-3')).toThrow(/^certificateRodsMgCm3: required for Mindways/);
    expect(() => resolvePhantom('mindways-model-3', [-51.8, -53.4, 58.9, 157])).toThrow(
      /certificateRodsMgCm3: .* has 5 rods .* but 4 values were given/,
    );
    expect(() => resolvePhantom('image-analysis-qct-3d-plus')).toThrow(/certificateRodsMgCm3/);
    expect(() => resolvePhantom('qrm-bdc-3', undefined, [1000, 1000, 1000])).toThrow(/certificateWaterMgCm3/);
  });

  it('names unknown phantoms and bad fields of a phantom file', () => {
    expect(() => resolvePhantom('siemens-osteo')).toThrow(
      /phantom: unknown phantom "siemens-osteo"; built-in/,
    );
    expect(() => resolvePhantom({ name: 'Home-made', material: 'HA', rodsMgCm3: [0, 100] })).toThrow(
      /^phantom file: material: /,
    );
    expect(() => resolvePhantom({ name: 'Home-made', material: 'CaHA', rodsMgCm3: [0, 'x'] })).toThrow(
      /rodsMgCm3\.1/,
    );
    expect(() => resolvePhantom({ name: 'Flat', material: 'CaHA', rodsMgCm3: [50, 50] })).toThrow(
      /rodsMgCm3: at least two rods must differ/,
    );
    const own = resolvePhantom({ name: 'Home-made', material: 'CaHA', rodsMgCm3: [0, 100, 200] });
    expect(own.rodsMgCm3).toEqual([0, 100, 200]);
  });

  it('pairs rods with measured HU and refuses a count mismatch', () => {
    const p = resolvePhantom('qrm-bdc-3');
    expect(rodPoints(p, [1, 122, 241])).toEqual([
      { name: 'rod 0', densityMgCm3: 0, meanHu: 1 },
      { name: 'rod 100', densityMgCm3: 100, meanHu: 122 },
      { name: 'rod 200', densityMgCm3: 200, meanHu: 241 },
    ]);
    expect(() => rodPoints(p, [1, 122])).toThrow(/rodsHu: 2 values given but .* has 3 rods/);
  });
});

describe('calibrateFromPhantom (ACR QCT IV.B.1.a)', () => {
  const qrm3 = rodPoints(resolvePhantom('qrm-bdc-3'), [1, 122, 241]);

  it('fits HU on density by least squares, worked by hand', () => {
    // x = 0, 100, 200; y = 1, 122, 241. mean x 100, mean y 121.333. Sxx = 20000, Sxy = 100 x 120.333 +
    // 100 x 119.667 = 24000: slope 1.2, intercept 121.333 - 120 = 1.333. Residuals -0.333, +0.667, -0.333;
    // SSres = 0.6667, Syy = 14480.11 + 0.44 + 14320.11 = 28800.67: r2 = 1 - 0.6667 / 28800.67 = 0.999977.
    const c = accepted(
      calibrateFromPhantom(qrm3, {
        material: 'CaHA',
        method: 'simultaneous',
        phantom: 'qrm-bdc-3',
        scanner: { id: 'CT1', kvp: 120, kernel: 'B30f' },
      }),
    );
    expect(c.slopeHuPerMgCm3).toBeCloseTo(1.2, 10);
    expect(c.interceptHu).toBeCloseTo(4 / 3, 10);
    expect(c.r2).toBeCloseTo(0.999977, 6);
    expect(c.residualsHu.map((r) => Number(r.toFixed(4)))).toEqual([-0.3333, 0.6667, -0.3333]);
    expect(c.method).toBe('simultaneous');
    expect(c.phantom).toBe('qrm-bdc-3');
    expect(c.notes.join(' ')).toMatch(/linearity checked by the residuals only/);
    expect(c.notes.join(' ')).toMatch(/120 kVp with the B30f kernel/);
    // A vertebra at 121.333 HU is 100 mg/cm3 on this line.
    expect(bmdFromHu(c, 121 + 1 / 3)).toBeCloseTo(100, 10);
  });

  it('accepts a two-point fit with r2 = 1 and says so', () => {
    const c = accepted(
      calibrateFromPhantom(
        [
          { name: 'water', densityMgCm3: 0, meanHu: 0 },
          { name: 'bone', densityMgCm3: 200, meanHu: 240 },
        ],
        { material: 'CaHA', method: 'asynchronous' },
      ),
    );
    expect(c.slopeHuPerMgCm3).toBeCloseTo(1.2, 10);
    expect(c.r2).toBe(1);
    expect(c.notes.join(' ')).toMatch(/two-point fit: r² is 1 by construction/);
    expect(c.notes.join(' ')).toMatch(/asynchronous calibration.*IV\.B\.1\.b/);
    expect(c.notes.join(' ')).toMatch(/kVp and kernel were not recorded/);
  });

  it('refuses fewer than two rods, equal densities and non-finite values, naming the rod', () => {
    expect(
      refused(
        calibrateFromPhantom([{ name: 'rod A', densityMgCm3: 0, meanHu: 0 }], {
          material: 'CaHA',
          method: 'simultaneous',
        }),
      ),
    ).toEqual(['a phantom calibration needs at least 2 rods, got 1']);
    expect(
      refused(
        calibrateFromPhantom(
          [
            { name: 'a', densityMgCm3: 100, meanHu: 120 },
            { name: 'b', densityMgCm3: 100, meanHu: 121 },
          ],
          { material: 'CaHA', method: 'simultaneous' },
        ),
      ),
    ).toEqual(['the rods must have at least two different densities']);
    expect(
      refused(
        calibrateFromPhantom(
          [
            { name: 'rod A', densityMgCm3: 0, meanHu: Number.NaN },
            { name: 'rod B', densityMgCm3: 100, meanHu: 120 },
          ],
          { material: 'CaHA', method: 'simultaneous' },
        ),
      ),
    ).toEqual(['rod A: meanHu must be a finite number, got NaN']);
  });

  it('refuses swapped rods (negative slope) and densities entered in g/cm3', () => {
    const swapped = refused(
      calibrateFromPhantom(rodPoints(resolvePhantom('qrm-bdc-3'), [241, 122, 1]), {
        material: 'CaHA',
        method: 'simultaneous',
      }),
    );
    expect(swapped[0]).toMatch(
      /^slope -1\.200 HU per mg\/cm³ is outside the plausible 0\.5–2\.5 for CaHA.*out of order/,
    );
    // intercept 121.333 + 120 = 241.3 HU
    expect(swapped[1]).toMatch(/^intercept 241\.3 HU is outside -60 to 60 HU/);
    const grams = refused(
      calibrateFromPhantom(
        [0, 0.1, 0.2].map((d, i) => ({
          name: `rod ${String(i + 1)}`,
          densityMgCm3: d,
          meanHu: [1, 122, 241][i] ?? 0,
        })),
        { material: 'CaHA', method: 'simultaneous' },
      ),
    );
    expect(grams[0]).toMatch(/slope 1200\.000 .* check the rod densities are in mg\/cm³/);
  });

  it('refuses a rod whose residual exceeds 5 HU, naming it', () => {
    // y = 1.2 x except rod C (100 mg/cm3) 15 HU high: 0, 60, 135, 180, 240. mean y 123, Sxy = 30000,
    // Sxx = 25000: slope 1.2, intercept 3; residuals -3, -3, +12, -3, -3.
    const reasons = refused(
      calibrateFromPhantom(rodPoints(resolvePhantom('b-mas-200'), [0, 60, 135, 180, 240]), {
        material: 'CaHA',
        method: 'simultaneous',
      }),
    );
    expect(reasons).toContain('rod C: residual 12.0 HU exceeds ±5 HU');
    expect(reasons.some((r) => r.startsWith('rod A'))).toBe(false);
  });

  it('refuses a curved response that the residual check alone would pass', () => {
    // HU = rho + 0.0008 rho^2 at 0, 50, 100, 150, 200: 0, 52, 108, 168, 232. Line: mean y 112, Sxy = 29000,
    // Sxx = 25000: slope 1.16, intercept -4; residuals 4, -2, -4, -2, 4 (all within 5 HU); r2 = 1 - 56/33696
    // = 0.99834. The quadratic is exact, and quadratic - line = 0.0008 x^2 - 0.16 x + 4, which reaches 4 HU
    // at 0, 100 and 200 mg/cm3: beyond the 3 HU curvature limit.
    const reasons = refused(
      calibrateFromPhantom(rodPoints(resolvePhantom('b-mas-200'), [0, 52, 108, 168, 232]), {
        material: 'CaHA',
        method: 'simultaneous',
      }),
    );
    expect(reasons).toEqual([
      'non-linear: a quadratic through the rods departs from the straight line by up to 4.0 HU (limit 3 HU)',
    ]);
  });

  it('refuses an r2 below 0.99', () => {
    // 0, 100, 200 at 0, 140, 200 HU (ROI of the middle rod misplaced): mean y 113.33, Sxy = 20000,
    // Sxx = 20000: slope 1.0, intercept 13.33; residuals -13.33, +26.67, -13.33; SSres = 1066.7,
    // Syy = 12844.4 + 711.1 + 7511.1 = 21066.7: r2 = 1 - 1066.7 / 21066.7 = 0.9494.
    const reasons = refused(
      calibrateFromPhantom(rodPoints(resolvePhantom('qrm-bdc-3'), [0, 140, 200]), {
        material: 'CaHA',
        method: 'simultaneous',
      }),
    );
    expect(reasons).toContain('r² 0.9494 is below the minimum 0.99');
    expect(reasons).toContain('rod 100: residual 26.7 HU exceeds ±5 HU');
  });

  it('fits a Mindways Model 3 with its certificate water densities as QCT PRO does', () => {
    // Certificate (example serial in the Ogo phantom table): K2HPO4 -51.83, -53.40, 58.88, 157.05, 375.83;
    // water 1012.25, 1056.95, 1103.57, 1119.52, 923.20 mg/cm3. Rods built with HU = water + 1.4 K - 1000,
    // e.g. rod E 923.20 + 526.162 - 1000 = 449.362. Converted line: slope 1.4 - 0.2174 = 1.1826, intercept
    // -1000 + 999.6 = -0.4. Check independently: a pure solution of 100 mg/cm3 K2HPO4 holds 999.6 - 21.74 =
    // 977.86 mg/cm3 water, so HU = 977.86 + 140 - 1000 = 117.86 = -0.4 + 1.1826 x 100.
    const k = [-51.83, -53.4, 58.88, 157.05, 375.83];
    const water = [1012.25, 1056.95, 1103.57, 1119.52, 923.2];
    const hu = [-60.312, -17.81, 186.002, 339.39, 449.362];
    const phantom = resolvePhantom('mindways-model-3', k, water);
    const c = accepted(
      calibrateFromPhantom(rodPoints(phantom, hu), {
        material: 'K2HPO4',
        method: 'simultaneous',
        phantom: phantom.name,
      }),
    );
    expect(c.slopeHuPerMgCm3).toBeCloseTo(1.1826, 6);
    expect(c.interceptHu).toBeCloseTo(-0.4, 6);
    expect(c.r2).toBeCloseTo(1, 9);
    expect(bmdFromHu(c, 117.86)).toBeCloseTo(100, 6);
    expect(c.notes.join(' ')).toMatch(/water-corrected fit/);
    // Without the water densities the rods' differing water content wrecks a plain fit, and it is refused.
    const plain = resolvePhantom('mindways-model-3', k);
    expect(plain.notes.join(' ')).toMatch(/water densities were not given/);
    expect(
      refused(calibrateFromPhantom(rodPoints(plain, hu), { material: 'K2HPO4', method: 'simultaneous' }))
        .length,
    ).toBeGreaterThan(0);
  });
});

describe('calibrateWithPhantom', () => {
  it('calibrates a resolved phantom from rod HU in rod order, carrying its notes', () => {
    // Same numbers as the hand-worked QRM-BDC/3 fit above: slope 1.2, intercept 1.333.
    const c = accepted(
      calibrateWithPhantom(resolvePhantom('qrm-bdc-3'), [1, 122, 241], { method: 'simultaneous' }),
    );
    expect(c.material).toBe('CaHA');
    expect(c.phantom).toBe('qrm-bdc-3');
    expect(c.slopeHuPerMgCm3).toBeCloseTo(1.2, 10);
    expect(c.notes[0]).toMatch(/nominal rod densities used/);
    expect(
      refused(calibrateWithPhantom(resolvePhantom('qrm-bdc-3'), [1, 122], { method: 'simultaneous' })),
    ).toEqual([
      'rodsHu: 2 values given but QRM Bone Density Calibration phantom, 3 inserts (QRM-BDC/3) has 3 rods',
    ]);
  });
});

describe('bmdFromHu', () => {
  it('inverts the line and names a bad slope', () => {
    // (122 - 2) / 1.2 = 100
    expect(bmdFromHu({ slopeHuPerMgCm3: 1.2, interceptHu: 2 }, 122)).toBeCloseTo(100, 10);
    expect(() => bmdFromHu({ slopeHuPerMgCm3: 0, interceptHu: 2 }, 122)).toThrow(/^slopeHuPerMgCm3: /);
    expect(() => bmdFromHu({ slopeHuPerMgCm3: 1.2, interceptHu: 2 }, Number.NaN)).toThrow(/^meanHu: /);
  });
});
