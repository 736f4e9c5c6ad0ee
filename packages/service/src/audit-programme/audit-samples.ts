import { randomInt, randomUUID } from 'node:crypto';
import type { AuditSampleRecord } from '@quantrad/store';
import { recordAudit, recordStandaloneAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { fail, ok, type Outcome } from '../outcome.ts';
import { auditProgramme } from '../reference/audit-programme.ts';
import { validate } from '../validate.ts';
import { AUDIT_RUNNERS } from './audit-roles.ts';
import { drawAuditSample } from './audit-sample.ts';
import { drawSampleSchema } from './audit-input.ts';

export interface DrawnSample {
  sample: AuditSampleRecord;
  /** False when the month's sample was drawn before: the stored one is returned, never a new one. */
  drawn: boolean;
}

/** The first instant of a month and of the month after it, in UTC. */
export function monthBounds(month: string): { from: string; to: string } {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return {
    from: new Date(Date.UTC(year, monthNumber - 1, 1)).toISOString(),
    to: new Date(Date.UTC(year, monthNumber, 1)).toISOString(),
  };
}

/**
 * Draws a month's random sample of referrals received or patients scanned (ROS 9.2: 10% a year, monthly),
 * records it with its seed, and returns the stored one if that month was drawn already.
 */
export async function drawMonthlySample(ctx: ServiceContext, input: unknown): Promise<Outcome<DrawnSample>> {
  const parsed = validate(drawSampleSchema, input);
  if (!parsed.ok) return parsed;
  const { month, kind } = parsed.value;
  const allowed = await authorise(ctx, AUDIT_RUNNERS, '*', {
    entityType: 'audit_sample',
    entityId: null,
    patientId: null,
    what: 'drawing an audit sample',
    action: 'create',
  });
  if (!allowed.ok) return allowed;
  const stored = await ctx.store.auditProgramme.sampleFor(month, kind);
  if (stored) return returnStored(ctx, stored);
  const { from, to } = monthBounds(month);
  if (ctx.now().toISOString() < to)
    return fail('invalid', `month: ${month} has not ended yet; draw its sample once it has`, 'month');
  const seed = parsed.value.seed ?? randomInt(0, 4294967296);
  const ids = await ctx.store.auditProgramme.idsBetween(kind, from, to);
  const drawn = drawAuditSample(seed, month, ids, auditProgramme.samplePercent);
  const sample: AuditSampleRecord = {
    id: randomUUID(),
    month,
    kind,
    seed: drawn.seed,
    samplePercent: auditProgramme.samplePercent,
    populationSize: drawn.populationSize,
    itemIds: drawn.ids,
    drawnAt: ctx.now().toISOString(),
    drawnBy: allowed.value.actor.userId,
  };
  const inserted = await ctx.store.transaction(async (tx) => {
    if (!(await tx.auditProgramme.insertSample(sample))) return false;
    await recordAudit(tx, ctx, {
      action: 'create',
      entityType: 'audit_sample',
      entityId: sample.id,
      patientId: null,
      detail: { month, kind, seed: sample.seed, populationSize: sample.populationSize },
    });
    return true;
  });
  if (inserted) return ok({ sample, drawn: true });
  // Someone drew the same month at the same moment: theirs stands.
  const theirs = await ctx.store.auditProgramme.sampleFor(month, kind);
  return theirs ? returnStored(ctx, theirs) : fail('conflict', 'the sample could not be stored: try again');
}

async function returnStored(ctx: ServiceContext, sample: AuditSampleRecord): Promise<Outcome<DrawnSample>> {
  await recordStandaloneAudit(ctx, {
    action: 'read',
    entityType: 'audit_sample',
    entityId: sample.id,
    patientId: null,
  });
  return ok({ sample, drawn: false });
}
