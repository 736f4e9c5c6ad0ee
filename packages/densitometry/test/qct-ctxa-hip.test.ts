import { describe, expect, it } from 'vitest';
import { assessCtxaHip } from '../src/index.ts';

describe('hip CTXA (ACR QCT IV.C.1, IV.D, IV.E)', () => {
  it('classifies the WHO population on the lowest T-score of femoral neck and total hip', () => {
    const a = assessCtxaHip({
      population: 'adult_t_score',
      sites: [
        { site: 'femoral_neck', side: 'left', bmdGcm2: 0.61, tScore: -2.0 },
        { site: 'total_hip', side: 'left', bmdGcm2: 0.7, tScore: -1.6 },
        { site: 'femoral_neck', side: 'right', bmdGcm2: 0.58, tScore: -2.5 },
      ],
    });
    // lowest is the right femoral neck, -2.5: osteoporosis (WHO: ≤ -2.5)
    expect(a.classification?.category).toBe('osteoporosis');
    expect(a.classification?.site).toBe('femoral_neck');
    expect(a.classification?.side).toBe('right');
    expect(a.classification?.scheme).toBe('who');
    // FRAX: the lower femoral neck BMD of the two hips
    expect(a.fraxFemoralNeckBmdGcm2).toBe(0.58);
    expect(a.fraxFemoralNeckSide).toBe('right');
  });

  it('reads the T-score as reported: -2.45 is -2.5 (osteoporosis), -2.44 is -2.4', () => {
    const at = (t: number) =>
      assessCtxaHip({ population: 'adult_t_score', sites: [{ site: 'total_hip', bmdGcm2: 0.6, tScore: t }] })
        .classification?.category;
    expect(at(-2.45)).toBe('osteoporosis');
    expect(at(-2.44)).toBe('low_bone_density');
    expect(at(-1.0)).toBe('normal');
  });

  it('uses Z-scores for premenopausal women and men under 50, T-scores noted as unused', () => {
    const a = assessCtxaHip({
      population: 'adult_z_score',
      sites: [
        { site: 'femoral_neck', bmdGcm2: 0.62, tScore: -2.8, zScore: -1.5 },
        { site: 'total_hip', bmdGcm2: 0.71, tScore: -2.2, zScore: -2.1 },
      ],
    });
    expect(a.classification?.scoreKind).toBe('z_score');
    expect(a.classification?.category).toBe('below_expected_range');
    expect(a.classification?.site).toBe('total_hip');
    expect(a.notes.some((n) => n.startsWith('T-scores not used'))).toBe(true);
    expect(a.fraxFemoralNeckBmdGcm2).toBe(0.62);
  });

  it('ignores T-scores and FRAX for children', () => {
    const a = assessCtxaHip({
      population: 'paediatric',
      sites: [{ site: 'femoral_neck', bmdGcm2: 0.55, tScore: -3, zScore: -1.0 }],
    });
    expect(a.classification?.scheme).toBe('paediatric');
    expect(a.classification?.category).toBe('within_expected_range');
    expect(a.fraxFemoralNeckBmdGcm2).toBeNull();
    expect(a.notes.some((n) => n.startsWith('T-scores ignored'))).toBe(true);
  });

  it('does not classify without the needed score, and has no FRAX BMD without a femoral neck', () => {
    const a = assessCtxaHip({
      population: 'adult_t_score',
      sites: [{ site: 'total_hip', bmdGcm2: 0.8, zScore: 0 }],
    });
    expect(a.classification).toBeNull();
    expect(a.fraxFemoralNeckBmdGcm2).toBeNull();
  });

  it('refuses bad input naming the field', () => {
    expect(() => assessCtxaHip({ population: 'adult_t_score', sites: [] })).toThrow(/^sites:/);
    expect(() =>
      assessCtxaHip({ population: 'adult_t_score', sites: [{ site: 'femoral_neck', bmdGcm2: 650 }] }),
    ).toThrow(/sites\[0\]\.bmdGcm2/);
    expect(() =>
      assessCtxaHip({
        population: 'adult_t_score',
        sites: [
          { site: 'femoral_neck', bmdGcm2: 0.6 },
          { site: 'femoral_neck', bmdGcm2: 0.7 },
        ],
      }),
    ).toThrow(/sites\[1\]: femoral neck appears twice/);
    expect(() =>
      assessCtxaHip({
        population: 'adult_t_score',
        sites: [{ site: 'total_hip', bmdGcm2: 0.6, tScore: Number.NaN }],
      }),
    ).toThrow(/sites\[0\]\.tScore/);
  });
});
