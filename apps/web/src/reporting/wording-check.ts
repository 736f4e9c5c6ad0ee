// The report wording rules (ROS 4.6, ISCD 2019) run in the browser as the reporter types: the very code
// and data the server checks a revision with (packages/reporting/src/terminology), not a copy.
import {
  checkTerminology,
  type TerminologyContext,
} from '../../../../packages/reporting/src/terminology/check-terminology.ts';
import type { TerminologyViolation } from '../../../../packages/reporting/src/terminology/terminology-violation.ts';
import type { ReportVersions } from './reporting-types.ts';

export type WordingFlag = TerminologyViolation;

/** What the rules flag in a reporter's typed-in text, for the patient the report is about. */
export function flagWording(text: string, wording: ReportVersions['wording']): WordingFlag[] {
  if (text.trim() === '') return [];
  const context: TerminologyContext = {
    population: wording.population,
    pronouns: wording.pronouns ?? null,
    scope: 'free_text',
  };
  return checkTerminology(text, context);
}
