import { randomUUID } from 'node:crypto';
import {
  ANCILLARY_KINDS,
  type AncillaryEquipmentRecord,
  type CalibrationCheckRecord,
  type Role,
} from '@quantrad/store';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { fail, notFound, ok, type Outcome } from '../outcome.ts';
import { equipmentPolicy } from '../reference/equipment-policy.ts';
import { addDays, isoDate } from '../time.ts';
import { validate } from '../validate.ts';

// Weighing scales, stadiometers and hoists (ROS 5.2): each checked at its own interval; the list says
// which are due, overdue or failed, so measured height and weight (ROS 4.5) can be trusted.

export const ancillaryEquipmentSchema = z.strictObject({
  kind: z.enum(ANCILLARY_KINDS),
  label: z.string().trim().min(1).max(100),
  location: z.string().trim().min(1).max(200),
  checkIntervalDays: z.number().int().min(1).max(3650).default(equipmentPolicy.ancillaryCheckIntervalDays),
});

export const calibrationCheckSchema = z.strictObject({
  checkedOn: z.iso.date().optional(),
  passed: z.boolean(),
  note: z.string().trim().min(1).max(2000).nullable().default(null),
});

export type CalibrationState = 'never_checked' | 'failed' | 'overdue' | 'due_soon' | 'in_date';

export interface CalibrationStatus {
  lastCheck: CalibrationCheckRecord | null;
  /** The day the next check is due: the last passed check plus the interval. */
  nextDueOn: string | null;
  state: CalibrationState;
}

/** Where an item stands on a day, from its checks (oldest first). */
export function calibrationStatus(
  item: Pick<AncillaryEquipmentRecord, 'checkIntervalDays'>,
  checks: readonly CalibrationCheckRecord[],
  today: string,
): CalibrationStatus {
  const lastCheck = checks.at(-1) ?? null;
  if (lastCheck === null) return { lastCheck, nextDueOn: null, state: 'never_checked' };
  if (!lastCheck.passed) return { lastCheck, nextDueOn: null, state: 'failed' };
  const nextDueOn = addDays(lastCheck.checkedOn, item.checkIntervalDays);
  const state: CalibrationState =
    today > nextDueOn
      ? 'overdue'
      : today >= addDays(nextDueOn, -equipmentPolicy.ancillaryDueSoonDays)
        ? 'due_soon'
        : 'in_date';
  return { lastCheck, nextDueOn, state };
}

const MANAGERS: readonly Role[] = ['medical_physics_expert', 'service_manager', 'administrator'];
const CHECKERS: readonly Role[] = ['operator', 'medical_physics_expert'];
const READERS: readonly Role[] = [...new Set([...MANAGERS, ...CHECKERS, 'auditor' as const])];

export async function addAncillaryEquipment(
  ctx: ServiceContext,
  input: unknown,
): Promise<Outcome<AncillaryEquipmentRecord>> {
  const parsed = validate(ancillaryEquipmentSchema, input);
  if (!parsed.ok) return parsed;
  const allowed = await authorise(ctx, MANAGERS, '*', {
    entityType: 'ancillary_equipment',
    entityId: null,
    patientId: null,
    what: 'adding scales, a stadiometer or a hoist',
    action: 'create',
  });
  if (!allowed.ok) return allowed;
  if (await ctx.store.equipment.byLabel(parsed.value.label))
    return fail('conflict', `label: ${parsed.value.label} is already recorded`, 'label');
  const item: AncillaryEquipmentRecord = {
    id: randomUUID(),
    ...parsed.value,
    addedAt: ctx.now().toISOString(),
    addedBy: allowed.value.actor.userId,
  };
  await ctx.store.transaction(async (tx) => {
    await tx.equipment.insert(item);
    await recordAudit(tx, ctx, {
      action: 'create',
      entityType: 'ancillary_equipment',
      entityId: item.id,
      patientId: null,
      detail: { kind: item.kind, label: item.label },
    });
  });
  return ok(item);
}

export async function recordCalibrationCheck(
  ctx: ServiceContext,
  equipmentId: string,
  input: unknown,
): Promise<Outcome<CalibrationCheckRecord>> {
  const parsed = validate(calibrationCheckSchema, input);
  if (!parsed.ok) return parsed;
  const item = await ctx.store.equipment.byId(equipmentId);
  if (!item) return notFound('equipment', equipmentId);
  const allowed = await authorise(ctx, CHECKERS, '*', {
    entityType: 'calibration_check',
    entityId: item.id,
    patientId: null,
    what: 'recording a calibration check',
    action: 'create',
  });
  if (!allowed.ok) return allowed;
  const today = isoDate(ctx.now());
  const checkedOn = parsed.value.checkedOn ?? today;
  if (checkedOn > today) return fail('invalid', 'checkedOn: is in the future', 'checkedOn');
  if (!parsed.value.passed && parsed.value.note === null)
    return fail('invalid', 'note: say what failed and what was done about it', 'note');
  const check: CalibrationCheckRecord = {
    id: randomUUID(),
    equipmentId: item.id,
    checkedOn,
    checkedBy: allowed.value.actor.userId,
    passed: parsed.value.passed,
    note: parsed.value.note,
  };
  await ctx.store.transaction(async (tx) => {
    await tx.equipment.insertCheck(check);
    await recordAudit(tx, ctx, {
      action: 'create',
      entityType: 'calibration_check',
      entityId: check.id,
      patientId: null,
      detail: { equipment: item.label, passed: check.passed },
    });
  });
  return ok(check);
}

export async function listAncillaryEquipment(
  ctx: ServiceContext,
): Promise<Outcome<(AncillaryEquipmentRecord & CalibrationStatus)[]>> {
  const allowed = await authorise(ctx, READERS, '*', {
    entityType: 'ancillary_equipment',
    entityId: null,
    patientId: null,
    what: 'reading the equipment list',
    action: 'read',
  });
  if (!allowed.ok) return allowed;
  const today = isoDate(ctx.now());
  const items = await ctx.store.equipment.list();
  const result: (AncillaryEquipmentRecord & CalibrationStatus)[] = [];
  for (const item of items) {
    result.push({ ...item, ...calibrationStatus(item, await ctx.store.equipment.checks(item.id), today) });
  }
  return ok(result);
}
