import {
  COMMISSIONING_OUTCOMES,
  type CommissioningCheckRecord,
  type CommissioningRecord,
  type Repositories,
  type Role,
} from '@quantrad/store';
import { z } from 'zod';
import { recordAudit, recordStandaloneAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { fail, notFound, ok, type Outcome } from '../outcome.ts';
import { commissioningChecklist, type CommissioningItem } from '../reference/commissioning-checklist.ts';
import { validate } from '../validate.ts';

// Commissioning and acceptance of a new scanner (ROS Appendix 3). Once commissioning starts the scanner is
// out of clinical use until a medical physics expert releases it, which needs every checklist item done or
// not applicable (with why), the MPE's acceptance report, a phantom baseline and, for a replacement
// scanner, a cross-calibration from the scanner it replaces.

export const startCommissioningSchema = z.strictObject({
  replacesScannerId: z.string().trim().min(1).nullable().default(null),
});

export const commissioningCheckSchema = z
  .strictObject({
    outcome: z.enum(COMMISSIONING_OUTCOMES),
    note: z.string().trim().min(1).max(2000).nullable().default(null),
    /** The report or document that shows it (the critical examination report, the MPE's report). */
    evidence: z.string().trim().min(1).max(500).nullable().default(null),
  })
  .refine((c) => c.outcome !== 'not_applicable' || c.note !== null, {
    error: 'say why the item does not apply',
    path: ['note'],
  });

export const releaseScannerSchema = z.strictObject({
  note: z.string().trim().min(1).max(2000).nullable().default(null),
});

const MANAGERS: readonly Role[] = ['medical_physics_expert', 'service_manager'];
const RECORDERS: readonly Role[] = ['medical_physics_expert', 'service_manager', 'operator'];
const READERS: readonly Role[] = [...RECORDERS, 'administrator', 'auditor'];

export type CommissioningItemStatus = 'done' | 'not_applicable' | 'outstanding';

export interface CommissioningItemState extends CommissioningItem {
  status: CommissioningItemStatus;
  /** As recorded, or what the record shows for an item checked from the record. */
  detail: string | null;
  recordedBy: string | null;
  recordedAt: string | null;
  evidence: string | null;
}

export interface CommissioningState {
  commissioning: CommissioningRecord;
  items: CommissioningItemState[];
  outstanding: string[];
  readyForRelease: boolean;
}

async function verifiedState(
  tx: Repositories,
  item: CommissioningItem,
  c: CommissioningRecord,
): Promise<Pick<CommissioningItemState, 'status' | 'detail'>> {
  if (item.verifiedBy === 'phantom_baseline') {
    const baseline = await tx.qa.currentBaseline(c.scannerId);
    return baseline
      ? {
          status: 'done',
          detail: `baseline ${baseline.meanGcm2.toFixed(3)} g/cm² from ${String(baseline.scansGcm2.length)} scans`,
        }
      : { status: 'outstanding', detail: 'no phantom baseline on this scanner yet' };
  }
  // cross_calibration
  if (c.replacesScannerId === null) return { status: 'not_applicable', detail: 'not replacing a scanner' };
  const from = c.replacesScannerId;
  const found = (await tx.crossCalibrations.currentInto(c.scannerId)).filter((x) => x.fromScannerId === from);
  return found.length > 0
    ? { status: 'done', detail: `${String(found.length)} cross-calibration(s) from ${from}` }
    : { status: 'outstanding', detail: `no cross-calibration from ${from} recorded yet` };
}

async function stateOf(tx: Repositories, c: CommissioningRecord): Promise<CommissioningState> {
  const recorded = new Map((await tx.commissioning.checks(c.scannerId)).map((r) => [r.itemCode, r]));
  const items: CommissioningItemState[] = [];
  for (const item of commissioningChecklist.items) {
    if (item.verifiedBy) {
      items.push({
        ...item,
        ...(await verifiedState(tx, item, c)),
        recordedBy: null,
        recordedAt: null,
        evidence: null,
      });
      continue;
    }
    const r = recorded.get(item.code);
    items.push({
      ...item,
      status: r?.outcome ?? 'outstanding',
      detail: r?.note ?? null,
      recordedBy: r?.recordedBy ?? null,
      recordedAt: r?.recordedAt ?? null,
      evidence: r?.evidence ?? null,
    });
  }
  const outstanding = items.filter((i) => i.status === 'outstanding').map((i) => i.code);
  return { commissioning: c, items, outstanding, readyForRelease: outstanding.length === 0 };
}

/** Starts commissioning a scanner: from now until it is released no patient scan is recorded on it. */
export async function startCommissioning(
  ctx: ServiceContext,
  scannerId: string,
  input: unknown,
): Promise<Outcome<CommissioningState>> {
  const parsed = validate(startCommissioningSchema, input);
  if (!parsed.ok) return parsed;
  const scanner = await ctx.store.scanners.byId(scannerId);
  if (!scanner) return notFound('scanner', scannerId);
  const allowed = await authorise(ctx, MANAGERS, scanner.id, {
    entityType: 'scanner_commissioning',
    entityId: scanner.id,
    patientId: null,
    what: 'starting commissioning',
    action: 'create',
  });
  if (!allowed.ok) return allowed;
  // ROS Appendix 3 is DXA commissioning: its phantom baseline and cross-calibration exist only for DXA.
  if (scanner.modality !== 'dxa')
    return fail('invalid', `${scanner.id} is not a DXA scanner: the Appendix 3 checklist is for DXA`);
  const replaces = parsed.value.replacesScannerId;
  if (replaces !== null) {
    if (replaces === scanner.id)
      return fail('invalid', 'replacesScannerId: a scanner cannot replace itself', 'replacesScannerId');
    const old = await ctx.store.scanners.byId(replaces);
    if (!old) return fail('invalid', `replacesScannerId: no scanner ${replaces}`, 'replacesScannerId');
    if (old.modality !== 'dxa')
      return fail('invalid', `replacesScannerId: ${old.id} is not a DXA scanner`, 'replacesScannerId');
  }
  const record: CommissioningRecord = {
    scannerId: scanner.id,
    startedAt: ctx.now().toISOString(),
    startedBy: allowed.value.actor.userId,
    replacesScannerId: replaces,
    releasedAt: null,
    releasedBy: null,
    releaseNote: null,
  };
  return ctx.store.transaction(async (tx): Promise<Outcome<CommissioningState>> => {
    if (!(await tx.commissioning.start(record)))
      return fail('conflict', `${scanner.id} already has a commissioning record`);
    await recordAudit(tx, ctx, {
      action: 'create',
      entityType: 'scanner_commissioning',
      entityId: scanner.id,
      patientId: null,
      detail: { replacesScannerId: replaces },
    });
    return ok(await stateOf(tx, record));
  });
}

/** The checklist with each item's state, and what is still outstanding before release. */
export async function commissioningState(
  ctx: ServiceContext,
  scannerId: string,
): Promise<Outcome<CommissioningState>> {
  const allowed = await authorise(ctx, READERS, '*', {
    entityType: 'scanner_commissioning',
    entityId: scannerId,
    patientId: null,
    what: 'reading commissioning records',
    action: 'read',
  });
  if (!allowed.ok) return allowed;
  const c = await ctx.store.commissioning.forScanner(scannerId);
  if (!c) return notFound('commissioning record for scanner', scannerId);
  const state = await stateOf(ctx.store, c);
  await recordStandaloneAudit(ctx, {
    action: 'read',
    entityType: 'scanner_commissioning',
    entityId: scannerId,
    patientId: null,
  });
  return ok(state);
}

/** Records one checklist item as done (with evidence where the item needs it) or not applicable (with why). */
export async function recordCommissioningCheck(
  ctx: ServiceContext,
  scannerId: string,
  itemCode: string,
  input: unknown,
): Promise<Outcome<CommissioningState>> {
  const parsed = validate(commissioningCheckSchema, input);
  if (!parsed.ok) return parsed;
  const item = commissioningChecklist.items.find((i) => i.code === itemCode);
  if (!item) return notFound('commissioning checklist item', itemCode);
  const roles = item.byRole ? [item.byRole] : RECORDERS;
  const allowed = await authorise(ctx, roles, scannerId, {
    entityType: 'scanner_commissioning',
    entityId: scannerId,
    patientId: null,
    what: `recording commissioning item ${item.code}`,
    action: 'update',
  });
  if (!allowed.ok) return allowed;
  if (item.verifiedBy)
    return fail(
      'invalid',
      `${item.code}: checked from the record (${item.verifiedBy.replace('_', ' ')}), not recorded by hand`,
      'itemCode',
    );
  const check = parsed.value;
  // The critical examination (IRR 2017) and the MPE's acceptance cannot be waived: they need their report.
  if (check.outcome === 'not_applicable' && item.evidenceRequired)
    return fail('invalid', `outcome: ${item.code} always applies and needs its report`, 'outcome');
  if (check.outcome === 'done' && item.evidenceRequired && check.evidence === null)
    return fail('invalid', `evidence: ${item.code} needs the report that shows it`, 'evidence');
  return ctx.store.transaction(async (tx): Promise<Outcome<CommissioningState>> => {
    const c = await tx.commissioning.forScanner(scannerId);
    if (!c) return notFound('commissioning record for scanner', scannerId);
    if (c.releasedAt !== null)
      return fail('conflict', `${scannerId} was released for clinical use on ${c.releasedAt}`);
    const record: CommissioningCheckRecord = {
      scannerId,
      itemCode: item.code,
      outcome: check.outcome,
      note: check.note,
      evidence: check.evidence,
      recordedBy: allowed.value.actor.userId,
      recordedAt: ctx.now().toISOString(),
    };
    await tx.commissioning.recordCheck(record);
    await recordAudit(tx, ctx, {
      action: 'update',
      entityType: 'scanner_commissioning',
      entityId: scannerId,
      patientId: null,
      detail: { item: item.code, outcome: check.outcome, evidence: check.evidence },
    });
    return ok(await stateOf(tx, c));
  });
}

/**
 * The medical physics expert signs the scanner over to the department for clinical use (ROS Appendix 3),
 * refused while any item is outstanding.
 */
export async function releaseScanner(
  ctx: ServiceContext,
  scannerId: string,
  input: unknown,
): Promise<Outcome<CommissioningState>> {
  const parsed = validate(releaseScannerSchema, input);
  if (!parsed.ok) return parsed;
  const allowed = await authorise(ctx, ['medical_physics_expert'], scannerId, {
    entityType: 'scanner_commissioning',
    entityId: scannerId,
    patientId: null,
    what: 'releasing a scanner for clinical use',
    action: 'update',
  });
  if (!allowed.ok) return allowed;
  return ctx.store.transaction(async (tx): Promise<Outcome<CommissioningState>> => {
    const c = await tx.commissioning.forScanner(scannerId);
    if (!c) return notFound('commissioning record for scanner', scannerId);
    const state = await stateOf(tx, c);
    if (!state.readyForRelease)
      return fail(
        'conflict',
        `${scannerId} cannot be released for clinical use: outstanding ${state.outstanding.join(', ')} (ROS Appendix 3)`,
      );
    const at = ctx.now().toISOString();
    if (!(await tx.commissioning.release(scannerId, allowed.value.actor.userId, at, parsed.value.note)))
      return fail('conflict', `${scannerId} was already released for clinical use`);
    await recordAudit(tx, ctx, {
      action: 'update',
      entityType: 'scanner_commissioning',
      entityId: scannerId,
      patientId: null,
      detail: { released: true, note: parsed.value.note },
    });
    const released = await tx.commissioning.forScanner(scannerId);
    return ok(await stateOf(tx, released ?? c));
  });
}
