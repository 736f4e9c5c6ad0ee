import type { FurtherInvestigationRecord, Role, ServiceDataQuery } from '@quantrad/store';
import { z } from 'zod';
import { recordStandaloneAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { ok, type Outcome } from '../outcome.ts';
import { waitingTimes } from '../reference/referral-criteria.ts';
import { daysBetween } from '../time.ts';
import { validate } from '../validate.ts';
import { serviceMeasures, type ServiceMeasure } from './service-data-measures.ts';

// Service data (ROS 5): the figures a service reviews and agrees with its commissioners, for any period.
// Aggregates only, no patient is named, so those who run, audit and check the service may read them:
// the service manager, the administrator, the auditor (ROS 9.2 audit programme) and the medical physics
// expert (QC and downtime, ROS 5.1-5.2). Every read is audited.

const READERS: readonly Role[] = ['service_manager', 'administrator', 'auditor', 'medical_physics_expert'];

/** The longest period one request may cover: three years, enough to compare years side by side. */
export const SERVICE_DATA_MAX_DAYS = 3 * 366;

/** The further investigations that refer the patient on to another service (ROS 4.7, ROS 5). */
const ONWARD_KINDS: readonly FurtherInvestigationRecord['kind'][] = [
  'specialist_referral',
  'falls_service',
  'fracture_liaison_service',
];

/** The period, first and last days included ('YYYY-MM-DD', UTC days). */
export const serviceDataRangeSchema = z.strictObject({
  from: z.iso.date({ error: 'must be a date, YYYY-MM-DD' }),
  to: z.iso.date({ error: 'must be a date, YYYY-MM-DD' }),
});

const checkedRangeSchema = serviceDataRangeSchema.superRefine((r, ctx) => {
  if (r.to < r.from) ctx.addIssue({ code: 'custom', path: ['to'], message: `is before from (${r.from})` });
  else if (daysBetween(r.from, r.to) + 1 > SERVICE_DATA_MAX_DAYS)
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `the period may be at most ${String(SERVICE_DATA_MAX_DAYS)} days: ask for it in parts`,
    });
});

export interface ServiceData {
  from: string;
  to: string;
  generatedAt: string;
  /** The targets the waits are measured against, with their sources. */
  targets: { scanWaitDays: number; scanWaitSource: string; reportWaitDays: number; reportWaitSource: string };
  measures: ServiceMeasure[];
}

const nextDay = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString();

/** The query for a period's figures, both days included, with the service's wait targets. */
export function serviceDataQuery(from: string, to: string, now: Date): ServiceDataQuery {
  return {
    fromAt: `${from}T00:00:00.000Z`,
    toAt: nextDay(to),
    fromDate: from,
    toDate: to,
    nowAt: now.toISOString(),
    scanBreachDays: waitingTimes.appointmentTargetDays,
    reportTargetDays: waitingTimes.reportTargetDays,
    onwardKinds: ONWARD_KINDS,
  };
}

/** The service data for a period, both days included (ROS 5). Audited. */
export async function serviceData(ctx: ServiceContext, input: unknown): Promise<Outcome<ServiceData>> {
  const parsed = validate(checkedRangeSchema, input);
  if (!parsed.ok) return parsed;
  const { from, to } = parsed.value;
  const allowed = await authorise(ctx, READERS, '*', {
    entityType: 'service_data',
    entityId: null,
    patientId: null,
    what: 'reading the service data',
    action: 'read',
  });
  if (!allowed.ok) return allowed;
  const now = ctx.now();
  const figures = await ctx.store.serviceData.figures(serviceDataQuery(from, to, now));
  await recordStandaloneAudit(ctx, {
    action: 'read',
    entityType: 'service_data',
    entityId: null,
    patientId: null,
    detail: { from, to },
  });
  return ok({
    from,
    to,
    generatedAt: now.toISOString(),
    targets: {
      scanWaitDays: waitingTimes.appointmentTargetDays,
      scanWaitSource: waitingTimes.source,
      reportWaitDays: waitingTimes.reportTargetDays,
      reportWaitSource: waitingTimes.reportSource,
    },
    measures: serviceMeasures(figures),
  });
}
