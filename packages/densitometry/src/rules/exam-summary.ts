import type { ExamInput } from '../schema/exam-input.ts';
import type { ExamSummary } from '../types/exam-summary.ts';

/** The exam facts carried into the assessment so a report can be written from the assessment alone. */
export function summariseExam(input: ExamInput): ExamSummary {
  const scanner = input.exam.scanner;
  return {
    date: input.exam.date,
    sex: input.patient.sex,
    menopause: input.patient.menopause ?? null,
    ethnicity: input.patient.ethnicity ?? null,
    heightCm: input.patient.heightCm ?? null,
    weightKg: input.patient.weightKg ?? null,
    scanner:
      scanner === undefined
        ? null
        : {
            id: scanner.id,
            manufacturer: scanner.manufacturer ?? null,
            model: scanner.model ?? null,
            softwareVersion: scanner.softwareVersion ?? null,
          },
    technicalNotes: (input.exam.technicalNotes ?? []).map((n) => ({
      kind: n.kind,
      site: n.site ?? null,
      side: n.side ?? null,
      note: n.note,
    })),
    priors: (input.priors ?? []).map((p) => ({ date: p.date, scannerId: p.scannerId ?? null })),
    clinical: input.clinical ?? {},
  };
}
