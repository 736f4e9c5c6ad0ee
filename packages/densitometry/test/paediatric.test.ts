import { describe, expect, it } from 'vitest';
import { assessExam } from '../src/index.ts';
import { exam, site } from './exam-builder.ts';

const child = exam({
  patient: { sex: 'female', birthDate: '2014-03-01', heightCm: 140, weightKg: 33 },
  exam: {
    sites: [
      site('L1-L4', 0.62, { tScore: -2.9, zScore: -2.3 }),
      site('total_hip', 0.7, { side: 'left', zScore: -1.1 }),
    ],
  },
  fractureRisk: { tool: 'FRAX', withBmd: false, majorOsteoporoticPercent: 3, hipPercent: 0.2 },
});

describe('children and adolescents (ISCD Pediatric 2019; ACR QCT IV.E, V.D)', () => {
  it('classifies by Z-score only, with no T-score anywhere', () => {
    const a = assessExam(child);
    expect(a.population).toBe('paediatric');
    expect(a.classification).toMatchObject({
      scheme: 'paediatric',
      category: 'below_expected_range',
      score: -2.3,
      scoreKind: 'z_score',
    });
    expect(a.sites.every((s) => s.tScore === null && s.tScoreSource === null)).toBe(true);
    expect(a.fractureRisk).toBeNull();
  });

  it('never says osteopenia or osteoporosis', () => {
    expect(JSON.stringify(assessExam(child))).not.toMatch(/osteop(enia|oro)/i);
  });

  it('uses the height-adjusted Z-score when given', () => {
    const a = assessExam({
      ...child,
      patient: { ...child.patient, heightForAgeZ: -2.0 },
      exam: { ...child.exam, sites: [site('L1-L4', 0.62, { zScore: -2.3, zScoreHeightAdjusted: -1.4 })] },
    });
    expect(a.classification).toMatchObject({
      category: 'within_expected_range',
      score: -1.4,
      scoreKind: 'z_score_height_adjusted',
    });
  });

  it('warns when height-for-age is known but no height-adjusted Z-score was given', () => {
    const a = assessExam({ ...child, patient: { ...child.patient, heightForAgeZ: -2.0 } });
    expect(
      a.warnings.some((w) => w.startsWith('height-for-age recorded but no height-adjusted Z-score given')),
    ).toBe(true);
  });

  it('does not judge a child by the adult BMI classes', () => {
    // 33 kg / 1.40² = 16.8 kg/m²: under the adult 18.5, ordinary for a 12-year-old
    const a = assessExam(child);
    expect(a.bmiKgM2).toBe(16.8);
    expect(a.warnings.some((w) => w.startsWith('BMI'))).toBe(false);
  });

  it('leaves the follow-up interval to the paediatric specialist', () => {
    expect(assessExam(child).followUp.intervalYears).toBeNull();
  });
});
