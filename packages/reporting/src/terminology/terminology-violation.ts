export type TerminologyRule =
  | 'osteopenia_alone'
  | 'osteopenia_as_diagnosis'
  | 'risk_without_increased'
  | 'more_than_one_who_term'
  | 'child_t_score'
  | 'child_who_term'
  | 'z_score_population_who_term'
  | 'z_score_wording_missing'
  | 'pronoun_not_recorded';

/** One breach of the report wording rules, with the words that broke it. */
export interface TerminologyViolation {
  rule: TerminologyRule;
  message: string;
  excerpt: string;
}
