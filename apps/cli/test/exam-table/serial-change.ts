import { exam, hip, HOLOGIC, lsc, priorHip, spine, type TableCase, woman } from './table-case.ts';

export const serialChange: TableCase[] = [
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
];
