import type { ReportDocument } from './document/report-document.ts';
import { buildDxaReport } from './dxa/build-dxa-report.ts';
import { buildPerfusionReport } from './perfusion/build-perfusion-report.ts';
import { buildQctReport } from './qct/build-qct-report.ts';
import type { AnyReportContext } from './report-context.ts';

/** The report document for any study; `today` is the report date when the context gives none. */
export function buildReport(c: AnyReportContext, today: string): ReportDocument {
  switch (c.kind) {
    case 'dxa':
      return buildDxaReport(c.context, today);
    case 'qct':
      return buildQctReport(c.context, today);
    case 'ct_perfusion':
      return buildPerfusionReport(c.context, today);
  }
}
