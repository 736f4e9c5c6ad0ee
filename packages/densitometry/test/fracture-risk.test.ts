import { describe, expect, it } from 'vitest';
import {
  assessExam,
  categoriseProbability,
  defaultNoggThresholds,
  noggThresholdsAt,
  type NoggThresholdTable,
} from '../src/index.ts';
import { exam } from './exam-builder.ts';

// Shipped anchors (Kanis 2008 Table 2, women BMI 25): age 50 LAT 3.5/0.2, IT 7.4/0.8; age 60 LAT 6.0/0.7,
// IT 12/2.1; age 70 LAT 11/2.3, IT 20/4.9 (major osteoporotic / hip, %). UAT = 1.2 × IT, VHRT = 1.6 × IT.
describe('NOGG thresholds by age', () => {
  it('derives UAT and VHRT from the intervention threshold', () => {
    // age 50: UAT 1.2 × 7.4 = 8.88, VHRT 1.6 × 7.4 = 11.84; hip UAT 0.96, VHRT 1.28
    expect(noggThresholdsAt(50, defaultNoggThresholds)).toEqual({
      ageYears: 50,
      majorOsteoporotic: {
        lowerAssessmentPercent: 3.5,
        interventionPercent: 7.4,
        upperAssessmentPercent: 8.88,
        veryHighRiskPercent: 11.84,
      },
      hip: {
        lowerAssessmentPercent: 0.2,
        interventionPercent: 0.8,
        upperAssessmentPercent: 0.96,
        veryHighRiskPercent: 1.28,
      },
    });
  });

  it('interpolates between tabulated ages', () => {
    // age 55: LAT (3.5 + 6.0)/2 = 4.75, IT (7.4 + 12)/2 = 9.7, UAT 11.64, VHRT 15.52
    expect(noggThresholdsAt(55, defaultNoggThresholds)?.majorOsteoporotic).toEqual({
      lowerAssessmentPercent: 4.75,
      interventionPercent: 9.7,
      upperAssessmentPercent: 11.64,
      veryHighRiskPercent: 15.52,
    });
  });

  it('holds the thresholds constant from 70 (NOGG hybrid thresholds)', () => {
    expect(noggThresholdsAt(84, defaultNoggThresholds)).toEqual(noggThresholdsAt(70, defaultNoggThresholds));
    expect(noggThresholdsAt(84, defaultNoggThresholds)?.hip.interventionPercent).toBe(4.9);
  });

  it('covers no age below the first tabulated one', () => {
    expect(noggThresholdsAt(49, defaultNoggThresholds)).toBeNull();
  });
});

describe('NOGG categories', () => {
  const at60 = noggThresholdsAt(60, defaultNoggThresholds);
  if (at60 === null) throw new Error('age 60 is tabulated');
  it.each([
    [5.9, false, 'low'],
    [6.0, false, 'intermediate'],
    [14.3, false, 'intermediate'],
    [14.4, false, 'high'],
    [19.2, false, 'very_high'],
    [11.9, true, 'low'],
    [12.0, true, 'high'],
    [19.2, true, 'very_high'],
  ] as const)('major osteoporotic %d%% at 60, with BMD %s, is %s', (percent, withBmd, category) => {
    expect(categoriseProbability(percent, at60.majorOsteoporotic, withBmd)).toBe(category);
  });

  it('lets the higher of major osteoporotic and hip decide (NOGG section 4 recommendation 5)', () => {
    // age 60 with BMD: major 8% < IT 12 → low; hip 2.1% = IT 2.1 → high
    const a = assessExam(
      exam({
        patient: { birthDate: '1966-06-01' },
        fractureRisk: { tool: 'FRAX', withBmd: true, majorOsteoporoticPercent: 8, hipPercent: 2.1 },
      }),
    );
    expect(a.fractureRisk?.category).toBe('high');
  });

  it('raises the category to very high on a clinical indicator', () => {
    const low = { tool: 'FRAX', withBmd: true, majorOsteoporoticPercent: 5, hipPercent: 0.5 } as const;
    const category = (clinical: object) =>
      assessExam(exam({ patient: { birthDate: '1966-06-01' }, fractureRisk: low, clinical })).fractureRisk
        ?.category;
    expect(category({})).toBe('low');
    expect(category({ monthsSinceVertebralFracture: 24 })).toBe('very_high');
    expect(category({ monthsSinceVertebralFracture: 25 })).toBe('low');
    expect(category({ vertebralFractures: 2 })).toBe('very_high');
    expect(category({ vertebralFractures: 1 })).toBe('low');
    expect(category({ glucocorticoidMgPerDay: 7.5, glucocorticoidMonths: 3 })).toBe('very_high');
    expect(category({ glucocorticoidMgPerDay: 7.5, glucocorticoidMonths: 2 })).toBe('low');
  });

  it('counts a T-score of -3.5 or lower as a very high risk indicator', () => {
    const risk = { tool: 'FRAX', withBmd: true, majorOsteoporoticPercent: 5, hipPercent: 0.5 } as const;
    const withT = (tScore: number) =>
      assessExam(
        exam({
          patient: { birthDate: '1966-06-01' },
          exam: { sites: [{ site: 'L1-L4', bmdGcm2: 0.7, tScore }] },
          fractureRisk: risk,
        }),
      ).fractureRisk?.category;
    expect(withT(-3.5)).toBe('very_high');
    expect(withT(-3.4)).toBe('low');
  });

  it('does not categorise below age 50 with the shipped table, or below FRAX age 40', () => {
    const risk = { tool: 'FRAX', withBmd: false, majorOsteoporoticPercent: 5, hipPercent: 0.5 } as const;
    const at45 = assessExam(
      exam({ patient: { birthDate: '1981-06-01', menopause: 'post' }, fractureRisk: risk }),
    ).fractureRisk;
    expect(at45?.category).toBeNull();
    expect(at45?.reasons).toContain(
      'the threshold table nogg-method-uk-frax-2008-anchors does not cover age 45',
    );
    const at35 = assessExam(
      exam({ patient: { birthDate: '1991-06-01', menopause: 'post' }, fractureRisk: risk }),
    ).fractureRisk;
    expect(
      at35?.reasons.some((r) =>
        r.startsWith('not categorised: FRAX and the NOGG thresholds apply from age 40'),
      ),
    ).toBe(true);
  });

  it('says the shipped thresholds are provisional, and takes a service table in their place', () => {
    // shipped at 60: major 7% ≥ LAT 6.0 → intermediate; hip 1% ≥ LAT 0.7 → intermediate
    const risk = { tool: 'FRAX', withBmd: false, majorOsteoporoticPercent: 7, hipPercent: 1 } as const;
    const sixty = { patient: { birthDate: '1966-06-01' }, fractureRisk: risk };
    const shipped = assessExam(exam(sixty)).fractureRisk;
    expect(shipped?.category).toBe('intermediate');
    expect(shipped?.reasons[0]).toMatch(/^thresholds provisional/);
    // service table rows at 40 and 70; at 60 (2/3 of the way): major LAT 2 + 9 × 2/3 = 8 > 7% → low;
    // hip LAT 0.1 + 2.2 × 2/3 = 1.567 > 1% → low
    const published: NoggThresholdTable = {
      ...defaultNoggThresholds,
      id: 'service-table',
      status: 'published',
      rows: [
        {
          ageYears: 40,
          majorOsteoporotic: { lowerAssessmentPercent: 2, interventionPercent: 4 },
          hip: { lowerAssessmentPercent: 0.1, interventionPercent: 0.3 },
        },
        {
          ageYears: 70,
          majorOsteoporotic: { lowerAssessmentPercent: 11, interventionPercent: 20 },
          hip: { lowerAssessmentPercent: 2.3, interventionPercent: 4.9 },
        },
      ],
    };
    const service = assessExam(exam(sixty), { noggThresholds: published }).fractureRisk;
    expect(service).toMatchObject({ category: 'low', thresholdTable: 'service-table' });
    expect(service?.thresholds?.majorOsteoporotic.lowerAssessmentPercent).toBe(8);
    expect(service?.reasons.some((r) => r.startsWith('thresholds provisional'))).toBe(false);
  });

  it('does not stretch a table past its last row below 70', () => {
    const short: NoggThresholdTable = {
      ...defaultNoggThresholds,
      rows: defaultNoggThresholds.rows.slice(0, 2),
    };
    expect(noggThresholdsAt(60, short)).not.toBeNull();
    expect(noggThresholdsAt(65, short)).toBeNull();
  });

  it('reminds that a prior fragility fracture calls for treatment whatever the probability', () => {
    const a = assessExam(
      exam({
        patient: { birthDate: '1966-06-01' },
        clinical: { priorFragilityFracture: true },
        fractureRisk: { tool: 'FRAX', withBmd: true, majorOsteoporoticPercent: 5, hipPercent: 0.5 },
      }),
    );
    expect(a.fractureRisk?.category).toBe('low');
    expect(
      a.fractureRisk?.reasons.some((r) => r.startsWith('prior fragility fracture: consider drug treatment')),
    ).toBe(true);
  });
});
