import type { ReporterContext } from '../context/report-context-schema.ts';
import type { ReportSection } from './report-document.ts';
import { longDate } from './format-values.ts';

export const REPORTER_SECTION_ID = 'reporter';
export const UNSIGNED_TEXT = 'DRAFT: not yet signed';

/** ROS Appendix 4C: reporter information (name, title, registration, date, signature). */
export function reporterSection(reporter: ReporterContext, reportDate: string): ReportSection {
  return {
    id: REPORTER_SECTION_ID,
    heading: 'Reporter',
    blocks: [
      {
        kind: 'fields',
        fields: [
          { label: 'Name', value: reporter.name },
          { label: 'Title', value: reporter.title },
          { label: 'Registration', value: `${reporter.registrationBody} ${reporter.registrationNumber}` },
          { label: 'Date', value: longDate(reportDate) },
          { label: 'Signature', value: UNSIGNED_TEXT },
        ],
      },
    ],
  };
}
