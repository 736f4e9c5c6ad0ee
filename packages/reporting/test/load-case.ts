import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { assessExam, examInputSchema } from '@quantrad/densitometry';
import {
  buildReport,
  checkReportWording,
  parseReportContext,
  type AnyReportContext,
  type ReportDocument,
} from '../src/index.ts';

export const CASES_DIR = join(import.meta.dirname, 'cases');
export const GOLDEN_DIR = join(import.meta.dirname, 'golden');
/** The date a report is written on when its context gives none. */
export const TODAY = '2026-11-23';

export interface LoadedCase {
  name: string;
  context: AnyReportContext;
  document: ReportDocument;
}

/** A test case: a DXA exam run through the engine plus its context, or a QCT/CT perfusion context. */
export function loadCase(name: string): LoadedCase {
  const raw = JSON.parse(readFileSync(join(CASES_DIR, `${name}.json`), 'utf8')) as {
    exam?: unknown;
    context: Record<string, unknown>;
  };
  const json =
    raw.exam === undefined
      ? raw.context
      : { ...raw.context, assessment: assessExam(examInputSchema.parse(raw.exam)) };
  // The assessment goes through JSON as it does between `quantrad dxa assess` and `quantrad report`.
  const parsed = parseReportContext(JSON.parse(JSON.stringify(json)));
  if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.issues)}`);
  const document = buildReport(parsed.value, TODAY);
  const issues = checkReportWording(parsed.value, document);
  if (issues.length > 0) throw new Error(`${name}: wording: ${JSON.stringify(issues)}`);
  return { name, context: parsed.value, document };
}

export function caseNames(): string[] {
  return readdirSync(CASES_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
}
