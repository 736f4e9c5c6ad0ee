import { ROLES } from '@quantrad/store';
import { z } from 'zod';
import policyJson from '../../data/staff-training.json' with { type: 'json' };

const kindSchema = z.strictObject({
  name: z.string(),
  source: z.string(),
  /** Months a completion counts for; null when it does not need renewing. */
  renewalMonths: z.number().int().positive().nullable(),
  renewalSource: z.string(),
  /** The entitlements that need this training current before they can be used. */
  requiredFor: z.array(z.enum(ROLES)),
});

const policySchema = z.strictObject({
  source: z.string(),
  /** Whether an entitlement counts only while the training it depends on is current (ROS 6.1). */
  enforceTrainingForEntitlements: z.boolean(),
  localRules: z.strictObject({ currentVersion: z.string().min(1), source: z.string() }),
  lapseReportDefaultWithinDays: z.number().int().min(0),
  lapseReportDefaultWithinDaysSource: z.string(),
  kinds: z.record(z.string().regex(/^[a-z_]+$/), kindSchema),
  localRulesRequiredFor: z.array(z.enum(ROLES)),
  localRulesRequiredForSource: z.string(),
});

export type TrainingKind = z.infer<typeof kindSchema>;

/** The kinds of staff training, their renewal periods and the entitlements that need them. */
export const staffTrainingPolicy = policySchema.parse(policyJson);

export const TRAINING_KIND_IDS = Object.keys(staffTrainingPolicy.kinds);
