import { z } from 'zod';
import {
  patientContextSchema,
  referralContextSchema,
  reporterContextSchema,
  serviceContextSchema,
} from '../context/report-context-schema.ts';
import { perfusionStudySchema } from './perfusion-study-schema.ts';

/** CONTEXT.json of `quantrad report` for a CT perfusion report. */
export const perfusionReportContextSchema = z.strictObject({
  perfusion: perfusionStudySchema,
  patient: patientContextSchema,
  referral: referralContextSchema,
  service: serviceContextSchema,
  reporter: reporterContextSchema,
  reportDate: z.iso.date().optional(),
});

export type PerfusionReportContext = z.infer<typeof perfusionReportContextSchema>;
