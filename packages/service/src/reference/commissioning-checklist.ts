import { ROLES } from '@quantrad/store';
import { z } from 'zod';
import checklistJson from '../../data/commissioning-checklist.json' with { type: 'json' };

export const COMMISSIONING_STAGES = [
  'prior_to_installation',
  'at_installation',
  'acceptance_testing',
  'after_installation',
] as const;

const itemSchema = z.strictObject({
  code: z.string().regex(/^[a-z_]+$/),
  stage: z.enum(COMMISSIONING_STAGES),
  text: z.string().min(1),
  /** Only this duty holder may record the item. */
  byRole: z.enum(ROLES).optional(),
  /** The item cannot be recorded as done without a report reference. */
  evidenceRequired: z.boolean().optional(),
  /** Checked from the record rather than ticked by hand. */
  verifiedBy: z.enum(['phantom_baseline', 'cross_calibration']).optional(),
});

export type CommissioningItem = z.infer<typeof itemSchema>;

/** ROS Appendix 3 as data: the checklist a new scanner passes before clinical use. */
export const commissioningChecklist = z
  .strictObject({ source: z.string(), items: z.array(itemSchema).min(1) })
  .refine((c) => new Set(c.items.map((i) => i.code)).size === c.items.length, {
    error: 'commissioning checklist item codes must be unique',
  })
  .parse(checklistJson);
