import { describe, expect, it } from 'vitest';
import { assessExam, whoCategory, zScoreCategory } from '../src/index.ts';
import { exam, site } from './exam-builder.ts';

describe('WHO categories on the T-score (WHO 1994, ROS 1.2)', () => {
  it.each([
    [0.3, 'normal'],
    [-1.0, 'normal'],
    [-1.1, 'low_bone_density'],
    [-2.4, 'low_bone_density'],
    [-2.5, 'osteoporosis'],
    [-3.6, 'osteoporosis'],
  ] as const)('T %d is %s', (t, category) => {
    expect(whoCategory(t)).toBe(category);
  });
});

describe('Z-score ranges (ISCD 2019, ACR QCT IV.D)', () => {
  it('puts -2.0 and below below the expected range for age', () => {
    expect(zScoreCategory(-1.9, 'adult_z_score')).toBe('within_expected_range');
    expect(zScoreCategory(-2.0, 'adult_z_score')).toBe('below_expected_range');
    expect(zScoreCategory(-2.0, 'paediatric')).toBe('below_expected_range');
  });
});

describe('classification on the lowest valid site (ISCD 2019; ROS 4.6 one result)', () => {
  it('uses the lowest T-score of spine composite, total hip and femoral neck on either side', () => {
    const a = assessExam(
      exam({
        exam: {
          sites: [
            site('L1-L4', 0.84, { tScore: -1.8 }),
            site('total_hip', 0.7, { side: 'left', tScore: -1.9 }),
            site('femoral_neck', 0.55, { side: 'right', tScore: -2.6 }),
            site('femoral_neck', 0.6, { side: 'left', tScore: -2.2 }),
          ],
        },
      }),
    );
    expect(a.classification).toMatchObject({
      scheme: 'who',
      category: 'osteoporosis',
      site: 'femoral_neck',
      side: 'right',
      score: -2.6,
    });
  });

  it('classifies a scanner T-score of -2.46 as the reported -2.5, osteoporosis', () => {
    // reported to one decimal: -2.46 → -2.5, so the report never shows "-2.5, low bone density"
    const a = assessExam(exam({ exam: { sites: [site('L1-L4', 0.8, { tScore: -2.46 })] } }));
    expect(a.classification).toMatchObject({ category: 'osteoporosis', score: -2.5 });
  });

  it('does not classify on the radius when spine and hip are usable', () => {
    const a = assessExam(
      exam({
        exam: {
          sites: [
            site('L1-L4', 0.9, { tScore: -1.2 }),
            site('total_hip', 0.85, { side: 'left', tScore: -0.8 }),
            site('radius_33', 0.5, { tScore: -3.1 }),
          ],
        },
      }),
    );
    expect(a.classification).toMatchObject({ site: 'L1-L4', score: -1.2, category: 'low_bone_density' });
  });

  it('classifies premenopausal women by Z-score, ignoring T', () => {
    const a = assessExam(
      exam({
        patient: { birthDate: '1985-05-05', menopause: 'pre' },
        exam: {
          sites: [
            site('L1-L4', 0.85, { tScore: -2.7, zScore: -1.9 }),
            site('total_hip', 0.8, { side: 'left', tScore: -1.2, zScore: -0.9 }),
          ],
        },
      }),
    );
    expect(a.classification).toMatchObject({
      scheme: 'z_score',
      category: 'within_expected_range',
      score: -1.9,
      scoreKind: 'z_score',
    });
  });

  it('leaves an exam unclassified, with a warning, when no usable site has the needed score', () => {
    const a = assessExam(
      exam({
        patient: { birthDate: '1985-05-05', menopause: 'pre' },
        exam: { sites: [site('L1-L4', 0.85, { tScore: -2.7 })] },
      }),
    );
    expect(a.classification).toBeNull();
    expect(a.warnings).toContain(
      'not classified: no usable spine composite, hip or indicated forearm site has a Z-score',
    );
  });

  it('does not use a hip the operator marks not interpretable', () => {
    const a = assessExam(
      exam({
        exam: {
          sites: [
            site('L1-L4', 0.9, { tScore: -1.2 }),
            site('total_hip', 0.6, { side: 'left', tScore: -2.9, notInterpretableReason: 'arthroplasty' }),
          ],
        },
      }),
    );
    expect(a.classification).toMatchObject({ site: 'L1-L4' });
    expect(a.warnings).toContain('left total_hip not used: arthroplasty');
  });
});

describe('the 33% radius (ISCD 2019)', () => {
  it('is used in hyperparathyroidism', () => {
    const a = assessExam(
      exam({
        clinical: { hyperparathyroidism: true },
        exam: {
          sites: [
            site('L1-L4', 0.9, { tScore: -1.2 }),
            site('total_hip', 0.85, { side: 'left', tScore: -0.8 }),
            site('radius_33', 0.5, { side: 'left', tScore: -3.1 }),
          ],
        },
      }),
    );
    expect(a.classification).toMatchObject({ site: 'radius_33', category: 'osteoporosis', score: -3.1 });
  });

  it('is used over the table limit and is asked for when missing', () => {
    const a = assessExam(
      exam({
        patient: { weightKg: 180 },
        exam: {
          scanner: { id: 'DXA-1', manufacturer: 'hologic', tableLimitKg: 159 },
          sites: [site('L1-L4', 0.9, { tScore: -1.2 })],
        },
      }),
    );
    expect(a.flags).toContainEqual({
      code: 'forearm_scan_indicated',
      reason:
        'measure the 33% radius: the hip could not be measured or interpreted; weight 180 kg is over the table limit of 159 kg (ISCD 2019)',
    });
  });

  it('is used when the hip cannot be measured', () => {
    const a = assessExam(
      exam({
        exam: { sites: [site('L1-L4', 0.9, { tScore: -1.2 }), site('radius_33', 0.55, { tScore: -2.0 })] },
      }),
    );
    expect(a.classification).toMatchObject({ site: 'radius_33', score: -2.0, category: 'low_bone_density' });
  });
});
