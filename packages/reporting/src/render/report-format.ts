export const REPORT_FORMATS = ['text', 'html', 'pdf', 'fhir'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
