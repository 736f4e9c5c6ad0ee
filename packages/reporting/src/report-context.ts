import { z } from 'zod';
import { dxaReportContextSchema, type DxaReportContext } from './dxa/dxa-report-context.ts';
import {
  perfusionReportContextSchema,
  type PerfusionReportContext,
} from './perfusion/perfusion-report-context.ts';
import { qctReportContextSchema, type QctReportContext } from './qct/qct-report-context.ts';

export type AnyReportContext =
  | { kind: 'dxa'; context: DxaReportContext }
  | { kind: 'qct'; context: QctReportContext }
  | { kind: 'ct_perfusion'; context: PerfusionReportContext };

export interface ReportIssue {
  /** Where in CONTEXT.json, e.g. ["referral", "indications", 0]; empty for the whole file or report. */
  path: (string | number)[];
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: ReportIssue[] };

function issuesOf(error: z.ZodError): ReportIssue[] {
  return error.issues.map((i) => ({
    path: i.path.map((k) => (typeof k === 'number' ? k : String(k))),
    message: i.message,
  }));
}

/** CONTEXT.json → a typed context; the study key decides the report: assessment, qct or perfusion. */
export function parseReportContext(json: unknown): Parsed<AnyReportContext> {
  const keys = typeof json === 'object' && json !== null ? Object.keys(json) : [];
  if (keys.includes('assessment')) {
    const r = dxaReportContextSchema.safeParse(json);
    return r.success
      ? { ok: true, value: { kind: 'dxa', context: r.data } }
      : { ok: false, issues: issuesOf(r.error) };
  }
  if (keys.includes('qct')) {
    const r = qctReportContextSchema.safeParse(json);
    return r.success
      ? { ok: true, value: { kind: 'qct', context: r.data } }
      : { ok: false, issues: issuesOf(r.error) };
  }
  if (keys.includes('perfusion')) {
    const r = perfusionReportContextSchema.safeParse(json);
    return r.success
      ? { ok: true, value: { kind: 'ct_perfusion', context: r.data } }
      : { ok: false, issues: issuesOf(r.error) };
  }
  return {
    ok: false,
    issues: [{ path: [], message: 'must hold one study: "assessment" (DXA), "qct" or "perfusion"' }],
  };
}
