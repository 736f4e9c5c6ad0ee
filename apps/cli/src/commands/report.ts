import { writeFile } from 'node:fs/promises';
import {
  buildReport,
  checkReportWording,
  parseReportContext,
  renderReport,
  type AnyReportContext,
  type ReportFormat,
  type ReportIssue,
} from '@quantrad/reporting';
import type { CliIo } from '../io/cli-io.ts';
import { formatPath, InputError } from '../io/input-error.ts';
import { readTextFile } from '../io/read-input-file.ts';

export interface ReportOptions {
  format: ReportFormat;
  out?: string;
  largePrint?: boolean;
}

function issueLine(source: string, issue: ReportIssue): string {
  const where = formatPath(issue.path);
  return `${source}: ${where === '' ? '' : `${where}: `}${issue.message}`;
}

/** Today as YYYY-MM-DD, the report date when the context gives none. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export async function readReportContext(
  path: string,
  extra: Record<string, unknown> = {},
): Promise<AnyReportContext> {
  const text = await readTextFile(path);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  const merged = typeof json === 'object' && json !== null ? { ...json, ...extra } : json;
  const parsed = parseReportContext(merged);
  if (!parsed.ok) throw new InputError(issueLine(path, parsed.issues[0] ?? { path: [], message: 'invalid' }));
  return parsed.value;
}

/** Build, check the wording (ROS 4.6), render and write a report. */
export async function writeReport(
  context: AnyReportContext,
  source: string,
  options: ReportOptions,
  io: CliIo,
): Promise<void> {
  const date = today();
  const document = buildReport(context, date);
  const issues = checkReportWording(context, document);
  if (issues.length > 0)
    throw new InputError(issueLine(source, issues[0] ?? { path: [], message: 'wording' }));
  const reportDate = context.context.reportDate ?? date;
  const output = await renderReport(context, document, options.format, reportDate, {
    largePrint: options.largePrint === true,
  });
  if (options.out !== undefined) {
    await writeFile(options.out, output);
    io.err(`quantrad: wrote ${options.format} report to ${options.out}\n`);
  } else if (typeof output === 'string') {
    io.out(output);
  } else {
    throw new InputError('a PDF report is binary: give --out FILE');
  }
}

/** `quantrad report CONTEXT.json --format text|html|pdf|fhir [--out FILE]`. */
export async function report(contextPath: string, options: ReportOptions, io: CliIo): Promise<void> {
  await writeReport(await readReportContext(contextPath), contextPath, options, io);
}
