import { describe, expect, it } from 'vitest';
import { assessQctSpine, type QctVertebraInput } from '../src/index.ts';

const spine = (bmd: Record<string, number>, extra: Partial<Record<string, Partial<QctVertebraInput>>> = {}) =>
  Object.entries(bmd).map(([label, bmdMgCm3]) => ({ label, bmdMgCm3, ...extra[label] }));

describe('spine QCT: the mean of two vertebrae (ACR QCT IV.B, IV.C.2)', () => {
  it('averages L1 and L2 by default and categorises the mean', () => {
    // (95 + 105) / 2 = 100 mg/cm³: 80 ≤ 100 ≤ 120, low bone density
    const a = assessQctSpine({ vertebrae: spine({ L1: 95, L2: 105, L3: 60 }) });
    expect(a.usedLabels).toEqual(['L1', 'L2']);
    expect(a.meanBmdMgCm3).toBe(100);
    expect(a.category).toBe('low_bone_density');
    expect(a.vertebrae.every((v) => !v.excluded)).toBe(true);
  });

  it('replaces a fractured L1 with L3, the nearest caudal vertebra, and says so', () => {
    // L1 fractured: L2 and L3 used, (130 + 116) / 2 = 123 > 120, normal
    const a = assessQctSpine({
      vertebrae: spine({ T12: 150, L1: 60, L2: 130, L3: 116 }, { L1: { fractured: true } }),
    });
    expect(a.usedLabels).toEqual(['L2', 'L3']);
    expect(a.meanBmdMgCm3).toBe(123);
    expect(a.category).toBe('normal');
    const l1 = a.vertebrae.find((v) => v.label === 'L1');
    expect(l1?.excluded).toBe(true);
    expect(l1?.exclusionReason).toMatch(/fractured/);
    expect(a.notes.some((n) => n.includes('L2 and L3 used in place of L1-L2'))).toBe(true);
  });

  it('replaces an excluded L2 with L3 before T12 (equally near, caudal first)', () => {
    // L2 is 1 from L1 and L3 is 1 from L2; T12 is 1 from L1: tie, caudal L3 wins. (70 + 74) / 2 = 72
    const a = assessQctSpine({
      vertebrae: spine(
        { T12: 200, L1: 70, L2: 90, L3: 74 },
        { L2: { excludedReason: 'prior vertebroplasty' } },
      ),
    });
    expect(a.usedLabels).toEqual(['L1', 'L3']);
    expect(a.meanBmdMgCm3).toBe(72);
    expect(a.category).toBe('osteoporosis');
    expect(a.vertebrae.find((v) => v.label === 'L2')?.exclusionReason).toBe('prior vertebroplasty');
  });

  it('takes T12 when L1 and L3 are fractured (T12 nearer the pair than L4)', () => {
    // usable: T12 (dist 1 from L1), L2, L4 (dist 2): T12 and L2, (100 + 110) / 2 = 105
    const a = assessQctSpine({
      vertebrae: spine(
        { T12: 100, L1: 40, L2: 110, L3: 40, L4: 130 },
        { L1: { fractured: true }, L3: { fractured: true } },
      ),
    });
    expect(a.usedLabels).toEqual(['T12', 'L2']);
    expect(a.meanBmdMgCm3).toBe(105);
  });

  it('treats a vertebra of the pair that was not measured like an excluded one', () => {
    // L1 absent: L2 and L3, (90 + 100) / 2 = 95
    const a = assessQctSpine({ vertebrae: spine({ L2: 90, L3: 100 }) });
    expect(a.usedLabels).toEqual(['L2', 'L3']);
    expect(a.meanBmdMgCm3).toBe(95);
    expect(a.notes).toContain('L1 was not measured');
  });

  it('notes that contrast-enhanced spine QCT may overestimate BMD (ACR QCT IV.C.1)', () => {
    const a = assessQctSpine({ vertebrae: spine({ L1: 100, L2: 100 }), contrast: true });
    expect(a.notes.some((n) => n.startsWith('contrast-enhanced CT'))).toBe(true);
    expect(
      assessQctSpine({ vertebrae: spine({ L1: 100, L2: 100 }) }).notes.some((n) => n.startsWith('contrast')),
    ).toBe(false);
  });

  it('uses one vertebra with a note when only one can be used', () => {
    const a = assessQctSpine({ vertebrae: spine({ L1: 60, L2: 85 }, { L1: { fractured: true } }) });
    expect(a.usedLabels).toEqual(['L2']);
    expect(a.meanBmdMgCm3).toBe(85);
    expect(a.notes.some((n) => n.startsWith('only 1 usable vertebra'))).toBe(true);
  });

  it('uses the pair asked for', () => {
    // (88 + 92) / 2 = 90
    const a = assessQctSpine({ vertebrae: spine({ L1: 200, L2: 88, L3: 92 }), pair: ['L2', 'L3'] });
    expect(a.usedLabels).toEqual(['L2', 'L3']);
    expect(a.meanBmdMgCm3).toBe(90);
  });

  it('states the mean to one decimal and categorises that value', () => {
    // (120 + 120.09) / 2 = 120.045 → 120.0 as reported: low bone density, not normal
    const a = assessQctSpine({ vertebrae: spine({ L1: 120, L2: 120.09 }) });
    expect(a.meanBmdMgCm3).toBe(120);
    expect(a.category).toBe('low_bone_density');
  });

  it('ignores a spine T-score with a note (ACR QCT IV.C.2)', () => {
    // T-score -3.0 would be "osteoporosis" by WHO; the mg/cm³ mean 130 is normal.
    const a = assessQctSpine({ vertebrae: spine({ L1: 130, L2: 130 }, { L1: { tScore: -3 } }), tScore: -3 });
    expect(a.category).toBe('normal');
    expect(a.notes.some((n) => n.includes('T-score ignored'))).toBe(true);
  });

  it('adds the population classification when a population is given', () => {
    const young = assessQctSpine({
      vertebrae: spine({ L1: 70, L2: 70 }),
      population: 'adult_z_score',
      zScore: -1.2,
    });
    expect(young.category).toBe('osteoporosis');
    expect(young.classification?.category).toBe('within_expected_range');
    expect(young.notes.some((n) => n.includes('does not apply to this patient'))).toBe(true);
  });

  it('refuses when no vertebra can be used, naming each and why', () => {
    expect(() =>
      assessQctSpine({
        vertebrae: spine({ L1: 50, L2: 55 }, { L1: { fractured: true }, L2: { fractured: true } }),
      }),
    ).toThrow(/vertebrae: no usable vertebra.*L1: fractured.*L2: fractured/);
  });

  it('refuses bad input naming the field', () => {
    expect(() => assessQctSpine({ vertebrae: [] })).toThrow(/^vertebrae:/);
    expect(() => assessQctSpine({ vertebrae: spine({ L6: 100 }) })).toThrow(/vertebrae\[0\]\.label/);
    expect(() => assessQctSpine({ vertebrae: [...spine({ L1: 100 }), ...spine({ L1: 90 })] })).toThrow(
      /vertebrae\[1\]\.label: L1 appears twice/,
    );
    expect(() => assessQctSpine({ vertebrae: spine({ L1: Number.NaN }) })).toThrow(
      /vertebrae\[0\]\.bmdMgCm3/,
    );
    expect(() => assessQctSpine({ vertebrae: spine({ L1: 100, L2: 90 }), pair: ['L1', 'L1'] })).toThrow(
      /^pair:/,
    );
  });
});
