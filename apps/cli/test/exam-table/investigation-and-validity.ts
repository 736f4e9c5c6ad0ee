import { exam, hip, spine, type TableCase, woman } from './table-case.ts';

export const investigationAndValidity: TableCase[] = [
  // Further investigation and validity
  {
    name: 'glucocorticoids 10 mg/day for 6 months: VFA, 2-year follow-up',
    input: exam(woman(58), [spine(-1.6), hip(-1.2)], {
      clinical: { glucocorticoidMgPerDay: 10, glucocorticoidMonths: 6 },
    }),
    expect: {
      population: 'adult_t_score',
      category: 'low_bone_density',
      site: 'L1-L4',
      score: -1.6,
      flags: ['vfa_indicated'],
      followUpYears: 2,
    },
  },
  {
    name: 'height loss of 6 cm: VFA',
    input: exam(woman(62), [spine(-1.1), hip(-0.9)], { clinical: { heightLossCm: 6 } }),
    expect: {
      population: 'adult_t_score',
      category: 'low_bone_density',
      site: 'L1-L4',
      score: -1.1,
      flags: ['vfa_indicated'],
      followUpYears: 5,
    },
  },
  {
    name: 'BMI 46.9 (120 kg, 1.60 m) warns of inaccurate BMD',
    input: exam(woman(62, { weightKg: 120 }), [spine(-0.2), hip(0.1)]),
    expect: {
      population: 'adult_t_score',
      category: 'normal',
      site: 'L1-L4',
      score: -0.2,
      flags: [],
      followUpYears: 5,
      warning: 'BMI 46.9 kg/m² is very high',
    },
  },
  {
    name: 'aromatase inhibitor: 2-year follow-up',
    input: exam(woman(58), [spine(-1.4), hip(-1.1)], {
      clinical: { boneLosingMedication: ['aromatase_inhibitor'] },
    }),
    expect: {
      population: 'adult_t_score',
      category: 'low_bone_density',
      site: 'L1-L4',
      score: -1.4,
      flags: [],
      followUpYears: 2,
    },
  },
];
