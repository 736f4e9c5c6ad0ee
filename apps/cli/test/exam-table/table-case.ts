// Builders and the case type for the table of realistic exams (issue 2 §4), worked out by hand. Ages are on
// the exam date 2026-10-01. NOGG anchors used below (shipped provisional table): age 60 LAT 6.0/0.7,
// IT 12/2.1, UAT 14.4/2.52, VHRT 19.2/3.36; age 70 and over IT 20/4.9, UAT 24/5.88, VHRT 32/7.84
// (major osteoporotic / hip %); ages between tabulated rows are interpolated.

export type Json = Record<string, unknown>;

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

export const HOLOGIC = { id: 'DXA-1', manufacturer: 'hologic', model: 'Horizon A' };
export const born = (age: number): string => `${2026 - age}-01-15`;
export const woman = (age: number, extra: Json = {}): Json => ({
  sex: 'female',
  birthDate: born(age),
  menopause: 'post',
  heightCm: 160,
  weightKg: 64,
  ...extra,
});
export const man = (age: number, extra: Json = {}): Json => ({
  sex: 'male',
  birthDate: born(age),
  heightCm: 175,
  weightKg: 78,
  ...extra,
});
export const spine = (tScore: number, extra: Json = {}): Json => ({
  site: 'L1-L4',
  bmdGcm2: 0.9,
  tScore,
  ...extra,
});
export const hip = (tScore: number, extra: Json = {}): Json => ({
  site: 'total_hip',
  side: 'left',
  bmdGcm2: 0.8,
  tScore,
  ...extra,
});
export const neck = (tScore: number, extra: Json = {}): Json => ({
  site: 'femoral_neck',
  side: 'left',
  bmdGcm2: 0.65,
  tScore,
  ...extra,
});
export const exam = (patient: Json, sites: Json[], extra: Json = {}, examExtra: Json = {}): Json => ({
  patient,
  exam: { date: '2026-10-01', scanner: HOLOGIC, sites, ...examExtra },
  ...extra,
});
export const frax = (withBmd: boolean, majorOsteoporoticPercent: number, hipPercent: number): Json => ({
  fractureRisk: { tool: 'FRAX', withBmd, majorOsteoporoticPercent, hipPercent },
});
export const priorHip = (bmdGcm2: number, scannerId?: string): Json => ({
  priors: [
    {
      date: '2024-09-15',
      ...(scannerId ? { scannerId } : {}),
      sites: [{ site: 'total_hip', side: 'left', bmdGcm2 }],
    },
  ],
});
export const lsc = (scannerId = 'DXA-1'): Json => ({
  lsc: [{ scannerId, site: 'total_hip', lscGcm2: 0.024 }],
});
export const vertebrae = (t: [number, number, number, number]): Json[] => [
  { site: 'L1', bmdGcm2: 0.812, bmcG: 11.2, areaCm2: 13.8, tScore: t[0] },
  { site: 'L2', bmdGcm2: 0.85, bmcG: 12.41, areaCm2: 14.6, tScore: t[1] },
  { site: 'L3', bmdGcm2: 0.96, bmcG: 14.5, areaCm2: 15.1, tScore: t[2] },
  { site: 'L4', bmdGcm2: 0.88, bmcG: 14.43, areaCm2: 16.4, tScore: t[3] },
];
