import { describe, expect, it } from 'vitest';
import { precisionStudy, type PrecisionScan } from '../src/index.ts';

function scans(patient: string, values: number[], site = 'L1-L4'): PrecisionScan[] {
  return values.map((bmdGcm2, i) => ({ patient, scan: String(i + 1), site, bmdGcm2 }));
}

describe('ISCD precision study', () => {
  it('pools RMS-SD over patients and gives LSC = 2.77 × RMS-SD', () => {
    // A: 1.00, 1.02 → mean 1.01, Σ(x−m)² = 0.0002, df 1;  B: 0.80, 0.81, 0.82 → mean 0.81, Σ = 0.0002, df 2
    // RMS-SD = √(0.0004 / 3) = 0.011547; LSC = 2.77 × 0.011547 = 0.031985
    // CV: A √0.0002/1.01 = 0.014002, B √0.0001/0.81 = 0.012346; RMS-CV = √((1·0.014002² + 2·0.012346²)/3) = 1.292%
    const [result] = precisionStudy([...scans('A', [1.0, 1.02]), ...scans('B', [0.8, 0.81, 0.82])]);
    expect(result).toMatchObject({
      site: 'L1-L4',
      patients: 2,
      scans: 5,
      degreesOfFreedom: 3,
      rmsSdGcm2: 0.0115,
      lscGcm2: 0.032,
      cvPercent: 1.29,
      iscdCompliant: false,
    });
    expect(result?.lscPercent).toBeCloseTo(2.77 * 1.292, 1);
    expect(result?.meanBmdGcm2).toBe(0.89); // (1.00 + 1.02 + 0.80 + 0.81 + 0.82) / 5 = 0.89
  });

  it('accepts 15 × 3 and 30 × 2 as ISCD studies (30 degrees of freedom) but not 14 × 3', () => {
    const study = (patients: number, perPatient: number) =>
      precisionStudy(
        Array.from({ length: patients }, (_, p) =>
          scans(
            `P${p}`,
            Array.from({ length: perPatient }, (_, s) => 0.9 + 0.01 * s),
          ),
        ).flat(),
      )[0];
    expect(study(15, 3)).toMatchObject({ degreesOfFreedom: 30, iscdCompliant: true });
    expect(study(30, 2)).toMatchObject({ degreesOfFreedom: 30, iscdCompliant: true });
    expect(study(14, 3)).toMatchObject({ degreesOfFreedom: 28, iscdCompliant: false });
  });

  it('gives one result per scanner and site and leaves out a patient with one scan', () => {
    const results = precisionStudy([
      ...scans('A', [1.0, 1.02]),
      ...scans('A', [0.9, 0.92], 'total_hip'),
      ...scans('B', [0.8], 'total_hip'),
    ]);
    expect(results.map((r) => r.site)).toEqual(['L1-L4', 'total_hip']);
    expect(results[1]?.notes[0]).toBe('patient B has one scan and is left out');
    // the hip: A alone, Σ = 0.0002, df 1 → RMS-SD √0.0002 = 0.01414
    expect(results[1]?.rmsSdGcm2).toBe(0.0141);
  });
});
