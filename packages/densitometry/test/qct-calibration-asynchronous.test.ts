import { describe, expect, it } from 'vitest';
import {
  bmdFromHu,
  calibrationStability,
  chooseAsynchronousCalibration,
  storedCalibrationSchema,
  type StoredCalibration,
} from '../src/index.ts';

const stored: StoredCalibration[] = [
  {
    scannerId: 'CT1',
    kvp: 120,
    kernel: 'B30f',
    date: '2024-01-10',
    material: 'K2HPO4',
    slopeHuPerMgCm3: 1.2,
    interceptHu: 0,
    r2: 0.9999,
  },
  {
    scannerId: 'CT1',
    kvp: 120,
    kernel: 'B30f',
    date: '2024-02-10',
    material: 'K2HPO4',
    slopeHuPerMgCm3: 1.21,
    interceptHu: 1,
    r2: 0.9998,
    phantom: 'mindways-model-3',
  },
  {
    scannerId: 'CT1',
    kvp: 120,
    kernel: 'B30f',
    date: '2024-03-10',
    material: 'K2HPO4',
    slopeHuPerMgCm3: 1.22,
    interceptHu: 2,
    r2: 0.9999,
  },
  {
    scannerId: 'CT1',
    kvp: 100,
    kernel: 'B30f',
    date: '2024-02-10',
    material: 'K2HPO4',
    slopeHuPerMgCm3: 1.45,
    interceptHu: 3,
    r2: 0.9999,
  },
  {
    scannerId: 'CT2',
    kvp: 120,
    kernel: 'FC13',
    date: '2024-02-10',
    material: 'CaHA',
    slopeHuPerMgCm3: 1.1,
    interceptHu: -2,
    r2: 0.9997,
  },
];

describe('storedCalibrationSchema', () => {
  it('accepts a stored calibration and names a bad field', () => {
    expect(storedCalibrationSchema.parse(stored[0])).toEqual(stored[0]);
    const bad = storedCalibrationSchema.safeParse({ ...stored[0], date: '10/01/2024' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['date']);
  });
});

describe('chooseAsynchronousCalibration (ACR QCT IV.B.1.b)', () => {
  it('takes the latest calibration of the same scanner, kVp and kernel on or before the exam', () => {
    const choice = chooseAsynchronousCalibration(stored, {
      scannerId: 'CT1',
      kvp: 120,
      kernel: 'b30f',
      examDate: '2024-03-01',
    });
    if (!choice.ok) throw new Error(choice.reasons.join('; '));
    expect(choice.stored.date).toBe('2024-02-10');
    // 10 Feb to 1 Mar 2024: 19 days left in February (a leap year) + 1 = 20 days.
    expect(choice.ageDays).toBe(20);
    expect(choice.calibration.method).toBe('asynchronous');
    expect(choice.calibration.phantom).toBe('mindways-model-3');
    expect(choice.calibration.scanner).toEqual({ id: 'CT1', kvp: 120, kernel: 'B30f', date: '2024-02-10' });
    // (122 - 1) / 1.21 = 100
    expect(bmdFromHu(choice.calibration, 122)).toBeCloseTo(100, 10);
    expect(choice.calibration.notes.join(' ')).not.toMatch(/older than/);
  });

  it('uses a calibration on the exam day, and notes one older than a month', () => {
    const sameDay = chooseAsynchronousCalibration(stored, {
      scannerId: 'CT1',
      kvp: 120,
      kernel: 'B30f',
      examDate: '2024-03-10',
    });
    expect(sameDay.ok && sameDay.ageDays).toBe(0);
    const old = chooseAsynchronousCalibration(stored, {
      scannerId: 'CT1',
      kvp: 120,
      kernel: 'B30f',
      examDate: '2024-04-15',
    });
    if (!old.ok) throw new Error(old.reasons.join('; '));
    // 10 Mar to 15 Apr: 21 + 15 = 36 days > 31.
    expect(old.ageDays).toBe(36);
    expect(old.calibration.notes.join(' ')).toMatch(/older than 31 days/);
  });

  it('names what did not match', () => {
    const reasons = (exam: Parameters<typeof chooseAsynchronousCalibration>[1]): string[] => {
      const c = chooseAsynchronousCalibration(stored, exam);
      return c.ok ? [] : c.reasons;
    };
    expect(reasons({ scannerId: 'CT3', kvp: 120, kernel: 'B30f', examDate: '2024-03-01' })).toEqual([
      'no stored calibration for scanner CT3 (calibrated scanners: CT1, CT2)',
    ]);
    expect(reasons({ scannerId: 'CT1', kvp: 140, kernel: 'B30f', examDate: '2024-03-01' })[0]).toMatch(
      /^scanner CT1 has calibrations at 100, 120 kVp, not at 140 kVp/,
    );
    expect(reasons({ scannerId: 'CT1', kvp: 120, kernel: 'B70f', examDate: '2024-03-01' })).toEqual([
      'scanner CT1 at 120 kVp has calibrations for kernel B30f, not B70f',
    ]);
    expect(reasons({ scannerId: 'CT1', kvp: 120, kernel: 'B30f', examDate: '2024-01-01' })).toEqual([
      'every calibration of scanner CT1 at 120 kVp, kernel B30f is dated after the exam (2024-01-01); the earliest is 2024-01-10',
    ]);
    expect(reasons({ scannerId: 'CT1', kvp: 120, kernel: 'B30f', examDate: 'March' })[0]).toMatch(
      /^examDate: /,
    );
    expect(
      chooseAsynchronousCalibration([], {
        scannerId: 'CT1',
        kvp: 120,
        kernel: 'B30f',
        examDate: '2024-03-01',
      }),
    ).toEqual({
      ok: false,
      reasons: ['no stored calibrations'],
    });
  });
});

describe('calibrationStability (ACR QCT IV.B.1.b, VI.B: within 1%)', () => {
  const earlier = [
    { slopeHuPerMgCm3: 1.2, interceptHu: 0, date: '2024-01-10' },
    { slopeHuPerMgCm3: 1.22, interceptHu: 2, date: '2024-02-10' },
  ];

  it('is stable when the new line reads the reference density as the earlier ones did', () => {
    // Mean earlier line: slope 1.21, intercept 1. New line (1.21, 1) gives 122 HU at 100 mg/cm3, which reads
    // (122 - 1) / 1.21 = 100 mg/cm3: 0%.
    const s = calibrationStability({ slopeHuPerMgCm3: 1.21, interceptHu: 1 }, earlier);
    expect(s.stable).toBe(true);
    expect(s.changePercent).toBeCloseTo(0, 10);
    expect(s.against).toBe('mean');
    expect(s.comparedWith).toBe(2);
  });

  it('flags a change beyond 1% against the mean, and compares with the last when asked', () => {
    // New line (1.23, 1): 124 HU at 100 mg/cm3; through the mean line (124 - 1) / 1.21 = 101.653: +1.65%.
    const s = calibrationStability({ slopeHuPerMgCm3: 1.23, interceptHu: 1 }, earlier);
    expect(s.stable).toBe(false);
    expect(s.changePercent).toBeCloseTo(1.6529, 3);
    expect(s.reasons[0]).toMatch(
      /reads 101\.65 mg\/cm³ through the mean of 2 earlier calibrations: \+1\.65% \(beyond ±1%/,
    );
    // Through the last line (1.22, 2): (124 - 2) / 1.22 = 100: 0%.
    const last = calibrationStability({ slopeHuPerMgCm3: 1.23, interceptHu: 1 }, earlier, {
      against: 'last',
    });
    expect(last.stable).toBe(true);
    expect(last.changePercent).toBeCloseTo(0, 10);
  });

  it('has nothing to compare with the first calibration, and refuses other acquisitions', () => {
    const first = calibrationStability({ slopeHuPerMgCm3: 1.2, interceptHu: 0 }, []);
    expect(first.stable).toBeNull();
    expect(first.changePercent).toBeNull();
    const other = calibrationStability({ slopeHuPerMgCm3: 1.2, interceptHu: 0, kvp: 120, scannerId: 'CT1' }, [
      { slopeHuPerMgCm3: 1.45, interceptHu: 3, kvp: 100, scannerId: 'CT1', date: '2024-02-10' },
    ]);
    expect(other.stable).toBe(false);
    expect(other.reasons).toEqual(['earlier calibration 1 (2024-02-10): kvp 100 differs from 120']);
  });
});
