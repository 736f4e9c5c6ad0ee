import { describe, expect, it } from 'vitest';
import { assessExam } from '../src/index.ts';
import { isOutlierVertebra } from '../src/spine/vertebral-exclusion.ts';
import { exam, site, vertebraeWithBmcAndArea } from './exam-builder.ts';

const vertebrae = vertebraeWithBmcAndArea([-1.9, -1.8, -1.2, -1.7]);

describe('the ISCD 1.0 T-score outlier rule', () => {
  it('excludes only a difference of more than 1.0 from every neighbour', () => {
    expect(isOutlierVertebra(-0.6, [-1.8, -1.7])).toBe(true); // 1.2 and 1.1
    expect(isOutlierVertebra(-0.6, [-1.8, -1.5])).toBe(false); // 1.2 but only 0.9
    expect(isOutlierVertebra(-1.3, [-2.3])).toBe(false); // exactly 1.0 does not qualify
    expect(isOutlierVertebra(-1.2, [])).toBe(false);
  });

  it('finds an outlier in an exam and says why', () => {
    const sites = vertebrae.map((v) => (v.site === 'L3' ? { ...v, tScore: -0.6 } : v));
    const a = assessExam(exam({ exam: { sites: [...sites, site('L1-L4', 0.877, { tScore: -1.5 })] } }));
    expect(a.excludedVertebrae).toEqual([
      {
        vertebra: 'L3',
        by: 't_score_outlier',
        reason: 'T-score -0.6 differs by more than 1.0 from adjacent vertebrae (ISCD 2019)',
      },
    ]);
  });

  it('tests an end vertebra against its one neighbour', () => {
    // L1 +0.5 against L2 -1.0: 1.5 > 1.0; L2 is 1.5 from L1 but only 0.1 from L3, so it stays
    const sites = [
      site('L1', 1.1, { tScore: 0.5 }),
      site('L2', 0.92, { tScore: -1.0 }),
      site('L3', 0.93, { tScore: -1.1 }),
      site('L4', 0.94, { tScore: -1.2 }),
      site('L1-L4', 0.97, { tScore: -0.7 }),
    ];
    expect(assessExam(exam({ exam: { sites } })).excludedVertebrae.map((e) => e.vertebra)).toEqual(['L1']);
  });

  it('does not take the end vertebra beside an abnormal one for an outlier', () => {
    // L3 -0.6: 1.2 from L2, 1.1 from L4 (two neighbours); L4 -1.7 is 1.1 from L3, its only neighbour.
    // L3 goes first; then L4 is tested against L2: 0.1, and stays.
    const sites = [
      site('L2', 0.85, { tScore: -1.8 }),
      site('L3', 0.96, { tScore: -0.6 }),
      site('L4', 0.88, { tScore: -1.7 }),
      site('L2-L4', 0.9, { tScore: -1.4 }),
    ];
    expect(assessExam(exam({ exam: { sites } })).excludedVertebrae.map((e) => e.vertebra)).toEqual(['L3']);
  });

  it('excludes neither of two vertebrae that are only evidence against each other, and says so', () => {
    // L3 -1.6 and L4 -0.4: 1.2 apart, one neighbour each: which is abnormal cannot be told from the numbers
    const sites = [
      site('L3', 0.8, { tScore: -1.6 }),
      site('L4', 1.0, { tScore: -0.4 }),
      site('L3-L4', 0.9, { tScore: -1.0 }),
    ];
    const a = assessExam(exam({ exam: { sites } }));
    expect(a.excludedVertebrae).toEqual([]);
    expect(a.warnings.some((w) => w.startsWith('L3 and L4 T-scores differ by more than 1.0'))).toBe(true);
  });
});

describe('the spine composite after exclusions', () => {
  it('recomputes the composite as total BMC over total area', () => {
    // L1, L2, L4: (11.2 + 12.41 + 14.43) / (13.8 + 14.6 + 16.4) = 38.04 / 44.8 = 0.849
    const a = assessExam(
      exam({
        exam: {
          sites: [...vertebrae, site('L1-L4', 0.877, { tScore: -1.5 })],
          excludedVertebrae: [{ vertebra: 'L3', reason: 'compression fracture' }],
        },
      }),
    );
    const recomputed = a.sites.find((s) => s.site === 'L1-L2,L4');
    expect(recomputed).toMatchObject({
      bmdGcm2: 0.849,
      bmcG: 38.04,
      areaCm2: 44.8,
      compositeMethod: 'sum_bmc_over_sum_area',
      vertebraeUsed: ['L1', 'L2', 'L4'],
      tScore: null,
    });
    expect(a.sites.find((s) => s.site === 'L1-L4')).toMatchObject({
      usable: false,
      notUsableReason: 'includes excluded L3',
    });
    expect(a.flags.map((f) => f.code)).toContain('spine_reanalysis_needed');
  });

  it('takes the T-score of the recomputed composite from a configured reference', () => {
    // (0.849 - 1.047) / 0.110 = -1.8
    const a = assessExam(
      exam({
        exam: {
          sites: [...vertebrae, site('L1-L4', 0.877, { tScore: -1.5 })],
          excludedVertebrae: [{ vertebra: 'L3', reason: 'fracture' }],
        },
        references: [
          {
            id: 'horizon-l1-l2-l4',
            source: 'service configuration',
            site: 'L1-L2,L4',
            meanGcm2: 1.047,
            sdGcm2: 0.11,
          },
        ],
      }),
    );
    expect(a.classification).toMatchObject({ site: 'L1-L2,L4', score: -1.8 });
  });

  it('says how a composite was formed without BMC and area: the mean of vertebral BMD', () => {
    // (0.812 + 0.850 + 0.880) / 3 = 0.847
    const bare = vertebrae.map(({ bmcG: _b, areaCm2: _a, ...v }) => v);
    const a = assessExam(
      exam({
        exam: {
          sites: [...bare, site('L1-L4', 0.877, { tScore: -1.5 })],
          excludedVertebrae: [{ vertebra: 'L3', reason: 'fracture' }],
        },
      }),
    );
    expect(a.sites.find((s) => s.site === 'L1-L2,L4')).toMatchObject({
      bmdGcm2: 0.847,
      compositeMethod: 'mean_of_vertebral_bmd',
    });
    expect(a.warnings.some((w) => w.includes('mean of the vertebral BMDs'))).toBe(true);
  });

  it("uses the scanner's own re-analysed composite when given", () => {
    const a = assessExam(
      exam({
        exam: {
          sites: [
            ...vertebrae,
            site('L1-L4', 0.877, { tScore: -1.5 }),
            site('L1-L2,L4', 0.849, { tScore: -1.8 }),
          ],
          excludedVertebrae: [{ vertebra: 'L3', reason: 'fracture' }],
        },
      }),
    );
    expect(a.classification).toMatchObject({ site: 'L1-L2,L4', score: -1.8 });
    expect(a.sites.filter((s) => s.site === 'L1-L2,L4')).toHaveLength(1);
    expect(a.flags.map((f) => f.code)).not.toContain('spine_reanalysis_needed');
  });

  it('prefers the composite with the most vertebrae', () => {
    const a = assessExam(
      exam({
        exam: { sites: [site('L1-L4', 0.9, { tScore: -1.3 }), site('L2-L4', 0.88, { tScore: -1.6 })] },
      }),
    );
    expect(a.classification).toMatchObject({ site: 'L1-L4', score: -1.3 });
  });

  it('never classifies on a single vertebra: fewer than two left means no spine', () => {
    const a = assessExam(
      exam({
        exam: {
          sites: [
            ...vertebrae,
            site('L1-L4', 0.877, { tScore: -1.5 }),
            site('total_hip', 0.8, { side: 'left', tScore: -1.1 }),
          ],
          excludedVertebrae: [
            { vertebra: 'L1', reason: 'fracture' },
            { vertebra: 'L2', reason: 'fracture' },
            { vertebra: 'L3', reason: 'osteophyte' },
          ],
        },
      }),
    );
    expect(a.classification).toMatchObject({ site: 'total_hip' });
    expect(a.warnings).toContain(
      'lumbar spine not used: only L4 left after exclusions, and at least two are needed (ISCD 2019)',
    );
  });
});
