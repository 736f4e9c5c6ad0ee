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
