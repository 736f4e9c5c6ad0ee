import {
  assessExam,
  examInputSchema,
  noggThresholdTableSchema,
  type DxaAssessment,
} from '@quantrad/densitometry';
import type { ReportFormat } from '@quantrad/reporting';
import { readReportContext, writeReport } from './report.ts';
import { InputError } from '../io/input-error.ts';
import { formatAssessmentText } from '../format/format-assessment-text.ts';
import type { CliIo } from '../io/cli-io.ts';
import { readJsonFile } from '../io/read-input-file.ts';

export interface DxaAssessOptions {
  format: 'json' | 'text';
  noggThresholds?: string;
  /** Chain `quantrad report`: the report format, with --context for patient, referral, service and reporter. */
  report?: ReportFormat;
  context?: string;
  out?: string;
}

/** `quantrad dxa assess EXAM.json`: validate, assess, print JSON (or text for people). */
export async function dxaAssess(
  examPath: string,
  options: DxaAssessOptions,
  io: CliIo,
): Promise<DxaAssessment> {
  const input = await readJsonFile(examPath, examInputSchema);
  const noggThresholds =
    options.noggThresholds === undefined
      ? undefined
      : await readJsonFile(options.noggThresholds, noggThresholdTableSchema);
  const assessment = assessExam(input, noggThresholds === undefined ? {} : { noggThresholds });
  if (options.report !== undefined) {
    if (options.context === undefined) {
      throw new InputError('--report needs --context FILE (patient, referral, service and reporter)');
    }
    const context = await readReportContext(options.context, { assessment });
    await writeReport(
      context,
      options.context,
      { format: options.report, ...(options.out ? { out: options.out } : {}) },
      io,
    );
    return assessment;
  }
  io.out(
    options.format === 'text' ? formatAssessmentText(assessment) : `${JSON.stringify(assessment, null, 2)}\n`,
  );
  return assessment;
}
