import { AUDIT_SAMPLE_KINDS, FINDING_SEVERITIES, INCIDENT_KINDS } from '@quantrad/store';
import { z } from 'zod';
import { AUDIT_TYPE_IDS, CAUSE_CATEGORY_IDS } from '../reference/audit-programme.ts';

const text = (max: number): z.ZodString => z.string().trim().min(1).max(max);
const isoDate = z.iso.date();

export const drawSampleSchema = z.strictObject({
  /** 'YYYY-MM': a month that has ended. */
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM'),
  kind: z.enum(AUDIT_SAMPLE_KINDS),
  /** A 32-bit seed to draw with; a random one is chosen and recorded when none is given. */
  seed: z.number().int().min(0).max(4294967295).optional(),
});

export const newAuditSchema = z
  .strictObject({
    auditType: z.enum(AUDIT_TYPE_IDS as [string, ...string[]]),
    /** Defaults to the audit type's title. */
    title: text(200).optional(),
    scope: text(2000),
    periodFrom: isoDate,
    periodTo: isoDate,
    sampleId: z.uuid().optional(),
  })
  .refine((a) => a.periodFrom <= a.periodTo, {
    message: 'must not be before periodFrom',
    path: ['periodTo'],
  });

export const findingSchema = z.strictObject({
  severity: z.enum(FINDING_SEVERITIES),
  description: text(4000),
});

export const auditActionSchema = z.strictObject({
  description: text(2000),
  /** Who will do it (a named person or post). */
  owner: text(200),
  dueOn: isoDate,
  findingId: z.uuid().optional(),
});

export const closeActionSchema = z.strictObject({ whatWasDone: text(4000) });
export const closeAuditSchema = z.strictObject({ conclusion: text(4000) });

export const newIncidentSchema = z.strictObject({
  kind: z.enum(INCIDENT_KINDS),
  occurredAt: z.iso.datetime({ offset: true }),
  description: text(4000),
  patientId: z.uuid().optional(),
  /** The reporter's judgement: IR(ME)R notifiable to the regulator. */
  regulatorNotifiable: z.boolean(),
});

export const incidentAnalysisSchema = z.strictObject({
  causeCategories: z.array(z.enum(CAUSE_CATEGORY_IDS as [string, ...string[]])).min(1),
  rootCause: text(4000),
  contributoryFactors: text(4000),
  outcome: text(4000),
  actions: text(4000),
});
