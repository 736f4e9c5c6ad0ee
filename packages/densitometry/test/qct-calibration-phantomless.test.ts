import { describe, expect, it } from 'vitest';
import {
  bmdFromHu,
  calibrateFromTissues,
  defaultInternalCalibrationReference,
  internalReferenceFromPairedScans,
  opportunisticL1Screen,
  type CalibrationOutcome,
  type InternalCalibrationReference,
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

// A site reference chosen so the arithmetic is exact: every tissue lies on HU = 1.25 x density.
const site: InternalCalibrationReference = {
  status: 'site',
  source: 'test reference',
  material: 'K2HPO4',
  kvp: 120,
  tissues: {
    air: { equivalentMgCm3: -800 },
    fat: { equivalentMgCm3: -80 },
    muscle: { equivalentMgCm3: 40 },
    blood: { equivalentMgCm3: 32 },
  },
  precisionNote: 'Phantomless BMD is less precise.',
};

describe('calibrateFromTissues (ACR QCT IV.B.2)', () => {
  it('fits the tissues against their equivalent densities', () => {
    // air -1000 / -800, fat -100 / -80, muscle 50 / 40 all lie on HU = 1.25 x: slope 1.25, intercept 0,
    // so a vertebra at 150 HU is 120 mg/cm3.
    const c = accepted(
      calibrateFromTissues({ airHu: -1000, fatHu: -100, muscleHu: 50 }, { reference: site, kvp: 120 }),
    );
    expect(c.method).toBe('phantomless');
    expect(c.material).toBe('K2HPO4');
    expect(c.slopeHuPerMgCm3).toBeCloseTo(1.25, 10);
    expect(c.interceptHu).toBeCloseTo(0, 8);
    expect(c.r2).toBeCloseTo(1, 10);
    expect(c.points.map((p) => p.name)).toEqual(['air', 'fat', 'muscle']);
    expect(bmdFromHu(c, 150)).toBeCloseTo(120, 8);
    expect(c.notes).toContain('Phantomless BMD is less precise.');
  });

  it('uses the provisional default table with its caveats', () => {
    // Defaults air -833, fat -83, muscle 42 against -1000, -100, 50 HU: mean x -291.33, mean y -350;
    // Sxy = 537500, Sxx = 447916.7: slope 1.2000, intercept -350 + 1.2 x 291.33 = -0.40.
    const c = accepted(calibrateFromTissues({ airHu: -1000, fatHu: -100, muscleHu: 50 }));
    expect(c.slopeHuPerMgCm3).toBeCloseTo(1.2, 4);
    expect(c.interceptHu).toBeCloseTo(-0.4, 2);
    const notes = c.notes.join(' ');
    expect(notes).toMatch(/less precise/);
    expect(notes).toMatch(/provisional/);
    expect(notes).toMatch(/kVp was not given/);
    expect(defaultInternalCalibrationReference.status).toBe('provisional');
  });

  it('says when fat and muscle alone give a two-point line', () => {
    // (50 - -100) / (40 - -80) = 1.25
    const c = accepted(calibrateFromTissues({ fatHu: -100, muscleHu: 50 }, { reference: site, kvp: 120 }));
    expect(c.slopeHuPerMgCm3).toBeCloseTo(1.25, 10);
    expect(c.r2).toBe(1);
    expect(c.notes.join(' ')).toMatch(/two-point fit/);
  });

  it('refuses another kVp, blood after contrast, and a tissue ROI in the wrong tissue', () => {
    expect(
      refused(calibrateFromTissues({ fatHu: -100, muscleHu: 50 }, { reference: site, kvp: 100 }))[0],
    ).toMatch(/^kvp: the scan is at 100 kVp but the tissue reference densities are for 120 kVp/);
    expect(
      refused(
        calibrateFromTissues(
          { fatHu: -100, muscleHu: 50, bloodHu: 200 },
          { reference: site, contrast: true },
        ),
      ),
    ).toEqual(['bloodHu: blood cannot serve as a reference after intravenous contrast']);
    // Fat ROI placed in muscle (40 HU): x -800, -80, 40; y -1000, 40, 50. Sxy = 544000, Sxx = 412800:
    // slope 1.3178, intercept 65.7; fat residual 40 - (65.7 - 105.4) = 79.8 HU > 25.
    const reasons = refused(
      calibrateFromTissues({ airHu: -1000, fatHu: 40, muscleHu: 50 }, { reference: site }),
    );
    expect(reasons.some((r) => /^fat: residual 79\.\d HU exceeds ±25 HU$/.test(r))).toBe(true);
  });

  it('refuses a tissue the reference table has no density for', () => {
    const noAir: InternalCalibrationReference = {
      ...site,
      tissues: { fat: site.tissues.fat, muscle: site.tissues.muscle },
    };
    expect(
      refused(calibrateFromTissues({ airHu: -1000, fatHu: -100, muscleHu: 50 }, { reference: noAir })),
    ).toEqual(['airHu: the reference table has no equivalent density for air']);
  });
});

describe('internalReferenceFromPairedScans', () => {
  it('averages (HU - intercept) / slope over phantom-calibrated scans', () => {
    // Scan 1 (1.2, 0): fat -96 -> -80, muscle 48 -> 40. Scan 2 (1.25, 5): fat -95 -> -80, muscle 55 -> 40,
    // air -995 -> -800.
    const ref = internalReferenceFromPairedScans(
      [
        { calibration: { slopeHuPerMgCm3: 1.2, interceptHu: 0 }, tissues: { fatHu: -96, muscleHu: 48 } },
        {
          calibration: { slopeHuPerMgCm3: 1.25, interceptHu: 5 },
          tissues: { airHu: -995, fatHu: -95, muscleHu: 55 },
        },
      ],
      { kvp: 120, material: 'K2HPO4', source: 'CT1 reference scans 2024' },
    );
    expect(ref.status).toBe('site');
    expect(ref.tissues.fat.equivalentMgCm3).toBeCloseTo(-80, 10);
    expect(ref.tissues.muscle.equivalentMgCm3).toBeCloseTo(40, 10);
    expect(ref.tissues.air?.equivalentMgCm3).toBeCloseTo(-800, 10);
    expect(ref.tissues.blood).toBeUndefined();
    expect(() => internalReferenceFromPairedScans([], { kvp: 120, material: 'K2HPO4', source: 'x' })).toThrow(
      /^scans: /,
    );
  });
});

describe('opportunisticL1Screen (Pickhardt 2013; ACR QCT IV.B.2)', () => {
  it('bands L1 HU at the 110 and 160 HU thresholds', () => {
    expect(opportunisticL1Screen(95, 120).band).toBe('likely_osteoporosis');
    expect(opportunisticL1Screen(110, 120).band).toBe('likely_osteoporosis');
    expect(opportunisticL1Screen(110.5, 120).band).toBe('indeterminate');
    expect(opportunisticL1Screen(160, 120).band).toBe('indeterminate');
    expect(opportunisticL1Screen(161, 120).band).toBe('osteoporosis_unlikely');
    const s = opportunisticL1Screen(95, 120);
    expect(s.thresholdsHu).toEqual({
      likelyOsteoporosisAtMost: 110,
      osteoporosisUnlikelyAbove: 160,
      atKvp: 120,
    });
    expect(s.source).toMatch(/Pickhardt/);
  });

  it('always carries the kVp caveat, louder at another kVp', () => {
    const at120 = opportunisticL1Screen(130, 120);
    expect(at120.caveat).toMatch(/kVp \(ACR QCT IV\.B\.2\)/);
    expect(at120.caveat).not.toMatch(/WARNING/);
    expect(at120.kvpMatches).toBe(true);
    const at100 = opportunisticL1Screen(130, 100);
    expect(at100.caveat).toMatch(/^WARNING: scan at 100 kVp\./);
    expect(at100.kvpMatches).toBe(false);
    const unknown = opportunisticL1Screen(130);
    expect(unknown.caveat).toMatch(/kVp was not given/);
    expect(unknown.kvpMatches).toBeNull();
  });

  it('never returns a WHO category and names bad input', () => {
    for (const hu of [50, 130, 250]) {
      expect(['likely_osteoporosis', 'indeterminate', 'osteoporosis_unlikely']).toContain(
        opportunisticL1Screen(hu).band,
      );
      expect(JSON.stringify(opportunisticL1Screen(hu))).not.toMatch(/osteopenia"|"normal"|T-score/);
    }
    expect(() => opportunisticL1Screen(Number.NaN)).toThrow(/^l1TrabecularHu: /);
    expect(() => opportunisticL1Screen(130, 0)).toThrow(/^kvp: /);
  });
});
