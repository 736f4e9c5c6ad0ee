// 47 realistic exams and what the standards say of each, worked out by hand (issue 2 §4). Ages are on
// the exam date 2026-10-01. NOGG anchors used below (shipped provisional table): age 60 LAT 6.0/0.7,
// IT 12/2.1, UAT 14.4/2.52, VHRT 19.2/3.36; age 70 and over IT 20/4.9, UAT 24/5.88, VHRT 32/7.84
// (major osteoporotic / hip %); ages between tabulated rows are interpolated.

type Json = Record<string, unknown>;

export interface TableCase {
  name: string;
  input: Json;
  expect: {
    population: 'adult_t_score' | 'adult_z_score' | 'paediatric';
    category: string | null;
    site?: string;
    score?: number;
    risk?: string | null;
    flags: string[];
    followUpYears: number | null;
    changes?: { site: string; comparable: boolean; significant: boolean | null }[];
    warning?: string;
    excluded?: string[];
  };
}

const HOLOGIC = { id: 'DXA-1', manufacturer: 'hologic', model: 'Horizon A' };
const born = (age: number): string => `${2026 - age}-01-15`;
const woman = (age: number, extra: Json = {}): Json => ({
  sex: 'female',
  birthDate: born(age),
  menopause: 'post',
  heightCm: 160,
  weightKg: 64,
  ...extra,
});
const man = (age: number, extra: Json = {}): Json => ({
  sex: 'male',
  birthDate: born(age),
  heightCm: 175,
  weightKg: 78,
  ...extra,
});
const spine = (tScore: number, extra: Json = {}): Json => ({ site: 'L1-L4', bmdGcm2: 0.9, tScore, ...extra });
const hip = (tScore: number, extra: Json = {}): Json => ({
  site: 'total_hip',
  side: 'left',
  bmdGcm2: 0.8,
  tScore,
  ...extra,
});
const neck = (tScore: number, extra: Json = {}): Json => ({
  site: 'femoral_neck',
  side: 'left',
  bmdGcm2: 0.65,
  tScore,
  ...extra,
});
const exam = (patient: Json, sites: Json[], extra: Json = {}, examExtra: Json = {}): Json => ({
  patient,
  exam: { date: '2026-10-01', scanner: HOLOGIC, sites, ...examExtra },
  ...extra,
});
const frax = (withBmd: boolean, majorOsteoporoticPercent: number, hipPercent: number): Json => ({
  fractureRisk: { tool: 'FRAX', withBmd, majorOsteoporoticPercent, hipPercent },
});
const priorHip = (bmdGcm2: number, scannerId?: string): Json => ({
  priors: [
    {
      date: '2024-09-15',
      ...(scannerId ? { scannerId } : {}),
      sites: [{ site: 'total_hip', side: 'left', bmdGcm2 }],
    },
  ],
});
const lsc = (scannerId = 'DXA-1'): Json => ({ lsc: [{ scannerId, site: 'total_hip', lscGcm2: 0.024 }] });
const vertebrae = (t: [number, number, number, number]): Json[] => [
  { site: 'L1', bmdGcm2: 0.812, bmcG: 11.2, areaCm2: 13.8, tScore: t[0] },
  { site: 'L2', bmdGcm2: 0.85, bmcG: 12.41, areaCm2: 14.6, tScore: t[1] },
  { site: 'L3', bmdGcm2: 0.96, bmcG: 14.5, areaCm2: 15.1, tScore: t[2] },
  { site: 'L4', bmdGcm2: 0.88, bmcG: 14.43, areaCm2: 16.4, tScore: t[3] },
];

export const EXAM_TABLE: TableCase[] = [
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

  // Serial change: 0.720 − 0.751 = −0.031 g/cm² against LSC 0.024
  {
    name: 'significant loss at the total hip',
    input: exam(woman(66), [spine(-1.4), hip(-1.8, { bmdGcm2: 0.72 })], {
      ...priorHip(0.751, 'DXA-1'),
      ...lsc(),
    }),
    expect: {
      population: 'adult_t_score',
      category: 'low_bone_density',
      site: 'total_hip',
      score: -1.8,
      flags: ['unexplained_bone_loss'],
      followUpYears: 5,
      changes: [{ site: 'total_hip', comparable: true, significant: true }],
    },
  },
  {
    name: 'change of −0.011 is within the LSC',
    input: exam(woman(66), [spine(-1.4), hip(-1.6, { bmdGcm2: 0.74 })], {
      ...priorHip(0.751, 'DXA-1'),
      ...lsc(),
    }),
    expect: {
      population: 'adult_t_score',
      category: 'low_bone_density',
      site: 'total_hip',
      score: -1.6,
      flags: [],
      followUpYears: 5,
      changes: [{ site: 'total_hip', comparable: true, significant: false }],
    },
  },
  {
    name: 'gain of +0.030 on treatment',
    input: exam(woman(66), [spine(-1.9), hip(-1.3, { bmdGcm2: 0.78 })], {
      ...priorHip(0.75, 'DXA-1'),
      ...lsc(),
      clinical: { onOsteoporosisTreatment: true },
    }),
    expect: {
      population: 'adult_t_score',
      category: 'low_bone_density',
      site: 'L1-L4',
      score: -1.9,
      flags: [],
      followUpYears: 2,
      changes: [{ site: 'total_hip', comparable: true, significant: true }],
    },
  },
  {
    name: 'new scanner without cross-calibration: not comparable',
    input: exam(
      woman(66),
      [spine(-1.4), hip(-1.8, { bmdGcm2: 0.72 })],
      { ...priorHip(0.751, 'DXA-1'), ...lsc('DXA-2') },
      { scanner: { ...HOLOGIC, id: 'DXA-2' } },
    ),
    expect: {
      population: 'adult_t_score',
      category: 'low_bone_density',
      site: 'total_hip',
      score: -1.8,
      flags: [],
      followUpYears: 5,
      changes: [{ site: 'total_hip', comparable: false, significant: null }],
      warning: 'scanner changed since 2024-09-15 (DXA-1 → DXA-2)',
    },
  },
  {
    name: 'new scanner cross-calibrated: comparable, significant loss',
    input: exam(
      woman(66),
      [spine(-1.4), hip(-1.8, { bmdGcm2: 0.72 })],
      {
        ...priorHip(0.751, 'DXA-1'),
        ...lsc('DXA-2'),
        crossCalibrations: [{ fromScannerId: 'DXA-1', toScannerId: 'DXA-2', slope: 1, interceptGcm2: 0 }],
      },
      { scanner: { ...HOLOGIC, id: 'DXA-2' } },
    ),
    expect: {
      population: 'adult_t_score',
      category: 'low_bone_density',
      site: 'total_hip',
      score: -1.8,
      flags: ['unexplained_bone_loss'],
      followUpYears: 5,
      changes: [{ site: 'total_hip', comparable: true, significant: true }],
    },
  },
  {
    name: 'scanners not recorded: not comparable',
    input: {
      ...exam(woman(66), [spine(-1.4), hip(-1.8, { bmdGcm2: 0.72 })], priorHip(0.751)),
      exam: { date: '2026-10-01', sites: [spine(-1.4), hip(-1.8, { bmdGcm2: 0.72 })] },
    },
    expect: {
      population: 'adult_t_score',
      category: 'low_bone_density',
      site: 'total_hip',
      score: -1.8,
      flags: [],
      followUpYears: 5,
      changes: [{ site: 'total_hip', comparable: false, significant: null }],
      warning: 'is not recorded: changes since 2024-09-15 are not comparable',
    },
  },
  {
    name: 'weight lost 12 kg since the prior scan',
    input: exam(woman(66, { weightKg: 64 }), [spine(-1.4), hip(-1.0)], {
      priors: [{ date: '2024-09-15', scannerId: 'DXA-1', weightKg: 76, sites: [] }],
    }),
    expect: {
      population: 'adult_t_score',
      category: 'low_bone_density',
      site: 'L1-L4',
      score: -1.4,
      flags: [],
      followUpYears: 5,
      warning: 'weight lost 12 kg since 2024-09-15',
    },
  },

  // NOGG fracture risk
  {
    name: 'NOGG low without BMD at 60 (5% < LAT 6.0; 0.5% < 0.7)',
    input: exam(woman(60), [spine(-0.8), hip(-0.5)], frax(false, 5, 0.5)),
    expect: {
      population: 'adult_t_score',
      category: 'normal',
      site: 'L1-L4',
      score: -0.8,
      risk: 'low',
      flags: [],
      followUpYears: 5,
    },
  },
  {
    name: 'NOGG intermediate without BMD at 60 (6.0 ≤ 8% < UAT 14.4)',
    input: exam(woman(60), [spine(-0.8), hip(-0.5)], frax(false, 8, 0.5)),
    expect: {
      population: 'adult_t_score',
      category: 'normal',
      site: 'L1-L4',
      score: -0.8,
      risk: 'intermediate',
      flags: [],
      followUpYears: 5,
    },
  },
  {
    name: 'NOGG high without BMD at 60 (15% ≥ UAT 14.4, < VHRT 19.2)',
    input: exam(woman(60), [spine(-0.8), hip(-0.5)], frax(false, 15, 1)),
    expect: {
      population: 'adult_t_score',
      category: 'normal',
      site: 'L1-L4',
      score: -0.8,
      risk: 'high',
      flags: [],
      followUpYears: 2,
    },
  },
  {
    name: 'NOGG low with BMD at 75 (19.9% < IT 20; 4.8% < 4.9)',
    input: exam(woman(75), [spine(-0.9), hip(-0.8), neck(-0.9)], frax(true, 19.9, 4.8)),
    expect: {
      population: 'adult_t_score',
      category: 'normal',
      site: 'L1-L4',
      score: -0.9,
      risk: 'low',
      flags: [],
      followUpYears: 5,
    },
  },
  {
    name: 'NOGG very high with BMD at 75 (33% ≥ VHRT 32)',
    input: exam(woman(75), [spine(-0.9), hip(-0.8), neck(-0.9)], frax(true, 33, 3)),
    expect: {
      population: 'adult_t_score',
      category: 'normal',
      site: 'L1-L4',
      score: -0.9,
      risk: 'very_high',
      flags: [],
      followUpYears: 2,
    },
  },
  {
    name: 'NOGG high by the hip at 55 (hip IT (0.8 + 2.1)/2 = 1.45 ≤ 1.5%)',
    input: exam(woman(55), [spine(-1.5), hip(-1.4)], frax(true, 5, 1.5)),
    expect: {
      population: 'adult_t_score',
      category: 'low_bone_density',
      site: 'L1-L4',
      score: -1.5,
      risk: 'high',
      flags: [],
      followUpYears: 2,
    },
  },
  {
    name: 'NOGG not categorised at 45 with the shipped table',
    input: exam(woman(45), [spine(-1.2), hip(-0.8)], frax(false, 4, 0.3)),
    expect: {
      population: 'adult_t_score',
      category: 'low_bone_density',
      site: 'L1-L4',
      score: -1.2,
      risk: null,
      flags: [],
      followUpYears: 5,
    },
  },
  {
    name: 'T-score -3.6 makes the risk very high (age 65: 9% < IT 16)',
    input: exam(woman(65), [spine(-3.6), hip(-2.0)], frax(true, 9, 1.5)),
    expect: {
      population: 'adult_t_score',
      category: 'osteoporosis',
      site: 'L1-L4',
      score: -3.6,
      risk: 'very_high',
      flags: [],
      followUpYears: 2,
    },
  },
  {
    name: 'two vertebral fractures make the risk very high (age 62: 10% < IT 13.6)',
    input: exam(woman(62), [spine(-1.8), hip(-1.5)], {
      ...frax(true, 10, 1),
      clinical: { vertebralFractures: 2 },
    }),
    expect: {
      population: 'adult_t_score',
      category: 'low_bone_density',
      site: 'L1-L4',
      score: -1.8,
      risk: 'very_high',
      flags: [],
      followUpYears: 2,
    },
  },
  {
    name: 'QFracture at 70 without BMD: 25% ≥ UAT 24 is high',
    input: exam(woman(70), [spine(-0.5), hip(-0.3), neck(-0.6)], {
      fractureRisk: { tool: 'QFracture', withBmd: false, majorOsteoporoticPercent: 25, hipPercent: 2 },
    }),
    expect: {
      population: 'adult_t_score',
      category: 'normal',
      site: 'femoral_neck',
      score: -0.6,
      risk: 'high',
      flags: [],
      followUpYears: 2,
    },
  },
  {
    name: 'man 70 with BMD: 10% < IT 20 and 2% < 4.9 is low',
    input: exam(man(70), [spine(-1.1), hip(-0.9)], frax(true, 10, 2)),
    expect: {
      population: 'adult_t_score',
      category: 'low_bone_density',
      site: 'L1-L4',
      score: -1.1,
      risk: 'low',
      flags: [],
      followUpYears: 5,
    },
  },

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
