import { randomUUID } from 'node:crypto';
import { MAINTENANCE_KINDS, type MaintenanceEventRecord, type Role } from '@quantrad/store';
import { z } from 'zod';
import { recordAudit, recordStandaloneAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { fail, notFound, ok, type Outcome } from '../outcome.ts';
import { validate } from '../validate.ts';

// The maintenance and fault log (ROS 5.1-5.2): operators log problems for the engineer's visit; the
// scanner is handed over to the service engineer and received back into clinical use, each by name
// and time (the AXREM handover); while it is with the engineer no patient scan can be recorded on it.

const text = (max: number): z.ZodString => z.string().trim().min(1).max(max);

export const maintenanceEntrySchema = z.strictObject({
  kind: z.enum(MAINTENANCE_KINDS),
  description: text(4000),
});

export const handOverSchema = z.strictObject({
  /** The engineer and company taking responsibility for the scanner and its controlled area. */
  engineer: text(200),
});

export const receiveBackSchema = z.strictObject({
  /** What the engineer did and found. */
  engineerReport: text(4000),
  /** The checks made before patients are scanned again (phantom scan, QC, safety). */
  checksOnReturn: text(2000),
});

const LOGGERS: readonly Role[] = ['operator', 'medical_physics_expert', 'service_manager'];
const HANDOVER: readonly Role[] = ['operator', 'medical_physics_expert'];
const READERS: readonly Role[] = [...LOGGERS, 'administrator', 'auditor'];

/** Adds a fault, maintenance visit or upgrade to a scanner's log. */
export async function logMaintenance(
  ctx: ServiceContext,
  scannerId: string,
  input: unknown,
): Promise<Outcome<MaintenanceEventRecord>> {
  const parsed = validate(maintenanceEntrySchema, input);
  if (!parsed.ok) return parsed;
  const scanner = await ctx.store.scanners.byId(scannerId);
  if (!scanner) return notFound('scanner', scannerId);
  const allowed = await authorise(ctx, LOGGERS, scanner.id, {
    entityType: 'maintenance_event',
    entityId: scanner.id,
    patientId: null,
    what: 'logging a fault or maintenance',
    action: 'create',
  });
  if (!allowed.ok) return allowed;
  const entry: MaintenanceEventRecord = {
    id: randomUUID(),
    scannerId: scanner.id,
    kind: parsed.value.kind,
    reportedAt: ctx.now().toISOString(),
    reportedBy: allowed.value.actor.userId,
    description: parsed.value.description,
    handedOverAt: null,
    handedOverBy: null,
    engineer: null,
    returnedAt: null,
    returnedBy: null,
    engineerReport: null,
    checksOnReturn: null,
  };
  await ctx.store.transaction(async (tx) => {
    await tx.maintenance.insert(entry);
    await recordAudit(tx, ctx, {
      action: 'create',
      entityType: 'maintenance_event',
      entityId: entry.id,
      patientId: null,
      detail: { scannerId: scanner.id, kind: entry.kind },
    });
  });
  return ok(entry);
}

async function changeHandover(
  ctx: ServiceContext,
  eventId: string,
  what: string,
  change: (entry: MaintenanceEventRecord, actorId: string, at: string) => Outcome<MaintenanceEventRecord>,
): Promise<Outcome<MaintenanceEventRecord>> {
  const entry = await ctx.store.maintenance.byId(eventId);
  if (!entry) return notFound('maintenance entry', eventId);
  const allowed = await authorise(ctx, HANDOVER, entry.scannerId, {
    entityType: 'maintenance_event',
    entityId: entry.id,
    patientId: null,
    what,
    action: 'update',
  });
  if (!allowed.ok) return allowed;
  const changed = change(entry, allowed.value.actor.userId, ctx.now().toISOString());
  if (!changed.ok) return changed;
  return ctx.store.transaction(async (tx): Promise<Outcome<MaintenanceEventRecord>> => {
    if (!(await tx.maintenance.update(changed.value, { handedOverAt: entry.handedOverAt })))
      return fail('conflict', 'someone else changed this entry at the same moment: reload it');
    await recordAudit(tx, ctx, {
      action: 'update',
      entityType: 'maintenance_event',
      entityId: entry.id,
      patientId: null,
      detail: { scannerId: entry.scannerId, step: what },
    });
    return ok(changed.value);
  });
}

/** Hands the scanner over to the service engineer: out of clinical use from now (ROS 5.2). */
export function handOverToEngineer(
  ctx: ServiceContext,
  eventId: string,
  input: unknown,
): Promise<Outcome<MaintenanceEventRecord>> {
  const parsed = validate(handOverSchema, input);
  if (!parsed.ok) return Promise.resolve(parsed);
  return changeHandover(ctx, eventId, 'handing the scanner over to the engineer', (entry, actorId, at) =>
    entry.handedOverAt !== null
      ? fail('conflict', `the scanner was handed over for this entry at ${entry.handedOverAt}`)
      : ok({ ...entry, handedOverAt: at, handedOverBy: actorId, engineer: parsed.value.engineer }),
  );
}

/** Receives the scanner back into clinical use, with the engineer's report and the checks made. */
export function receiveFromEngineer(
  ctx: ServiceContext,
  eventId: string,
  input: unknown,
): Promise<Outcome<MaintenanceEventRecord>> {
  const parsed = validate(receiveBackSchema, input);
  if (!parsed.ok) return Promise.resolve(parsed);
  return changeHandover(ctx, eventId, 'receiving the scanner back into clinical use', (entry, actorId, at) =>
    entry.handedOverAt === null
      ? fail('conflict', 'the scanner was not handed over to an engineer for this entry')
      : entry.returnedAt !== null
        ? fail('conflict', `the scanner was received back at ${entry.returnedAt}`)
        : ok({
            ...entry,
            returnedAt: at,
            returnedBy: actorId,
            engineerReport: parsed.value.engineerReport,
            checksOnReturn: parsed.value.checksOnReturn,
          }),
  );
}

/** A scanner's maintenance and fault log, newest first. */
export async function maintenanceLog(
  ctx: ServiceContext,
  scannerId: string,
): Promise<Outcome<MaintenanceEventRecord[]>> {
  const scanner = await ctx.store.scanners.byId(scannerId);
  if (!scanner) return notFound('scanner', scannerId);
  const allowed = await authorise(ctx, READERS, '*', {
    entityType: 'maintenance_event',
    entityId: scanner.id,
    patientId: null,
    what: 'reading the maintenance log',
    action: 'read',
  });
  if (!allowed.ok) return allowed;
  const log = await ctx.store.maintenance.forScanner(scanner.id);
  await recordStandaloneAudit(ctx, {
    action: 'read',
    entityType: 'maintenance_event',
    entityId: scanner.id,
    patientId: null,
  });
  return ok(log);
}
