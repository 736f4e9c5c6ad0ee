import { exam, hip, man, spine, type TableCase, woman } from './table-case.ts';

export const zScoreAdults: TableCase[] = [
  // Z-score adults
  {
    name: 'man 45 below the expected range, low Z flagged',
    input: exam(man(45), [spine(-2.4, { zScore: -2.1 }), hip(-1.4, { zScore: -1.5 })]),
    expect: {
      population: 'adult_z_score',
      category: 'below_expected_range',
      site: 'L1-L4',
      score: -2.1,
      flags: ['low_z_score'],
      followUpYears: 5,
    },
  },
  {
    name: 'man 45 with Z exactly -2.0: below the range, no flag',
    input: exam(man(45), [spine(-2.2, { zScore: -2.0 }), hip(-1.0, { zScore: -1.0 })]),
    expect: {
      population: 'adult_z_score',
      category: 'below_expected_range',
      site: 'L1-L4',
      score: -2.0,
      flags: [],
      followUpYears: 5,
    },
  },
  {
    name: 'premenopausal 38 classified by Z despite a low T',
    input: exam(woman(38, { menopause: 'pre' }), [
      spine(-2.8, { zScore: -1.6 }),
      hip(-1.5, { zScore: -0.8 }),
    ]),
    expect: {
      population: 'adult_z_score',
      category: 'within_expected_range',
      site: 'L1-L4',
      score: -1.6,
      flags: [],
      followUpYears: 5,
    },
  },
  {
    name: 'woman of 20 is an adult (Z-score)',
    input: exam(woman(20, { menopause: 'pre' }), [spine(0, { zScore: -0.5 }), hip(0.2, { zScore: -0.2 })]),
    expect: {
      population: 'adult_z_score',
      category: 'within_expected_range',
      site: 'L1-L4',
      score: -0.5,
      flags: [],
      followUpYears: 5,
    },
  },
  {
    name: 'man 48 with a suspected vertebral fracture',
    input: exam(man(48), [spine(-1.2, { zScore: -0.9 }), hip(-0.7, { zScore: -0.5 })], {
      clinical: { suspectedVertebralFracture: true },
    }),
    expect: {
      population: 'adult_z_score',
      category: 'within_expected_range',
      site: 'L1-L4',
      score: -0.9,
      flags: ['vfa_indicated'],
      followUpYears: 5,
    },
  },
];
