import { exam, hip, spine, type TableCase, vertebrae, woman } from './table-case.ts';

export const siteRules: TableCase[] = [
  // ISCD site rules
  {
    name: 'L3 fracture excluded, scanner re-analysis used',
    input: exam(
      woman(66),
      [
        ...vertebrae([-2.4, -2.6, -0.9, -2.5]),
        spine(-2.0),
        { site: 'L1-L2,L4', bmdGcm2: 0.849, tScore: -2.6 },
        hip(-2.0),
      ],
      {},
      { excludedVertebrae: [{ vertebra: 'L3', reason: 'compression fracture' }] },
    ),
    expect: {
      population: 'adult_t_score',
      category: 'osteoporosis',
      site: 'L1-L2,L4',
      score: -2.6,
      flags: [],
      followUpYears: 2,
      excluded: ['L3'],
    },
  },
  {
    name: 'L3 T-score outlier excluded; recomputed spine has no T, hip classifies',
    input: exam(woman(64), [...vertebrae([-1.9, -1.8, -0.4, -1.7]), spine(-1.5), hip(-1.6)]),
    expect: {
      population: 'adult_t_score',
      category: 'low_bone_density',
      site: 'total_hip',
      score: -1.6,
      flags: ['spine_reanalysis_needed'],
      followUpYears: 5,
      excluded: ['L3'],
    },
  },
  {
    name: 'three vertebrae excluded: spine not used, forearm asked for',
    input: exam(
      woman(64),
      [...vertebrae([-1.5, -1.5, -1.5, -1.5]), spine(-1.6), hip(-1.2)],
      {},
      { excludedVertebrae: ['L1', 'L2', 'L3'].map((vertebra) => ({ vertebra, reason: 'fracture' })) },
    ),
    expect: {
      population: 'adult_t_score',
      category: 'low_bone_density',
      site: 'total_hip',
      score: -1.2,
      flags: ['forearm_scan_indicated'],
      followUpYears: 5,
      excluded: ['L1', 'L2', 'L3'],
      warning: 'lumbar spine not used: only L4 left after exclusions',
    },
  },
  {
    name: 'hyperparathyroidism: the 33% radius classifies',
    input: exam(
      woman(64),
      [spine(-1.5), hip(-1.2), { site: 'radius_33', side: 'left', bmdGcm2: 0.55, tScore: -3.0 }],
      { clinical: { hyperparathyroidism: true } },
    ),
    expect: {
      population: 'adult_t_score',
      category: 'osteoporosis',
      site: 'radius_33',
      score: -3.0,
      flags: [],
      followUpYears: 2,
    },
  },
  {
    name: 'bilateral hip arthroplasty: spine classifies, forearm asked for',
    input: exam(woman(64), [
      spine(-1.4),
      hip(-2.9, { notInterpretableReason: 'arthroplasty' }),
      hip(-2.9, { side: 'right', notInterpretableReason: 'arthroplasty' }),
    ]),
    expect: {
      population: 'adult_t_score',
      category: 'low_bone_density',
      site: 'L1-L4',
      score: -1.4,
      flags: ['forearm_scan_indicated'],
      followUpYears: 5,
    },
  },
  {
    name: 'GE Lunar hip without a configured reference is not scored',
    input: exam(
      woman(64),
      [spine(-1.3), { site: 'total_hip', side: 'left', bmdGcm2: 0.8 }],
      {},
      { scanner: { id: 'L-1', manufacturer: 'GE Lunar' } },
    ),
    expect: {
      population: 'adult_t_score',
      category: 'low_bone_density',
      site: 'L1-L4',
      score: -1.3,
      flags: [],
      followUpYears: 5,
      warning: 'left total_hip has no T-score (no reference configured for GE Lunar)',
    },
  },
  {
    name: 'hip T-score computed from NHANES III on Hologic: (0.601 − 0.858) / 0.120 = −2.1',
    input: exam(woman(64), [spine(-1.3), { site: 'femoral_neck', side: 'left', bmdGcm2: 0.601 }]),
    expect: {
      population: 'adult_t_score',
      category: 'low_bone_density',
      site: 'femoral_neck',
      score: -2.1,
      flags: [],
      followUpYears: 5,
    },
  },
];
