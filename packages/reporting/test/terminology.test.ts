import { describe, expect, it } from 'vitest';
import { checkTerminology, resolvePronouns, type TerminologyContext } from '../src/index.ts';

const adult: TerminologyContext = { population: 'adult_t_score', scope: 'free_text' };
const rules = (text: string, context: TerminologyContext = adult): string[] =>
  checkTerminology(text, context).map((v) => v.rule);

describe('terminology checker (ROS 4.6, INDEX, ISCD 2019)', () => {
  it('osteopenia only inside "low bone density (osteopenia)"', () => {
    expect(rules('The result shows osteopenia.')).toEqual(['osteopenia_alone']);
    expect(rules('Osteopenic bones.')).toEqual(['osteopenia_alone']);
    expect(rules('The result shows low bone density (osteopenia).')).toEqual([]);
    expect(rules('Low Bone Density (Osteopenia) at the hip.')).toEqual([]);
  });
  it('osteopenia is never a diagnosis', () => {
    expect(rules('Diagnosis: low bone density (osteopenia).')).toEqual(['osteopenia_as_diagnosis']);
    expect(rules('a diagnosis of low bone density (osteopenia)')).toEqual(['osteopenia_as_diagnosis']);
    expect(rules('low bone density (osteopenia) is common with age')).toEqual([]);
  });
  it('high and very high fracture risk only as "increased (high)" / "increased (very high)"', () => {
    expect(rules('She has a high fracture risk.')).toEqual(['risk_without_increased']);
    expect(rules('Very high risk of fracture.')).toEqual(['risk_without_increased']);
    expect(rules('increased (high) fracture risk and increased (very high) fracture risk')).toEqual([]);
    expect(rules('at high risk of falls')).toEqual([]);
  });
  it('exactly one WHO classification term', () => {
    expect(rules('normal bone density at the spine and osteoporotic bone density at the hip')).toEqual([
      'more_than_one_who_term',
    ]);
    expect(
      rules('osteoporotic bone density; treatment for osteoporosis; Royal Osteoporosis Society'),
    ).toEqual([]);
  });
  it('children: no T-scores and no osteopenia or osteoporosis, but organisation names are allowed', () => {
    const child: TerminologyContext = { population: 'paediatric', scope: 'free_text' };
    expect(rules('T-score -2.6, osteoporosis', child)).toEqual(['child_t_score', 'child_who_term']);
    expect(rules('Royal Osteoporosis Society helpline', child)).toEqual([]);
    expect(rules('Z-score -2.4: below the expected range for age', child)).toEqual([]);
  });
  it('premenopausal women and men under 50: Z-score wording, no WHO terms', () => {
    const z: TerminologyContext = { population: 'adult_z_score', scope: 'report' };
    expect(rules('normal bone density; within the expected range for age', z)).toEqual([
      'z_score_population_who_term',
    ]);
    expect(rules('Z-score -2.3', z)).toEqual(['z_score_wording_missing']);
    expect(rules('bone density below the expected range for age', z)).toEqual([]);
  });
  it("the patient's recorded pronouns, and no others", () => {
    const they: TerminologyContext = { ...adult, pronouns: resolvePronouns('they/them') };
    expect(rules('Her bone density is low.', they)).toEqual(['pronoun_not_recorded']);
    expect(rules('Their bone density is low.', they)).toEqual([]);
    const he: TerminologyContext = { ...adult, pronouns: resolvePronouns('he/him') };
    expect(rules('He should consider exercise himself.', he)).toEqual([]);
    expect(rules('She should consider exercise.', he)).toEqual(['pronoun_not_recorded']);
    expect(rules('She should consider exercise.')).toEqual([]);
  });
});
