import { describe, expect, it } from 'vitest';
import { assessExam, type ExamInput } from '../src/index.ts';
import { exam, site } from './exam-builder.ts';

const reasons = (a: ReturnType<typeof assessExam>, code: string) =>
  a.flags.filter((f) => f.code === code).map((f) => f.reason);

describe('VFA indications (ROS 4.7; ISCD 2019)', () => {
  it('flags height loss of more than 4 cm', () => {
    const aged60 = { birthDate: '1966-01-01' };
    expect(
      reasons(assessExam(exam({ patient: aged60, clinical: { heightLossCm: 4.1 } })), 'vfa_indicated'),
    ).toEqual(['height loss of 4.1 cm, more than 4 cm (ROS 4.7)']);
    expect(
      reasons(assessExam(exam({ patient: aged60, clinical: { heightLossCm: 4 } })), 'vfa_indicated'),
    ).toEqual([]);
  });

  it('flags T below -1.0 in a woman of 70 or more and a man of 80 or more', () => {
    // the builder's woman is 75 with T -1.2 at L1-L4
    expect(reasons(assessExam(exam()), 'vfa_indicated')).toEqual([
      'T-score -1.2 (lumbar spine L1-L4) below -1.0 in a woman aged 75 (ISCD 2019; ROS 4.7)',
    ]);
    expect(
      reasons(
        assessExam(exam({ exam: { sites: [site('L1-L4', 0.95, { tScore: -1.0 })] } })),
        'vfa_indicated',
      ),
    ).toEqual([]);
    expect(
      reasons(assessExam(exam({ patient: { sex: 'male', birthDate: '1947-01-01' } })), 'vfa_indicated'),
    ).toEqual([]); // man of 79
    expect(
      reasons(assessExam(exam({ patient: { sex: 'male', birthDate: '1946-01-01' } })), 'vfa_indicated'),
    ).toHaveLength(1); // man of 80
  });

  it('flags glucocorticoids of 5 mg/day or more for 3 months or more', () => {
    const young = { patient: { birthDate: '1966-01-01' } } as const;
    expect(
      reasons(
        assessExam(exam({ ...young, clinical: { glucocorticoidMgPerDay: 5, glucocorticoidMonths: 3 } })),
        'vfa_indicated',
      ),
    ).toHaveLength(1);
    expect(
      reasons(
        assessExam(exam({ ...young, clinical: { glucocorticoidMgPerDay: 4.9, glucocorticoidMonths: 12 } })),
        'vfa_indicated',
      ),
    ).toEqual([]);
  });

  it('flags a suspected vertebral fracture', () => {
    expect(
      reasons(
        assessExam(
          exam({ patient: { birthDate: '1966-01-01' }, clinical: { suspectedVertebralFracture: true } }),
        ),
        'vfa_indicated',
      ),
    ).toEqual(['suspected vertebral fracture (ROS 4.7)']);
  });
});

describe('low Z-score (ROS 4.7)', () => {
  it('flags a Z-score below -2.0, not at it', () => {
    const withZ = (zScore: number): ExamInput =>
      exam({ exam: { sites: [site('L1-L4', 0.8, { tScore: -2.2, zScore })] } });
    expect(reasons(assessExam(withZ(-2.1)), 'low_z_score')).toHaveLength(1);
    expect(reasons(assessExam(withZ(-2.0)), 'low_z_score')).toEqual([]);
  });
});

describe('follow-up interval (ROS Figure 1)', () => {
  it('recommends 2 years on treatment, 2 on bone-losing medication, otherwise 5', () => {
    const young = { patient: { birthDate: '1966-01-01' } } as const;
    expect(
      assessExam(exam({ ...young, clinical: { onOsteoporosisTreatment: true } })).followUp.intervalYears,
    ).toBe(2);
    expect(
      assessExam(exam({ ...young, clinical: { boneLosingMedication: ['aromatase_inhibitor'] } })).followUp
        .intervalYears,
    ).toBe(2);
    expect(assessExam(exam(young)).followUp).toEqual({
      intervalYears: 5,
      basis: 'periodic_reassessment',
      reason: 'to reassess whether treatment is needed',
      source: 'ROS Figure 1: periodic reassessment of need for treatment using DXA, e.g. every 5 years',
      treatmentReview: null,
    });
    expect(
      assessExam(exam({ ...young, clinical: { onOsteoporosisTreatment: true } })).followUp.treatmentReview
        ?.text,
    ).toMatch(
      /after 5 years of oral alendronate, risedronate or ibandronate, or after 3 years of intravenous zoledronate/,
    );
  });

  it('recommends 2 years when treatment is to be considered for high fracture risk', () => {
    // age 60, with BMD: major 12% = IT → high
    const a = assessExam(
      exam({
        patient: { birthDate: '1966-06-01' },
        fractureRisk: { tool: 'FRAX', withBmd: true, majorOsteoporoticPercent: 12, hipPercent: 1 },
      }),
    );
    expect(a.followUp).toMatchObject({ intervalYears: 2, basis: 'treatment_to_be_considered' });
  });
});

describe('validity warnings', () => {
  it('warns about extreme BMI (ACR QCT II.A.10) and passes operator notes to the reporter', () => {
    // 40 kg / 1.60² = 15.6 kg/m² < 18.5
    const a = assessExam(
      exam({
        patient: { weightKg: 40, heightCm: 160 },
        exam: {
          sites: [site('L1-L4', 0.9, { tScore: -1.2 })],
          technicalNotes: [{ kind: 'artefact', site: 'L1-L4', note: 'navel ring' }],
        },
      }),
    );
    expect(a.bmiKgM2).toBe(15.6);
    expect(a.warnings).toEqual(
      expect.arrayContaining([
        'BMI 15.6 kg/m² is very low: BMD may be inaccurate (ACR QCT II.A.10)',
        'artefact at L1-L4 noted by the operator: navel ring',
      ]),
    );
  });
});
