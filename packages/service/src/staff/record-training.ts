import { randomUUID } from 'node:crypto';
import type { CpdEntryRecord, LocalRulesReadingRecord, TrainingRecord } from '@quantrad/store';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceContext } from '../context.ts';
import { fail, notFound, ok, type Outcome } from '../outcome.ts';
import { staffTrainingPolicy, TRAINING_KIND_IDS } from '../reference/staff-training-policy.ts';
import { isoDate } from '../time.ts';
import { validate } from '../validate.ts';
import { authoriseStaffRecord, STAFF_RECORD_KEEPERS } from './staff-access.ts';
import { expiryFor } from './training-requirements.ts';

// Recording staff training, CPD and local-rules reading (ROS 6.1, 9.1; Appendix 3).

export const trainingRecordSchema = z.strictObject({
  kind: z.enum(TRAINING_KIND_IDS),
  completedOn: z.iso.date(),
  /** The last day it counts; unset, the kind's renewal period decides; null, it never lapses. */
  expiresOn: z.iso.date().nullable().optional(),
  evidence: z.string().trim().min(1).max(500).nullable().default(null),
});

export const cpdEntrySchema = z.strictObject({
  doneOn: z.iso.date(),
  hours: z.number().positive().max(100),
  activity: z.string().trim().min(1).max(1000),
});

export const localRulesReadSchema = z.strictObject({
  version: z.string().trim().min(1).max(50).default(staffTrainingPolicy.localRules.currentVersion),
  readOn: z.iso.date().optional(),
});

function notInFuture(day: string, today: string, field: string): Outcome<void> {
  return day > today ? fail('invalid', `${field}: is in the future`, field) : ok(undefined);
}

/** A service manager or administrator records a member of staff's training or competency. */
export async function recordTraining(
  ctx: ServiceContext,
  userId: string,
  input: unknown,
): Promise<Outcome<TrainingRecord>> {
  const parsed = validate(trainingRecordSchema, input);
  if (!parsed.ok) return parsed;
  const allowed = await authoriseStaffRecord(ctx, userId, {
    roles: STAFF_RECORD_KEEPERS,
    ownAllowed: false,
    what: "recording a member of staff's training",
    action: 'create',
  });
  if (!allowed.ok) return allowed;
  if (!(await ctx.store.users.byId(userId))) return notFound('user', userId);
  const t = parsed.value;
  const future = notInFuture(t.completedOn, isoDate(ctx.now()), 'completedOn');
  if (!future.ok) return future;
  const expiresOn = t.expiresOn === undefined ? expiryFor(t.kind, t.completedOn) : t.expiresOn;
  if (expiresOn !== null && expiresOn < t.completedOn)
    return fail('invalid', 'expiresOn: is before completedOn', 'expiresOn');
  const record: TrainingRecord = {
    id: randomUUID(),
    userId,
    kind: t.kind,
    completedOn: t.completedOn,
    expiresOn,
    evidence: t.evidence,
    recordedBy: allowed.value.userId,
    recordedAt: ctx.now().toISOString(),
  };
  await ctx.store.transaction(async (tx) => {
    await tx.staffTraining.insertTraining(record);
    await recordAudit(tx, ctx, {
      action: 'create',
      entityType: 'staff_training',
      entityId: record.id,
      patientId: null,
      detail: { userId, kind: record.kind, completedOn: record.completedOn, expiresOn },
    });
  });
  return ok(record);
}

/** A CPD activity, recorded by the member of staff themselves or by a manager (ROS 9.1). */
export async function recordCpd(
  ctx: ServiceContext,
  userId: string,
  input: unknown,
): Promise<Outcome<CpdEntryRecord>> {
  const parsed = validate(cpdEntrySchema, input);
  if (!parsed.ok) return parsed;
  const allowed = await authoriseStaffRecord(ctx, userId, {
    roles: STAFF_RECORD_KEEPERS,
    ownAllowed: true,
    what: "recording a member of staff's CPD",
    action: 'create',
  });
  if (!allowed.ok) return allowed;
  if (!(await ctx.store.users.byId(userId))) return notFound('user', userId);
  const future = notInFuture(parsed.value.doneOn, isoDate(ctx.now()), 'doneOn');
  if (!future.ok) return future;
  const entry: CpdEntryRecord = {
    id: randomUUID(),
    userId,
    ...parsed.value,
    recordedBy: allowed.value.userId,
    recordedAt: ctx.now().toISOString(),
  };
  await ctx.store.transaction(async (tx) => {
    await tx.staffTraining.insertCpd(entry);
    await recordAudit(tx, ctx, {
      action: 'create',
      entityType: 'cpd_entry',
      entityId: entry.id,
      patientId: null,
      detail: { userId, doneOn: entry.doneOn, hours: entry.hours },
    });
  });
  return ok(entry);
}

/** A confirmation that a member of staff has read a version of the local rules (Appendix 3). */
export async function recordLocalRulesRead(
  ctx: ServiceContext,
  userId: string,
  input: unknown,
): Promise<Outcome<LocalRulesReadingRecord>> {
  const parsed = validate(localRulesReadSchema, input);
  if (!parsed.ok) return parsed;
  const allowed = await authoriseStaffRecord(ctx, userId, {
    roles: STAFF_RECORD_KEEPERS,
    ownAllowed: true,
    what: 'recording who has read the local rules',
    action: 'create',
  });
  if (!allowed.ok) return allowed;
  if (!(await ctx.store.users.byId(userId))) return notFound('user', userId);
  const today = isoDate(ctx.now());
  const readOn = parsed.value.readOn ?? today;
  const future = notInFuture(readOn, today, 'readOn');
  if (!future.ok) return future;
  const reading: LocalRulesReadingRecord = {
    id: randomUUID(),
    userId,
    version: parsed.value.version,
    readOn,
    recordedBy: allowed.value.userId,
    recordedAt: ctx.now().toISOString(),
  };
  await ctx.store.transaction(async (tx) => {
    await tx.staffTraining.insertLocalRulesReading(reading);
    await recordAudit(tx, ctx, {
      action: 'create',
      entityType: 'local_rules_reading',
      entityId: reading.id,
      patientId: null,
      detail: { userId, version: reading.version, readOn },
    });
  });
  return ok(reading);
}
