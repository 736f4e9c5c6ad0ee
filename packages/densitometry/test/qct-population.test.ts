import { describe, expect, it } from 'vitest';
import { classifyQctSpine, qctPopulation } from '../src/index.ts';

describe('QCT population (ACR QCT IV.C-E)', () => {
  it.each<[Parameters<typeof qctPopulation>[0], number, string, boolean, boolean]>([
    [{ sex: 'female', menopause: 'post' }, 62, 'adult_t_score', true, true],
    [{ sex: 'female', menopause: 'pre' }, 42, 'adult_z_score', false, true],
    [{ sex: 'male' }, 49, 'adult_z_score', false, true],
    [{ sex: 'male' }, 50, 'adult_t_score', true, true],
    [{ sex: 'female' }, 12, 'paediatric', false, false],
  ])('%o aged %d → %s', (patient, age, population, spineCategories, tScores) => {
    const d = qctPopulation(patient, age);
    expect(d.population).toBe(population);
    expect(d.spineMgCm3CategoriesApply).toBe(spineCategories);
    expect(d.tScoresReported).toBe(tScores);
  });

  it('refuses an impossible age', () => {
    expect(() => qctPopulation({ sex: 'male' }, -1)).toThrow(/ageYears/);
  });
});

describe('classifyQctSpine (ACR QCT IV.C.2, IV.D, IV.E)', () => {
  it('uses the mg/cm³ cut points for the WHO population, whatever the Z-score', () => {
    const c = classifyQctSpine('adult_t_score', 75, 0.5);
    expect(c.scheme).toBe('acr_qct_spine_mg_cm3');
    expect(c.category).toBe('osteoporosis');
    expect(c.statement).toMatch(/^osteoporosis/);
  });

  it('uses the Z-score, not mg/cm³, for premenopausal women and men under 50', () => {
    // 70 mg/cm³ would be osteoporosis by the ACR cut points; Z -1.9 is within the expected range.
    expect(classifyQctSpine('adult_z_score', 70, -1.9).category).toBe('within_expected_range');
    // Z -2.0 is at the limit: below the expected range, "low bone density for age".
    const low = classifyQctSpine('adult_z_score', 150, -2.0);
    expect(low.category).toBe('below_expected_range');
    expect(low.statement).toMatch(/^low bone density for age/);
  });

  it('classifies the Z-score as reported: -1.96 reads -2.0', () => {
    expect(classifyQctSpine('adult_z_score', 100, -1.96).category).toBe('below_expected_range');
    expect(classifyQctSpine('adult_z_score', 100, -1.94).category).toBe('within_expected_range');
  });

  it('gives no category without a Z-score outside the WHO population', () => {
    const c = classifyQctSpine('adult_z_score', 70);
    expect(c.category).toBeNull();
    expect(c.statement).toMatch(/a Z-score is needed/);
  });

  it('words a child with Z ≤ -2.0 as low bone mineral mass or density, never osteoporosis', () => {
    const c = classifyQctSpine('paediatric', 60, -2.4);
    expect(c.category).toBe('below_expected_range');
    expect(c.statement).toMatch(/^low bone mineral mass or bone mineral density/);
    expect(c.statement).not.toMatch(/osteopenia|osteoporosis/);
    expect(classifyQctSpine('paediatric', 60, -1.0).category).toBe('within_expected_range');
    expect(classifyQctSpine('paediatric', 60).category).toBeNull();
  });
});
