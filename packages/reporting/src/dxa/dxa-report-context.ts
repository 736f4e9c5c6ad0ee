import { z } from 'zod';
import { dxaAssessmentSchema } from '../context/dxa-assessment-schema.ts';
import {
  findingsSchema,
  patientContextSchema,
  referralContextSchema,
  reporterContextSchema,
  serviceContextSchema,
} from '../context/report-context-schema.ts';

/** CONTEXT.json of `quantrad report` for a DXA report: the assessment plus who and why. */
export const dxaReportContextSchema = z.strictObject({
  assessment: dxaAssessmentSchema,
  patient: patientContextSchema,
  referral: referralContextSchema,
  service: serviceContextSchema,
  reporter: reporterContextSchema,
  /** Defaults to the day the report is written. */
  reportDate: z.iso.date().optional(),
  findings: findingsSchema.default({ bloodTests: [] }),
});

export type DxaReportContext = z.infer<typeof dxaReportContextSchema>;
