import { z } from 'zod';
import criteriaJson from '../../data/referral-criteria.json' with { type: 'json' };
import waitingJson from '../../data/waiting-times.json' with { type: 'json' };

const indicationSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9_]+$/),
  text: z.string(),
  examinations: z.array(z.enum(['dxa', 'qct'])).min(1),
  source: z.string(),
  minAgeYears: z.number().int().optional(),
  minAgeYearsBySex: z.strictObject({ female: z.number().int(), male: z.number().int() }).optional(),
  sex: z.enum(['female', 'male']).optional(),
});

export type ReferralIndication = z.infer<typeof indicationSchema>;

const criteriaSchema = z.strictObject({
  source: z.string(),
  version: z.string(),
  indications: z.array(indicationSchema).min(1),
});

export type ReferralCriteria = z.infer<typeof criteriaSchema>;

export const defaultReferralCriteria: ReferralCriteria = criteriaSchema.parse(criteriaJson);

export const waitingTimes = z
  .strictObject({
    source: z.string(),
    appointmentTargetDays: z.number().int().positive(),
    reportSource: z.string(),
    reportTargetDays: z.number().int().positive(),
  })
  .parse(waitingJson);
