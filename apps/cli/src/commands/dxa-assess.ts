import {
  assessExam,
  examInputSchema,
  noggThresholdTableSchema,
  type DxaAssessment,
} from '@quantrad/densitometry';
import { formatAssessmentText } from '../format/format-assessment-text.ts';
import type { CliIo } from '../io/cli-io.ts';
import { readJsonFile } from '../io/read-input-file.ts';

export interface DxaAssessOptions {
  format: 'json' | 'text';
  noggThresholds?: string;
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
  io.out(
    options.format === 'text' ? formatAssessmentText(assessment) : `${JSON.stringify(assessment, null, 2)}\n`,
  );
  return assessment;
}
