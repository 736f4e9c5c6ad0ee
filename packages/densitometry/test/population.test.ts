import { describe, expect, it } from 'vitest';
import { assessExam, type ExamInput } from '../src/index.ts';
import { exam } from './exam-builder.ts';

function withPatient(patient: ExamInput['patient']): ExamInput {
  return { ...exam(), patient };
}

// Exam date 2026-10-01: born 1976-10-01 is 50 that day; born 1976-10-02 is still 49.
describe('who is classified how (ISCD 2019, ISCD Pediatric 2019)', () => {
  it.each<[ExamInput['patient'], string]>([
    [{ sex: 'female', menopause: 'post', birthDate: '1980-01-01' }, 'adult_t_score'],
    [{ sex: 'female', menopause: 'peri', birthDate: '1980-01-01' }, 'adult_t_score'],
    [{ sex: 'female', menopause: 'pre', birthDate: '1980-01-01' }, 'adult_z_score'],
    [{ sex: 'male', birthDate: '1976-10-01' }, 'adult_t_score'],
    [{ sex: 'male', birthDate: '1976-10-02' }, 'adult_z_score'],
    [{ sex: 'female', birthDate: '2007-10-02' }, 'paediatric'],
    [{ sex: 'male', birthDate: '2006-10-01' }, 'adult_z_score'],
  ])('%o → %s', (patient, population) => {
    expect(assessExam(withPatient(patient)).population).toBe(population);
  });

  it('treats a woman of 50 or more with unrecorded menopause as postmenopausal, with a warning', () => {
    const a = assessExam(withPatient({ sex: 'female', birthDate: '1970-01-01' }));
    expect(a.population).toBe('adult_t_score');
    expect(a.warnings.some((w) => w.startsWith('menopausal status not recorded'))).toBe(true);
  });

  it('treats a woman under 50 with unrecorded menopause by Z-score, with a warning', () => {
    const a = assessExam(withPatient({ sex: 'female', birthDate: '1985-01-01' }));
    expect(a.population).toBe('adult_z_score');
    expect(a.warnings.some((w) => w.includes('treated as premenopausal'))).toBe(true);
  });
});
