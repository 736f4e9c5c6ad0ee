import { describe, expect, it } from 'vitest';
import { assessExam } from '../src/index.ts';
import { exam, site } from './exam-builder.ts';

const current = [
  site('total_hip', 0.72, { side: 'left', tScore: -1.8 }),
  site('L1-L4', 0.877, { tScore: -1.5 }),
];

describe('serial change (ISCD 2019; ROS 4.6)', () => {
  it('gives change in g/cm², % and %/year, significant at or above the LSC', () => {
    // 0.720 - 0.751 = -0.031 g/cm²; -0.031 / 0.751 = -4.13%; 2024-09-15 → 2026-10-01 is 746 days = 2.042 years,
    // so -4.13 / 2.042 = -2.02 %/year; |-0.031| ≥ LSC 0.024 → significant loss
    const a = assessExam(
      exam({
        exam: { sites: current },
        priors: [
          { date: '2024-09-15', scannerId: 'DXA-1', sites: [site('total_hip', 0.751, { side: 'left' })] },
        ],
        lsc: [{ scannerId: 'DXA-1', site: 'total_hip', lscGcm2: 0.024 }],
      }),
    );
    expect(a.changes).toEqual([
      expect.objectContaining({
        site: 'total_hip',
        side: 'left',
        changeGcm2: -0.031,
        changePercent: -4.1,
        changePercentPerYear: -2.0,
        lscGcm2: 0.024,
        comparable: true,
        significant: true,
        direction: 'loss',
      }),
    ]);
    expect(a.flags.map((f) => f.code)).toContain('unexplained_bone_loss');
  });

  it('counts a change equal to the LSC as significant', () => {
    // 0.872 - 0.848 = +0.024 = LSC
    const a = assessExam(
      exam({
        exam: { sites: [site('total_hip', 0.872, { side: 'left', tScore: -0.6 })] },
        priors: [
          { date: '2024-10-01', scannerId: 'DXA-1', sites: [site('total_hip', 0.848, { side: 'left' })] },
        ],
        lsc: [{ scannerId: 'DXA-1', site: 'total_hip', lscGcm2: 0.024 }],
      }),
    );
    expect(a.changes[0]).toMatchObject({ changeGcm2: 0.024, significant: true, direction: 'gain' });
  });

  it('marks a prior from another scanner without cross-calibration not comparable', () => {
    const a = assessExam(
      exam({
        exam: { sites: current },
        priors: [
          { date: '2023-01-10', scannerId: 'OLD-1', sites: [site('total_hip', 0.8, { side: 'left' })] },
        ],
        lsc: [{ scannerId: 'DXA-1', site: 'total_hip', lscGcm2: 0.024 }],
      }),
    );
    expect(a.changes[0]).toMatchObject({
      comparable: false,
      significant: null,
      direction: 'unknown',
      lscGcm2: null,
    });
    expect(a.warnings.some((w) => w.startsWith('scanner changed since 2023-01-10 (OLD-1 → DXA-1)'))).toBe(
      true,
    );
  });

  it('converts a prior through a recorded cross-calibration', () => {
    // prior 0.751 on OLD-1 → 1.02 × 0.751 − 0.010 = 0.756 on DXA-1; change 0.720 − 0.75602 = −0.036
    const a = assessExam(
      exam({
        exam: { sites: current },
        priors: [
          { date: '2024-09-15', scannerId: 'OLD-1', sites: [site('total_hip', 0.751, { side: 'left' })] },
        ],
        crossCalibrations: [
          { fromScannerId: 'OLD-1', toScannerId: 'DXA-1', slope: 1.02, interceptGcm2: -0.01 },
        ],
        lsc: [{ scannerId: 'DXA-1', site: 'total_hip', lscGcm2: 0.024 }],
      }),
    );
    expect(a.changes[0]).toMatchObject({
      priorBmdGcm2: 0.756,
      changeGcm2: -0.036,
      comparable: true,
      significant: true,
    });
  });

  it('compares the spine only over the same vertebrae', () => {
    const a = assessExam(
      exam({
        exam: { sites: current },
        priors: [{ date: '2024-09-15', scannerId: 'DXA-1', sites: [site('L2-L4', 0.9)] }],
        lsc: [{ scannerId: 'DXA-1', site: 'spine', lscGcm2: 0.03 }],
      }),
    );
    expect(a.changes.filter((c) => c.site === 'L1-L4')).toEqual([]);
    expect(a.warnings).toContain('no L1-L4 value on 2024-09-15: only the same vertebrae are compared');
  });

  it('recomputes the prior spine over the current vertebrae from its BMC and area', () => {
    // prior L1,L2,L4: (11.0 + 12.0 + 14.0) / (13.8 + 14.6 + 16.4) = 37.0 / 44.8 = 0.8259; current L1-L2,L4 0.849
    // change = 0.849 - 0.8259 = +0.0231 < LSC 0.03 → no significant change
    const prior = [
      site('L1', 0.81, { bmcG: 11.0, areaCm2: 13.8 }),
      site('L2', 0.82, { bmcG: 12.0, areaCm2: 14.6 }),
      site('L3', 0.95, { bmcG: 14.4, areaCm2: 15.1 }),
      site('L4', 0.85, { bmcG: 14.0, areaCm2: 16.4 }),
    ];
    const a = assessExam(
      exam({
        exam: { sites: [site('L1-L2,L4', 0.849, { tScore: -1.8 })] },
        priors: [{ date: '2024-09-15', scannerId: 'DXA-1', sites: prior }],
        lsc: [{ scannerId: 'DXA-1', site: 'spine', lscGcm2: 0.03 }],
      }),
    );
    expect(a.changes[0]).toMatchObject({
      site: 'L1-L2,L4',
      priorBmdGcm2: 0.826,
      changeGcm2: 0.023,
      significant: false,
      direction: 'no_significant_change',
    });
  });

  it('warns when no LSC is known for a site', () => {
    const a = assessExam(
      exam({
        exam: { sites: current },
        priors: [
          { date: '2024-09-15', scannerId: 'DXA-1', sites: [site('total_hip', 0.75, { side: 'left' })] },
        ],
      }),
    );
    expect(a.changes[0]).toMatchObject({ significant: null, comparable: true });
    expect(a.warnings).toContain(
      'no LSC recorded for total_hip left on DXA-1: significance of change not assessed',
    );
  });

  it('warns about a weight change of 10 kg or more (ROS 5.1)', () => {
    const priorAt = (weightKg: number) => [{ date: '2024-09-15', scannerId: 'DXA-1', weightKg, sites: [] }];
    expect(assessExam(exam({ patient: { weightKg: 64 }, priors: priorAt(74) })).warnings).toContain(
      'weight lost 10 kg since 2024-09-15 (74 → 64 kg): may affect the reliability of the comparison (ROS 5.1)',
    );
    expect(
      assessExam(exam({ patient: { weightKg: 64 }, priors: priorAt(73.9) })).warnings.some((w) =>
        w.startsWith('weight'),
      ),
    ).toBe(false);
  });
});
