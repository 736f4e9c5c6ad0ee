import { describe, expect, it } from 'vitest';
import { compareQctSerial, type QctSerialValue } from '../src/index.ts';

const ge1 = { id: 'CT-1', manufacturer: 'GE' };
const ge2 = { id: 'CT-2', manufacturer: 'GE' };
const siemens = { id: 'CT-3', manufacturer: 'Siemens' };

const value = (
  v: number,
  date: string,
  scanner: QctSerialValue['scanner'],
  extra: Partial<QctSerialValue> = {},
) => ({
  value: v,
  unit: 'mg/cm3' as const,
  date,
  scanner,
  ...extra,
});

describe('serial QCT comparison (ACR QCT IV.F, IV.G)', () => {
  it('compares the same unit with LSC = 2.77 × RMS-SD', () => {
    // change 92 - 100 = -8 mg/cm³; LSC 2.77 × 2.5 = 6.925; |−8| ≥ 6.925: significant. -8% over 2 years = -4%/y
    const c = compareQctSerial({
      prior: value(100, '2024-01-01', ge1),
      current: value(92, '2026-01-01', ge1),
      precision: { rmsSd: 2.5 },
    });
    expect(c.comparability).toBe('same_unit');
    expect(c.change).toBeCloseTo(-8, 10);
    expect(c.changePercent).toBeCloseTo(-8, 10);
    expect(c.lsc).toBeCloseTo(6.925, 10);
    expect(c.significant).toBe(true);
    expect(c.changePercentPerYear).toBeCloseTo(-8 / (731 / 365.25), 6);
  });

  it('is not significant below the LSC', () => {
    // |95 - 100| = 5 < 6.925
    const c = compareQctSerial({
      prior: value(100, '2024-01-01', ge1),
      current: value(95, '2025-01-01', ge1),
      precision: { rmsSd: 2.5 },
    });
    expect(c.significant).toBe(false);
  });

  it('uses a %CV precision against the % change', () => {
    // change -6%; LSC% 2.77 × 2 = 5.54%: significant; at CV 2.5%, LSC% 6.925: not significant
    const base = { prior: value(100, '2024-01-01', ge1), current: value(94, '2025-01-01', ge2) };
    const a = compareQctSerial({ ...base, precision: { percentCv: 2 } });
    expect(a.comparability).toBe('same_manufacturer');
    expect(a.lscPercent).toBeCloseTo(5.54, 10);
    expect(a.lsc).toBeNull();
    expect(a.significant).toBe(true);
    expect(compareQctSerial({ ...base, precision: { percentCv: 2.5 } }).significant).toBe(false);
    expect(a.notes.some((n) => n.includes('does not include the error between scanners'))).toBe(true);
  });

  it('accepts another manufacturer only when both results are in standardised units', () => {
    const prior = value(100, '2024-01-01', ge1, { standardisedUnits: true });
    const std = compareQctSerial({
      prior,
      current: value(90, '2025-01-01', siemens, { standardisedUnits: true }),
      precision: { rmsSd: 2 },
    });
    expect(std.comparability).toBe('other_manufacturer_standardised');
    expect(std.significant).toBe(true);
    const not = compareQctSerial({
      prior,
      current: value(90, '2025-01-01', siemens),
      precision: { rmsSd: 2 },
    });
    expect(not.comparability).toBe('not_comparable');
    expect(not.significant).toBeNull();
    expect(not.reason).toMatch(/IV\.F\.3/);
  });

  it('does not compare different sites or units, and leaves significance open without precision', () => {
    expect(
      compareQctSerial({
        prior: value(100, '2024-01-01', ge1, { site: 'L1-L2' }),
        current: value(90, '2025-01-01', ge1, { site: 'L2-L3' }),
        precision: { rmsSd: 2 },
      }).comparability,
    ).toBe('not_comparable');
    expect(
      compareQctSerial({
        prior: { ...value(0.8, '2024-01-01', ge1), unit: 'g/cm2' },
        current: value(90, '2025-01-01', ge1),
      }).comparability,
    ).toBe('not_comparable');
    const noPrecision = compareQctSerial({
      prior: value(100, '2024-01-01', ge1),
      current: value(80, '2025-01-01', ge1),
    });
    expect(noPrecision.comparability).toBe('same_unit');
    expect(noPrecision.significant).toBeNull();
  });

  it('refuses bad input naming the field', () => {
    expect(() =>
      compareQctSerial({ prior: value(100, '2026-01-01', ge1), current: value(90, '2025-01-01', ge1) }),
    ).toThrow(/prior\.date 2026-01-01 is after current\.date/);
    expect(() =>
      compareQctSerial({ prior: value(-1, '2024-01-01', ge1), current: value(90, '2025-01-01', ge1) }),
    ).toThrow(/^prior\.value/);
    expect(() =>
      compareQctSerial({ prior: value(100, '2024-13-01', ge1), current: value(90, '2025-01-01', ge1) }),
    ).toThrow(/^prior\.date/);
    expect(() =>
      compareQctSerial({
        prior: value(100, '2024-01-01', ge1),
        current: value(90, '2025-01-01', ge1),
        precision: { rmsSd: 0 },
      }),
    ).toThrow(/^precision/);
  });

  it('counts a change of exactly the LSC as significant despite floating-point error', () => {
    // 102.77 − 100 is 2.769999… in binary; LSC 2.77 × 1 = 2.77. As reported both are 2.77: significant.
    const c = compareQctSerial({
      prior: value(100, '2024-01-01', ge1),
      current: value(102.77, '2026-01-01', ge1),
      precision: { rmsSd: 1 },
    });
    expect(c.significant).toBe(true);
    // 102.76 is 0.01 short of it: not significant.
    expect(
      compareQctSerial({
        prior: value(100, '2024-01-01', ge1),
        current: value(102.76, '2026-01-01', ge1),
        precision: { rmsSd: 1 },
      }).significant,
    ).toBe(false);
  });
});
