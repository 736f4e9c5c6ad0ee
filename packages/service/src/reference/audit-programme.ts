import { z } from 'zod';
import programmeJson from '../../data/audit-programme.json' with { type: 'json' };
import causesJson from '../../data/incident-causes.json' with { type: 'json' };

const percent = z.number().int().min(1).max(100);

/** The audit programme (ROS 9.2): the sampled percentage, targets and the audit types with sources. */
export const auditProgramme = z
  .strictObject({
    source: z.string(),
    samplePercent: percent,
    timeToScanTargetDays: z.number().int().positive(),
    timeToReportTargetDays: z.number().int().positive(),
    pregnancyEnquiryAgeYears: z.strictObject({
      from: z.number().int().min(0),
      to: z.number().int().max(120),
    }),
    pregnancyEnquirySource: z.string(),
    auditTypes: z
      .array(
        z.strictObject({
          id: z.string().min(1),
          group: z.enum(['irmer', 'clinical_quality', 'service']),
          title: z.string().min(1),
          source: z.string().min(1),
          sampleKind: z.enum(['referrals', 'scans']).nullable(),
        }),
      )
      .min(1),
  })
  .parse(programmeJson);

export type AuditType = (typeof auditProgramme.auditTypes)[number];

/** Root-cause categories for incidents and near misses (ROS 5), with where they come from. */
export const incidentCauses = z
  .strictObject({
    source: z.string(),
    causeCategories: z.array(z.strictObject({ id: z.string().min(1), title: z.string().min(1) })).min(1),
  })
  .parse(causesJson);

export const AUDIT_TYPE_IDS = auditProgramme.auditTypes.map((t) => t.id);
export const CAUSE_CATEGORY_IDS = incidentCauses.causeCategories.map((c) => c.id);
