import { z } from 'zod';
import {
  patientContextSchema,
  referralContextSchema,
  reporterContextSchema,
  serviceContextSchema,
} from '../context/report-context-schema.ts';
import { qctStudySchema } from './qct-study-schema.ts';

/** CONTEXT.json of `quantrad report` for a QCT report. */
export const qctReportContextSchema = z.strictObject({
  qct: qctStudySchema,
  patient: patientContextSchema,
  referral: referralContextSchema,
  service: serviceContextSchema,
  reporter: reporterContextSchema,
  reportDate: z.iso.date().optional(),
});

export type QctReportContext = z.infer<typeof qctReportContextSchema>;
