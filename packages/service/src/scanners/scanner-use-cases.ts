import { randomUUID } from 'node:crypto';
import type { DailyQcRecord, Repositories, ScannerRecord } from '@quantrad/store';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { fail, notFound, ok, type Outcome } from '../outcome.ts';
import { isoDate } from '../time.ts';
import { validate } from '../validate.ts';
import { equipmentPolicy } from '../reference/equipment-policy.ts';

export const newScannerSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9-]{1,32}$/, { error: 'use letters, digits and dashes, up to 32' }),
  modality: z.enum(['dxa', 'ct']),
  manufacturer: z.string().min(1).max(100),
  model: z.string().min(1).max(100),
  softwareVersion: z.string().max(50).nullable().default(null),
  location: z.string().min(1).max(200),
  /** How a patient finds the room, printed in the appointment letter (ROS 4.4). */
  directions: z.string().trim().min(1).max(1000).nullable().default(null),
  /** Step-free access, hoist, table weight limit, accessible toilet: in the letter (ROS 4.4). */
  accessibility: z.string().trim().min(1).max(1000).nullable().default(null),
  serialNumber: z.string().trim().min(1).max(100).nullable().default(null),
  /** The date it was installed; its useful life is about 10 years (ROS 5.2). */
  installedOn: z.iso.date().nullable().default(null),
});

export const dailyQcSchema = z.strictObject({
  scannerId: z.string().min(1),
  passed: z.boolean(),
  /** The phantom readings as the scanner gives them, e.g. { "phantomBmdGcm2": 1.021 }. */
  measurements: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).default({}),
  note: z.string().max(2000).nullable().default(null),
});

/** A medical physics expert or administrator adds a scanner. */
export async function registerScanner(ctx: ServiceContext, input: unknown): Promise<Outcome<ScannerRecord>> {
  const parsed = validate(newScannerSchema, input);
  if (!parsed.ok) return parsed;
  const allowed = await authorise(ctx, ['medical_physics_expert', 'administrator'], '*', {
    entityType: 'scanner',
    entityId: parsed.value.id,
    patientId: null,
    what: 'adding a scanner',
    action: 'create',
  });
  if (!allowed.ok) return allowed;
  if (await ctx.store.scanners.byId(parsed.value.id))
    return fail('conflict', `scanner ${parsed.value.id} exists`, 'id');
  const scanner: ScannerRecord = { ...parsed.value, active: true };
  await ctx.store.transaction(async (tx) => {
    await tx.scanners.insert(scanner);
    await recordAudit(tx, ctx, {
      action: 'create',
      entityType: 'scanner',
      entityId: scanner.id,
      patientId: null,
    });
  });
  return ok(scanner);
}

/** The day's QC result: the latest run decides, so a failure after a pass stops scanning (ROS 5.1). */
export async function dailyQcPassed(tx: Repositories, scannerId: string, date: string): Promise<boolean> {
  const runs = await tx.scanners.qcOn(scannerId, date);
  return runs.at(-1)?.passed === true;
}

/** An operator or physicist records the daily QC phantom scan as passed or failed (ROS 5.1). */
export async function recordDailyQc(ctx: ServiceContext, input: unknown): Promise<Outcome<DailyQcRecord>> {
  const parsed = validate(dailyQcSchema, input);
  if (!parsed.ok) return parsed;
  const q = parsed.value;
  const scanner = await ctx.store.scanners.byId(q.scannerId);
  if (!scanner) return notFound('scanner', q.scannerId);
  const allowed = await authorise(ctx, ['operator', 'medical_physics_expert'], scanner.id, {
    entityType: 'daily_qc',
    entityId: scanner.id,
    patientId: null,
    what: 'recording daily QC',
    action: 'create',
  });
  if (!allowed.ok) return allowed;
  if (!q.passed && (q.note === null || q.note.trim() === ''))
    return fail('invalid', 'note: say what failed and what was done about it', 'note');
  // ROS 5.1: an out-of-control phantom scan fails QC until a physicist has closed its alert; no one passes
  // the day's QC by hand over it.
  if (q.passed && (await ctx.store.qa.openAlerts(scanner.id)).length > 0)
    return fail(
      'conflict',
      `passed: ${scanner.id} has an open phantom out-of-control alert; a medical physics expert closes it before QC can pass`,
      'passed',
    );
  const now = ctx.now();
  const record: DailyQcRecord = {
    id: randomUUID(),
    scannerId: scanner.id,
    qcDate: isoDate(now),
    performedAt: now.toISOString(),
    performedBy: allowed.value.actor.userId,
    passed: q.passed,
    measurements: q.measurements,
    note: q.note,
  };
  await ctx.store.transaction(async (tx) => {
    await tx.scanners.insertQc(record);
    await recordAudit(tx, ctx, {
      action: 'create',
      entityType: 'daily_qc',
      entityId: record.id,
      patientId: null,
      detail: { scannerId: scanner.id, passed: q.passed },
    });
  });
  return ok(record);
}

export interface ScannerStatus extends ScannerRecord {
  /** Today's daily QC: passed, failed, or not yet done (no patient scans until it passes, ROS 5.1). */
  dailyQcToday: 'passed' | 'failed' | 'not_done';
  /** With the service engineer now: no patient scans until it is received back (ROS 5.2). */
  withEngineer: boolean;
  /** Being commissioned: no patient scans until the physicist releases it (ROS Appendix 3). */
  awaitingRelease: boolean;
  /** Near or past the end of its useful life (ROS 5.2), in words; null when not, or not known. */
  replacementWarning: string | null;
}

/** ROS 5.2: a warning as a scanner nears the end of its useful life of about 10 years. */
export function replacementWarning(installedOn: string | null, today: string): string | null {
  if (installedOn === null) return null;
  const endOfLife = addYears(installedOn, equipmentPolicy.usefulLifeYears);
  const warnFrom = addYears(endOfLife, -equipmentPolicy.warnYearsBefore);
  if (today < warnFrom) return null;
  return today >= endOfLife
    ? `past its useful life of about ${String(equipmentPolicy.usefulLifeYears)} years (installed ${installedOn}): plan its replacement and cross-calibration`
    : `reaches ${String(equipmentPolicy.usefulLifeYears)} years on ${endOfLife}: plan its replacement and cross-calibration`;
}

function addYears(isoDay: string, years: number): string {
  const year = Number(isoDay.slice(0, 4)) + years;
  return `${String(year).padStart(4, '0')}${isoDay.slice(4)}`;
}

/** Every scanner with today's QC status, for anyone signed in to the service. */
export async function listScanners(ctx: ServiceContext): Promise<Outcome<ScannerStatus[]>> {
  if (!ctx.actor) return fail('unauthenticated', 'sign in to continue');
  const today = isoDate(ctx.now());
  const result: ScannerStatus[] = [];
  for (const s of await ctx.store.scanners.list()) {
    const runs = await ctx.store.scanners.qcOn(s.id, today);
    const last = runs.at(-1);
    result.push({
      ...s,
      dailyQcToday: last === undefined ? 'not_done' : last.passed ? 'passed' : 'failed',
      withEngineer: (await ctx.store.maintenance.withEngineer(s.id)).length > 0,
      awaitingRelease: await ctx.store.commissioning.awaitingRelease(s.id),
      replacementWarning: replacementWarning(s.installedOn, today),
    });
  }
  return ok(result);
}
