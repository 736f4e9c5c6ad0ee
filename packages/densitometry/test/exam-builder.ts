import type { ExamInput, SiteMeasurement } from '../src/index.ts';

/** A site measurement in one line: site('femoral_neck', 0.601, { tScore: -2.1, side: 'left' }). */
export function site(name: string, bmdGcm2: number, extra: Partial<SiteMeasurement> = {}): SiteMeasurement {
  return { site: name, bmdGcm2, ...extra };
}

type Overrides = {
  patient?: Partial<ExamInput['patient']>;
  exam?: Partial<ExamInput['exam']>;
} & Omit<Partial<ExamInput>, 'patient' | 'exam'>;

/** A valid exam: a 75-year-old postmenopausal woman on a Hologic scanner, with the given overrides. */
export function exam(overrides: Overrides = {}): ExamInput {
  const { patient, exam: examPart, ...rest } = overrides;
  return {
    patient: {
      sex: 'female',
      birthDate: '1951-04-02',
      menopause: 'post',
      heightCm: 160,
      weightKg: 64,
      ...patient,
    },
    exam: {
      date: '2026-10-01',
      scanner: { id: 'DXA-1', manufacturer: 'hologic', model: 'Horizon A' },
      sites: [site('L1-L4', 0.9, { tScore: -1.2 })],
      ...examPart,
    },
    ...rest,
  };
}

/**
 * L1-L4 with BMC and area (BMD = BMC / area to 3 decimals) and the given T-scores: ΣBMC = 52.54 g,
 * Σarea = 59.9 cm²; without L3, 38.04 g / 44.8 cm² = 0.849 g/cm².
 */
export function vertebraeWithBmcAndArea(
  tScores: readonly [number, number, number, number],
): SiteMeasurement[] {
  return [
    site('L1', 0.812, { bmcG: 11.2, areaCm2: 13.8, tScore: tScores[0] }),
    site('L2', 0.85, { bmcG: 12.41, areaCm2: 14.6, tScore: tScores[1] }),
    site('L3', 0.96, { bmcG: 14.5, areaCm2: 15.1, tScore: tScores[2] }),
    site('L4', 0.88, { bmcG: 14.43, areaCm2: 16.4, tScore: tScores[3] }),
  ];
}
