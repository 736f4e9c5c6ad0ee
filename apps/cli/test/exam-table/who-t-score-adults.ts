import { born, exam, hip, man, neck, spine, type TableCase, woman } from './table-case.ts';

export const whoTScoreAdults: TableCase[] = [
  // WHO T-score adults
  {
    name: 'postmenopausal 65, normal',
    input: exam(woman(65), [spine(-0.5), hip(-0.8), neck(-0.9)]),
    expect: {
      population: 'adult_t_score',
      category: 'normal',
      site: 'femoral_neck',
      score: -0.9,
      flags: [],
      followUpYears: 5,
    },
  },
  {
    name: 'postmenopausal 72, low bone density, VFA by age and T < -1.0',
    input: exam(woman(72), [spine(-1.2), hip(-1.5), neck(-1.9)]),
    expect: {
      population: 'adult_t_score',
      category: 'low_bone_density',
      site: 'femoral_neck',
      score: -1.9,
      flags: ['vfa_indicated'],
      followUpYears: 5,
    },
  },
  {
    name: 'postmenopausal 68, osteoporosis at the spine',
    input: exam(woman(68), [spine(-2.7), hip(-1.9), neck(-2.2)]),
    expect: {
      population: 'adult_t_score',
      category: 'osteoporosis',
      site: 'L1-L4',
      score: -2.7,
      flags: [],
      followUpYears: 2,
    },
  },
  {
    name: 'T exactly -2.5 at the total hip is osteoporosis',
    input: exam(woman(60), [spine(-1.9), hip(-2.5, { side: 'right' })]),
    expect: {
      population: 'adult_t_score',
      category: 'osteoporosis',
      site: 'total_hip',
      score: -2.5,
      flags: [],
      followUpYears: 2,
    },
  },
  {
    name: 'scanner T -2.46 is reported and classified as -2.5',
    input: exam(woman(60), [spine(-2.46), hip(-1.0)]),
    expect: {
      population: 'adult_t_score',
      category: 'osteoporosis',
      site: 'L1-L4',
      score: -2.5,
      flags: [],
      followUpYears: 2,
    },
  },
  {
    name: 'T exactly -1.0 is normal',
    input: exam(woman(60), [spine(-1.0), hip(-0.4)]),
    expect: {
      population: 'adult_t_score',
      category: 'normal',
      site: 'L1-L4',
      score: -1.0,
      flags: [],
      followUpYears: 5,
    },
  },
  {
    name: 'man 55, low bone density',
    input: exam(man(55), [spine(-1.6), hip(-1.2)]),
    expect: {
      population: 'adult_t_score',
      category: 'low_bone_density',
      site: 'L1-L4',
      score: -1.6,
      flags: [],
      followUpYears: 5,
    },
  },
  {
    name: 'man 82, hips only: VFA by age, forearm asked for the missing spine',
    input: exam(man(82), [neck(-1.1), hip(-0.7)]),
    expect: {
      population: 'adult_t_score',
      category: 'low_bone_density',
      site: 'femoral_neck',
      score: -1.1,
      flags: ['forearm_scan_indicated', 'vfa_indicated'],
      followUpYears: 5,
    },
  },
  {
    name: 'peri-menopausal woman of 49 is classified by T',
    input: exam(woman(49, { menopause: 'peri' }), [spine(-2.6, { zScore: -1.9 }), hip(-1.8)]),
    expect: {
      population: 'adult_t_score',
      category: 'osteoporosis',
      site: 'L1-L4',
      score: -2.6,
      flags: [],
      followUpYears: 2,
    },
  },
  {
    name: 'menopausal status not recorded at 55: WHO with a warning',
    input: exam({ sex: 'female', birthDate: born(55) }, [spine(-1.3), hip(-1.0)]),
    expect: {
      population: 'adult_t_score',
      category: 'low_bone_density',
      site: 'L1-L4',
      score: -1.3,
      flags: [],
      followUpYears: 5,
      warning: 'menopausal status not recorded: treated as postmenopausal at age 55',
    },
  },
];
