import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assessExam,
  categoriseProbability,
  defaultNoggThresholds,
  noggThresholdsAt,
  referenceFromTwoPairs,
  tScoreFromReference,
  type BmdCategory,
  type FractureRiskCategory,
} from '../src/index.ts';
import { exam, site } from './exam-builder.ts';

const SEVERITY: Record<BmdCategory, number> = {
  normal: 0,
  within_expected_range: 0,
  low_bone_density: 1,
  below_expected_range: 1,
  osteoporosis: 2,
};
const RISK: Record<FractureRiskCategory, number> = { low: 0, intermediate: 1, high: 2, very_high: 3 };

const tScore = fc.integer({ min: -50, max: 30 }).map((n) => n / 10);

function whoExam(spineT: number, hipT: number, neckT: number) {
  return exam({
    exam: {
      sites: [
        site('L1-L4', 0.9, { tScore: spineT }),
        site('total_hip', 0.8, { side: 'left', tScore: hipT }),
        site('femoral_neck', 0.7, { side: 'left', tScore: neckT }),
      ],
    },
  });
}

describe('invariants', () => {
  it('a lower T-score at any site never gives a milder category', () => {
    fc.assert(
      fc.property(
        tScore,
        tScore,
        tScore,
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 40 }),
        (s, h, n, which, drop) => {
          const scores: [number, number, number] = [s, h, n];
          const before = assessExam(whoExam(...scores)).classification;
          scores[which] = Math.round(((scores[which] ?? 0) - drop / 10) * 10) / 10;
          const after = assessExam(whoExam(...scores)).classification;
          if (before === null || after === null) throw new Error('every site has a T-score');
          expect(SEVERITY[after.category]).toBeGreaterThanOrEqual(SEVERITY[before.category]);
        },
      ),
    );
  });

  it('the classifying score is the lowest of the candidate sites', () => {
    fc.assert(
      fc.property(tScore, tScore, tScore, (s, h, n) => {
        expect(assessExam(whoExam(s, h, n)).classification?.score).toBe(Math.min(s, h, n));
      }),
    );
  });

  it('a composite recomputed as ΣBMC/Σarea lies between its vertebrae', () => {
    const vertebra = fc.record({
      bmcG: fc.integer({ min: 500, max: 2500 }).map((n) => n / 100),
      areaCm2: fc.integer({ min: 1000, max: 2000 }).map((n) => n / 100),
    });
    fc.assert(
      fc.property(
        fc.array(vertebra, { minLength: 4, maxLength: 4 }),
        fc.constantFrom('L1', 'L2', 'L3', 'L4'),
        (vs, excluded) => {
          const sites = vs.map((v, i) => site(`L${i + 1}`, v.bmcG / v.areaCm2, v));
          const a = assessExam(
            exam({
              exam: {
                sites: [...sites, site('L1-L4', 0.9, { tScore: -1 })],
                excludedVertebrae: [{ vertebra: excluded, reason: 'test' }],
              },
            }),
          );
          const recomputed = a.sites.find((s) => s.compositeMethod === 'sum_bmc_over_sum_area');
          const kept = sites.filter((s) => s.site !== excluded).map((s) => s.bmdGcm2);
          expect(recomputed?.bmdGcm2).toBeGreaterThanOrEqual(Math.min(...kept) - 0.0005);
          expect(recomputed?.bmdGcm2).toBeLessThanOrEqual(Math.max(...kept) + 0.0005);
        },
      ),
    );
  });

  it('a change significant at one LSC is significant at every smaller LSC', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 500, max: 1200 }),
        fc.integer({ min: -80, max: 80 }),
        fc.integer({ min: 5, max: 60 }),
        (priorMg, deltaMg, lscMg) => {
          const run = (lsc: number) =>
            assessExam(
              exam({
                exam: {
                  sites: [site('total_hip', (priorMg + deltaMg) / 1000, { side: 'left', tScore: -1 })],
                },
                priors: [
                  {
                    date: '2024-01-01',
                    scannerId: 'DXA-1',
                    sites: [site('total_hip', priorMg / 1000, { side: 'left' })],
                  },
                ],
                lsc: [{ scannerId: 'DXA-1', site: 'total_hip', lscGcm2: lsc / 1000 }],
              }),
            ).changes[0]?.significant;
          if (run(lscMg) === true) expect(run(lscMg - 1)).toBe(true);
          expect(run(lscMg)).toBe(Math.abs(deltaMg) >= lscMg);
        },
      ),
    );
  });

  it('a higher fracture probability never gives a lower NOGG category', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 90 }),
        fc.float({ min: 0, max: 60, noNaN: true }),
        fc.float({ min: 0, max: 20, noNaN: true }),
        fc.boolean(),
        (age, p, extra, withBmd) => {
          const thresholds = noggThresholdsAt(age, defaultNoggThresholds);
          if (thresholds === null) throw new Error('ages 50-90 are covered');
          const lower = categoriseProbability(p, thresholds.majorOsteoporotic, withBmd);
          const higher = categoriseProbability(p + extra, thresholds.majorOsteoporotic, withBmd);
          expect(RISK[higher]).toBeGreaterThanOrEqual(RISK[lower]);
        },
      ),
    );
  });

  it('a reference recovered from two printed pairs reproduces their T-scores', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 600, max: 1200 }),
        fc.integer({ min: 60, max: 180 }),
        tScore,
        tScore,
        (meanMg, sdMg, t1, t2) => {
          fc.pre(Math.abs(t1 - t2) >= 0.5);
          const truth = { meanGcm2: meanMg / 1000, sdGcm2: sdMg / 1000 };
          const pair = (t: number) => ({ bmdGcm2: truth.meanGcm2 + t * truth.sdGcm2, tScore: t });
          const recovered = referenceFromTwoPairs([pair(t1), pair(t2)]);
          expect(
            tScoreFromReference(pair(t1).bmdGcm2, { id: 'r', source: 'r', site: 'total_hip', ...recovered }),
          ).toBeCloseTo(t1, 8);
          expect(recovered.sdGcm2).toBeCloseTo(truth.sdGcm2, 8);
        },
      ),
    );
  });

  it('a child never gets a T-score or the words osteopenia or osteoporosis', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 19 }), tScore, tScore, fc.boolean(), (age, z, t, withRisk) => {
        const child = exam({
          patient: { sex: 'male', birthDate: `${2026 - age - 1}-11-01` },
          exam: {
            sites: [
              site('L1-L4', 0.6, { tScore: t, zScore: z }),
              site('total_hip', 0.6, { side: 'left', tScore: t, zScore: z }),
            ],
          },
          ...(withRisk
            ? {
                fractureRisk: {
                  tool: 'FRAX' as const,
                  withBmd: true,
                  majorOsteoporoticPercent: 10,
                  hipPercent: 2,
                },
              }
            : {}),
        });
        const a = assessExam(child);
        expect(a.population).toBe('paediatric');
        expect(a.sites.every((s) => s.tScore === null)).toBe(true);
        expect(JSON.stringify(a)).not.toMatch(/osteop(enia|oro)/i);
      }),
    );
  });
});
