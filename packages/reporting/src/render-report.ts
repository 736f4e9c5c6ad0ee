import type { Bundle } from '@medplum/fhirtypes';
import type { ReportDocument } from './document/report-document.ts';
import { clinicalDiagnosisOfOsteoporosis } from './dxa/clinical-diagnosis.ts';
import { integratedStatement } from './dxa/integrated-statement.ts';
import { primaryCareCodes } from './dxa/primary-care-codes.ts';
import { dxaMeasurements } from './fhir/dxa-measurements.ts';
import { fhirBundle } from './fhir/fhir-bundle.ts';
import type { Measurement } from './fhir/measurement.ts';
import { perfusionMeasurements } from './fhir/perfusion-measurements.ts';
import { qctMeasurements } from './fhir/qct-measurements.ts';
import { stableUuid } from './fhir/stable-uuid.ts';
import type { AnyReportContext } from './report-context.ts';
import type { ReportFormat } from './render/report-format.ts';
import { renderHtml } from './render/render-html.ts';
import { renderPdf } from './render/render-pdf.ts';
import { renderText } from './render/render-text.ts';

export interface RenderOptions {
  largePrint?: boolean;
  /** FHIR status: a draft is preliminary, a signed report final, an amended one amended. */
  status?: 'preliminary' | 'final' | 'amended';
}

function studyDate(c: AnyReportContext): string {
  if (c.kind === 'dxa') return c.context.assessment.exam.date;
  if (c.kind === 'qct') return c.context.qct.examDate;
  return c.context.perfusion.studyDate;
}

/** The DiagnosticReport conclusion: the first emphasised statement of the results. */
function conclusionOf(
  c: AnyReportContext,
  document: ReportDocument,
): { text: string; codes: (readonly [string, string])[] } {
  if (c.kind === 'dxa') {
    const a = c.context.assessment;
    const diagnosis = clinicalDiagnosisOfOsteoporosis(a, c.context.referral);
    return {
      text: integratedStatement(a, diagnosis),
      codes: primaryCareCodes(a, diagnosis).map((p) => [p.code, p.display] as const),
    };
  }
  const first = document.sections
    .flatMap((s) => s.blocks)
    .find((b) => b.kind === 'paragraph' && b.emphasis === true);
  return { text: first?.kind === 'paragraph' ? first.text : document.title, codes: [] };
}

function measurementsOf(c: AnyReportContext): Measurement[] {
  if (c.kind === 'dxa') return dxaMeasurements(c.context.assessment);
  if (c.kind === 'qct') return qctMeasurements(c.context.qct);
  return perfusionMeasurements(c.context.perfusion);
}

export function reportBundle(
  c: AnyReportContext,
  document: ReportDocument,
  reportDate: string,
  status: RenderOptions['status'] = 'preliminary',
): Bundle {
  const seed = `${c.kind}|${c.context.patient.identifier.value}|${studyDate(c)}`;
  const conclusion = conclusionOf(c, document);
  return fhirBundle({
    ids: {
      report: stableUuid(`${seed}|report`),
      patient: stableUuid(`${seed}|patient`),
      practitioner: stableUuid(`${seed}|practitioner|${c.context.reporter.registrationNumber}`),
      observation: (n) => stableUuid(`${seed}|observation|${String(n)}`),
    },
    kind: c.kind,
    status,
    effectiveDate: studyDate(c),
    issued: `${reportDate}T00:00:00Z`,
    patient: c.context.patient,
    reporter: c.context.reporter,
    conclusion: conclusion.text,
    conclusionCodes: conclusion.codes,
    presentedText: renderText(document),
    measurements: measurementsOf(c),
  });
}

/** The report in one format: text, HTML and FHIR JSON as strings, PDF as bytes. */
export async function renderReport(
  c: AnyReportContext,
  document: ReportDocument,
  format: ReportFormat,
  reportDate: string,
  options: RenderOptions = {},
): Promise<string | Buffer> {
  const largePrint = options.largePrint === true;
  switch (format) {
    case 'text':
      return renderText(document);
    case 'html':
      return renderHtml(document, { largePrint });
    case 'pdf':
      return renderPdf(document, { largePrint, createdAt: new Date(`${reportDate}T00:00:00Z`) });
    case 'fhir':
      return `${JSON.stringify(reportBundle(c, document, reportDate, options.status), null, 2)}\n`;
  }
}
