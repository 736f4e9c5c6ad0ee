import { born, exam, spine, type TableCase } from './table-case.ts';

export const children: TableCase[] = [
  // Children and adolescents
  {
    name: 'girl of 12 below the expected range, no T-score',
    input: exam({ sex: 'female', birthDate: born(12) }, [spine(-3.1, { zScore: -2.3 })]),
    expect: {
      population: 'paediatric',
      category: 'below_expected_range',
      site: 'L1-L4',
      score: -2.3,
      flags: ['low_z_score'],
      followUpYears: null,
    },
  },
  {
    name: 'boy of 16 classified on the height-adjusted Z',
    input: exam({ sex: 'male', birthDate: born(16), heightForAgeZ: -2.2 }, [
      spine(-2.9, { zScore: -2.4, zScoreHeightAdjusted: -1.2 }),
    ]),
    expect: {
      population: 'paediatric',
      category: 'within_expected_range',
      site: 'L1-L4',
      score: -1.2,
      flags: [],
      followUpYears: null,
    },
  },
  {
    name: 'woman of 19 is still paediatric',
    input: exam({ sex: 'female', birthDate: born(19) }, [spine(-0.7, { zScore: -0.5 })]),
    expect: {
      population: 'paediatric',
      category: 'within_expected_range',
      site: 'L1-L4',
      score: -0.5,
      flags: [],
      followUpYears: null,
    },
  },
];
