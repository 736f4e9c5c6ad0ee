import { describe, expect, it } from 'vitest';
import { assessExam, nhanes3HipReference, referenceFromTwoPairs, tScoreFromReference } from '../src/index.ts';
import { exam, site } from './exam-builder.ts';

describe('T-score references', () => {
  it('ships NHANES III young white women for the hip (Looker 1998)', () => {
    expect(nhanes3HipReference.sites.femoral_neck).toEqual({ meanGcm2: 0.858, sdGcm2: 0.12 });
    expect(nhanes3HipReference.sites.total_hip).toEqual({ meanGcm2: 0.942, sdGcm2: 0.122 });
    expect(nhanes3HipReference.source).toMatch(/Looker.*Osteoporos Int 1998;8:468-489/);
  });

  it('computes a femoral neck T-score from the NHANES III reference', () => {
    // (0.540 - 0.858) / 0.120 = -2.65
    expect(
      tScoreFromReference(0.54, {
        id: 'x',
        source: 'x',
        site: 'femoral_neck',
        meanGcm2: 0.858,
        sdGcm2: 0.12,
      }),
    ).toBeCloseTo(-2.65, 4);
  });

  it('recovers a scanner reference from two printed (BMD, T-score) pairs', () => {
    // SD = (0.800 - 0.560) / (-1.0 - -3.0) = 0.12; mean = 0.800 - (-1.0)(0.12) = 0.920
    const reference = referenceFromTwoPairs([
      { bmdGcm2: 0.8, tScore: -1.0 },
      { bmdGcm2: 0.56, tScore: -3.0 },
    ]);
    expect(reference.sdGcm2).toBeCloseTo(0.12, 10);
    expect(reference.meanGcm2).toBeCloseTo(0.92, 10);
  });

  it('uses the scanner T-score when given and says so', () => {
    const a = assessExam(
      exam({ exam: { sites: [site('femoral_neck', 0.601, { side: 'left', tScore: -2.3 })] } }),
    );
    expect(a.sites[0]).toMatchObject({ tScore: -2.3, tScoreSource: 'scanner' });
  });

  it('computes hip T-scores from NHANES III on a Hologic scanner, rounded to one decimal', () => {
    // total hip (0.720 - 0.942) / 0.122 = -1.820 → -1.8; femoral neck (0.601 - 0.858) / 0.120 = -2.142 → -2.1
    const a = assessExam(
      exam({
        exam: {
          sites: [site('total_hip', 0.72, { side: 'left' }), site('femoral_neck', 0.601, { side: 'left' })],
        },
      }),
    );
    expect(a.sites.map((s) => [s.tScore, s.tScoreSource])).toEqual([
      [-1.8, 'reference:nhanes3-hip-white-women-20-29'],
      [-2.1, 'reference:nhanes3-hip-white-women-20-29'],
    ]);
  });

  it('never applies the Hologic-scale reference to another manufacturer', () => {
    const a = assessExam(
      exam({
        exam: {
          scanner: { id: 'L-1', manufacturer: 'GE Lunar' },
          sites: [site('total_hip', 0.72, { side: 'left' })],
        },
      }),
    );
    expect(a.sites[0]?.tScore).toBeNull();
    expect(a.classification).toBeNull();
  });

  it('prefers a reference configured for this scanner, derived from two pairs', () => {
    // pairs give mean 0.920, SD 0.12: (0.620 - 0.920) / 0.12 = -2.5 → osteoporosis
    const a = assessExam(
      exam({
        exam: {
          scanner: { id: 'L-1', manufacturer: 'GE Lunar' },
          sites: [site('total_hip', 0.62, { side: 'right' })],
        },
        references: [
          { id: 'general', source: 'other', site: 'total_hip', meanGcm2: 1.0, sdGcm2: 0.1 },
          {
            id: 'lunar-1-hip',
            source: 'L-1 printout 2026-01',
            site: 'total_hip',
            scannerId: 'L-1',
            pairs: [
              { bmdGcm2: 0.8, tScore: -1.0 },
              { bmdGcm2: 0.56, tScore: -3.0 },
            ],
          },
        ],
      }),
    );
    expect(a.sites[0]).toMatchObject({ tScore: -2.5, tScoreSource: 'reference:lunar-1-hip' });
    expect(a.classification?.category).toBe('osteoporosis');
  });

  it('computes a Z-score from a configured age- and sex-matched reference', () => {
    // woman of 41: Z = (0.710 - 0.950) / 0.120 = -2.0 → below the expected range for age; the T-score is
    // still shown from NHANES III: (0.710 - 0.942) / 0.122 = -1.9
    const zReference = {
      id: 'svc-th-f-35-44',
      source: 'service reference',
      site: 'total_hip',
      score: 'z_score',
      sex: 'female',
      ageFromYears: 35,
      ageToYears: 44,
      meanGcm2: 0.95,
      sdGcm2: 0.12,
    } as const;
    const a = assessExam(
      exam({
        patient: { birthDate: '1985-06-01', menopause: 'pre' },
        exam: { sites: [site('total_hip', 0.71, { side: 'left' })] },
        references: [zReference],
      }),
    );
    expect(a.sites[0]).toMatchObject({
      zScore: -2.0,
      zScoreSource: 'reference:svc-th-f-35-44',
      tScore: -1.9,
    });
    expect(a.classification).toMatchObject({
      scheme: 'z_score',
      category: 'below_expected_range',
      score: -2.0,
    });
    // outside its age band or sex it does not apply
    const man = assessExam(
      exam({
        patient: { sex: 'male', birthDate: '1985-06-01' },
        exam: { sites: [site('total_hip', 0.71, { side: 'left' })] },
        references: [zReference],
      }),
    );
    expect(man.sites[0]?.zScore).toBeNull();
  });
});
