// @quantrad/reporting — structured DXA, QCT and CT perfusion reports rendered to plain text, HTML, PDF
// and FHIR R4. The one public entry point of the package.
export type { ReportDocument, ReportSection, ReportBlock, LineChart } from './document/report-document.ts';
export {
  parseReportContext,
  type AnyReportContext,
  type ReportIssue,
  type Parsed,
} from './report-context.ts';
export { buildReport } from './build-report.ts';
export { renderReport, reportBundle, type RenderOptions } from './render-report.ts';
export { checkReportWording, freeTextWordingContext } from './report-wording-check.ts';
export { REPORT_FORMATS, type ReportFormat } from './render/report-format.ts';
export { renderText } from './render/render-text.ts';
export { renderHtml, type HtmlOptions } from './render/render-html.ts';
export { renderPdf, type PdfOptions } from './render/render-pdf.ts';
export { checkTerminology, type TerminologyContext } from './terminology/check-terminology.ts';
export type { TerminologyViolation, TerminologyRule } from './terminology/terminology-violation.ts';
export { resolvePronouns, type Pronouns } from './terminology/pronouns.ts';
export { dxaReportContextSchema, type DxaReportContext } from './dxa/dxa-report-context.ts';
export { qctReportContextSchema, type QctReportContext } from './qct/qct-report-context.ts';
export {
  perfusionReportContextSchema,
  type PerfusionReportContext,
} from './perfusion/perfusion-report-context.ts';
export { clinicalDiagnosisOfOsteoporosis } from './dxa/clinical-diagnosis.ts';
export { integratedStatement, bmdPhrase } from './dxa/integrated-statement.ts';
export { mismatch } from './perfusion/mismatch.ts';
export {
  createDraft,
  reviseDraft,
  signReport,
  amendReport,
  latestVersion,
  type ReportRecord,
  type ReportVersion,
  type ReportState,
  type LifecycleResult,
} from './lifecycle/report-record.ts';
