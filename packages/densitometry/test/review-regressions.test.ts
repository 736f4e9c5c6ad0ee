import { describe, expect, it } from 'vitest';
import { assessExam } from '../src/index.ts';
import { exam, site, vertebraeWithBmcAndArea } from './exam-builder.ts';

const vertebraeWithBmc = vertebraeWithBmcAndArea([-2.9, -2.8, -2.9, -3.0]);

describe('children: no adult T-score rule, no T-score words', () => {
  it('does not apply the 1.0 T-score outlier rule to a child', () => {
    const child = exam({
      patient: { sex: 'female', birthDate: '2014-03-01' },
      exam: {
        sites: [
          site('L1', 0.6, { tScore: -3.0 }),
          site('L2', 0.62, { tScore: -2.9 }),
          site('L3', 0.75, { tScore: -1.5 }),
          site('L4', 0.63, { tScore: -2.9 }),
          site('L1-L4', 0.65, { tScore: -2.6, zScore: -1.2 }),
        ],
      },
    });
    const a = assessExam(child);
    expect(a.excludedVertebrae).toEqual([]);
    expect(a.classification).toMatchObject({ site: 'L1-L4', score: -1.2, category: 'within_expected_range' });
    expect(JSON.stringify(a)).not.toMatch(/T-score|osteop(enia|oro)/i);
  });

  it('classifies a child on the spine, not the hip, when both are measured', () => {
    const a = assessExam(
      exam({
        patient: { sex: 'male', birthDate: '2012-03-01' },
        exam: {
          sites: [
            site('L1-L4', 0.7, { zScore: -1.0 }),
            site('total_hip', 0.7, { side: 'left', zScore: -2.4 }),
          ],
        },
      }),
    );
    expect(a.classification).toMatchObject({ site: 'L1-L4', score: -1.0 });
  });
});

describe('a spine given as single vertebrae only', () => {
  it('forms the composite as ΣBMC/Σarea and asks for its score instead of ignoring the spine', () => {
    // (11.2 + 12.41 + 14.5 + 14.43) / (13.8 + 14.6 + 15.1 + 16.4) = 52.54 / 59.9 = 0.877
    const a = assessExam(
      exam({
        exam: { sites: [...vertebraeWithBmc, site('total_hip', 0.85, { side: 'left', tScore: -0.8 })] },
      }),
    );
    expect(a.sites.find((s) => s.site === 'L1-L4')).toMatchObject({
      bmdGcm2: 0.877,
      compositeMethod: 'sum_bmc_over_sum_area',
    });
    expect(a.flags).toContainEqual({
      code: 'spine_reanalysis_needed',
      reason: 'no reference for L1-L4: take the L1-L4 composite from the scanner to obtain its T-score',
    });
    expect(a.flags.map((f) => f.code)).not.toContain('forearm_scan_indicated');
  });

  it('classifies the formed composite when a reference is configured for it', () => {
    // (0.877 - 1.047) / 0.110 = -1.55 → reported -1.5 (halves away from zero: -1.545… → -1.5)
    const a = assessExam(
      exam({
        exam: { sites: [...vertebraeWithBmc, site('total_hip', 0.85, { side: 'left', tScore: -0.8 })] },
        references: [{ id: 'l1-l4', source: 'service', site: 'L1-L4', meanGcm2: 1.047, sdGcm2: 0.11 }],
      }),
    );
    expect(a.classification).toMatchObject({ site: 'L1-L4', score: -1.5 });
  });
});

describe('serial change: like with like', () => {
  const lsc = [{ scannerId: 'DXA-1', site: 'spine' as const, lscGcm2: 0.03 }];

  it('does not compare a mean-of-vertebrae composite with a total-BMC/area one', () => {
    const a = assessExam(
      exam({
        exam: { sites: [site('L1-L4', 0.85, { tScore: -1.8 })] },
        priors: [
          {
            date: '2024-09-15',
            scannerId: 'DXA-1',
            sites: ['L1', 'L2', 'L3', 'L4'].map((v) => site(v, 0.95)),
          },
        ],
        lsc,
      }),
    );
    expect(a.changes[0]).toMatchObject({ comparable: false, significant: null });
    expect(a.changes[0]?.note).toContain('formed differently');
  });

  it('does not use a prior site the operator marked not interpretable', () => {
    const a = assessExam(
      exam({
        exam: { sites: [site('total_hip', 0.7, { side: 'left', tScore: -2.0 })] },
        priors: [
          {
            date: '2024-09-15',
            scannerId: 'DXA-1',
            sites: [site('total_hip', 0.9, { side: 'left', notInterpretableReason: 'arthroplasty' })],
          },
        ],
      }),
    );
    expect(a.changes).toEqual([]);
    expect(a.warnings).toContain(
      'left total hip on 2024-09-15 was not interpretable (arthroplasty): not compared',
    );
  });

  it('judges significance on the change as reported', () => {
    // 0.7256 - 0.750 = -0.0244 → reported -0.024, equal to the LSC → significant
    const a = assessExam(
      exam({
        exam: { sites: [site('total_hip', 0.7256, { side: 'left', tScore: -1.8 })] },
        priors: [
          { date: '2024-09-15', scannerId: 'DXA-1', sites: [site('total_hip', 0.75, { side: 'left' })] },
        ],
        lsc: [{ scannerId: 'DXA-1', site: 'total_hip', lscGcm2: 0.024 }],
      }),
    );
    expect(a.changes[0]).toMatchObject({ changeGcm2: -0.024, significant: true });
  });

  it('says when a prior hip was recorded for another side', () => {
    const a = assessExam(
      exam({
        exam: { sites: [site('total_hip', 0.7, { side: 'left', tScore: -2.0 })] },
        priors: [{ date: '2024-09-15', scannerId: 'DXA-1', sites: [site('total_hip', 0.75)] }],
      }),
    );
    expect(a.changes).toEqual([]);
    expect(a.warnings).toContain(
      'total_hip on 2024-09-15 is recorded for another side (or none): not compared with left total hip',
    );
  });

  it("uses the cross-calibration's own LSC when it has one", () => {
    // 0.720 - 0.751 = -0.031 < cross-calibration LSC 0.035 → not significant (it would be with 0.024)
    const a = assessExam(
      exam({
        exam: {
          scanner: { id: 'DXA-2', manufacturer: 'hologic' },
          sites: [site('total_hip', 0.72, { side: 'left', tScore: -1.8 })],
        },
        priors: [
          { date: '2024-09-15', scannerId: 'DXA-1', sites: [site('total_hip', 0.751, { side: 'left' })] },
        ],
        crossCalibrations: [
          { fromScannerId: 'DXA-1', toScannerId: 'DXA-2', slope: 1, interceptGcm2: 0, lscGcm2: 0.035 },
        ],
        lsc: [{ scannerId: 'DXA-2', site: 'total_hip', lscGcm2: 0.024 }],
      }),
    );
    expect(a.changes[0]).toMatchObject({ comparable: true, lscGcm2: 0.035, significant: false });
  });
});

describe('indicators read the right sites', () => {
  it("does not let a forearm T-score trigger NOGG's T ≤ -3.5 indicator", () => {
    const a = assessExam(
      exam({
        patient: { birthDate: '1966-06-01' },
        clinical: { hyperparathyroidism: true },
        exam: {
          sites: [
            site('L1-L4', 0.9, { tScore: -1.5 }),
            site('total_hip', 0.85, { side: 'left', tScore: -1.2 }),
            site('radius_33', 0.45, { side: 'left', tScore: -3.8 }),
          ],
        },
        fractureRisk: { tool: 'FRAX', withBmd: true, majorOsteoporoticPercent: 5, hipPercent: 0.5 },
      }),
    );
    expect(a.classification).toMatchObject({ site: 'radius_33', category: 'osteoporosis' });
    expect(a.fractureRisk?.category).toBe('low');
  });

  it('asks for VFA on glucocorticoids only with a T-score below -1.0 (ISCD 2019)', () => {
    const onSteroids = (tScore: number) =>
      assessExam(
        exam({
          patient: { birthDate: '1966-01-01' },
          exam: { sites: [site('L1-L4', 0.95, { tScore })] },
          clinical: { glucocorticoidMgPerDay: 7.5, glucocorticoidMonths: 6 },
        }),
      ).flags.filter((f) => f.code === 'vfa_indicated');
    expect(onSteroids(-1.1)).toHaveLength(1);
    expect(onSteroids(-1.0)).toEqual([]);
  });
});
