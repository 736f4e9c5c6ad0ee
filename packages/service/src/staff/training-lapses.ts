import type { Role, StaffTrainingHeld } from '@quantrad/store';
import { z } from 'zod';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { ok, type Outcome } from '../outcome.ts';
import { staffTrainingPolicy } from '../reference/staff-training-policy.ts';
import { addDays, daysBetween, isoDate } from '../time.ts';
import { validate } from '../validate.ts';
import { currentEntitlements } from './read-training.ts';
import { STAFF_RECORD_READERS } from './staff-access.ts';
import { trainingRequiredFor, trainingShortfalls } from './training-requirements.ts';

// Who lapses when (ROS 9.1: up-to-date training records; competency maintained): every member of
// staff's training that has lapsed or lapses within the window, and training an entitlement they hold
// needs but that was never recorded, with the entitlements each one stops.

export const trainingLapsesQuerySchema = z.strictObject({
  within: z.coerce.number().int().min(0).max(3650).default(staffTrainingPolicy.lapseReportDefaultWithinDays),
});

export interface TrainingLapse {
  userId: string;
  username: string;
  displayName: string;
  /** A training kind, or 'local_rules'. */
  requirement: string;
  name: string;
  /** lapsed: past its last day; lapsing: within the window; missing: needed but never recorded. */
  state: 'lapsed' | 'lapsing' | 'missing';
  /** The last day it counts (null when missing). */
  expiresOn: string | null;
  /** Days from today to expiresOn: negative once lapsed. */
  daysLeft: number | null;
  /** The user's current entitlements that need it. */
  entitlementsAffected: Role[];
  /** Whether those entitlements are refused today because of it. */
  refusedNow: boolean;
}

export interface TrainingLapseReport {
  today: string;
  withinDays: number;
  until: string;
  items: TrainingLapse[];
}

function lapsesFor(
  roles: readonly Role[],
  held: StaffTrainingHeld,
  today: string,
  until: string,
  enforced: boolean,
): Omit<TrainingLapse, 'userId' | 'username' | 'displayName'>[] {
  const items: Omit<TrainingLapse, 'userId' | 'username' | 'displayName'>[] = [];
  for (const t of held.training) {
    if (t.expiresOn === null || t.expiresOn > until) continue;
    const state = t.expiresOn < today ? 'lapsed' : 'lapsing';
    const affected = roles.filter((r) => trainingRequiredFor(r).includes(t.kind));
    items.push({
      requirement: t.kind,
      name: staffTrainingPolicy.kinds[t.kind]?.name ?? t.kind,
      state,
      expiresOn: t.expiresOn,
      daysLeft: daysBetween(today, t.expiresOn),
      entitlementsAffected: affected,
      refusedNow: enforced && state === 'lapsed' && affected.length > 0,
    });
  }
  const missing = new Map<string, { name: string; roles: Role[] }>();
  for (const role of roles) {
    for (const s of trainingShortfalls(role, held, today)) {
      if (s.state !== 'missing') continue;
      const entry = missing.get(s.requirement) ?? { name: s.name, roles: [] };
      entry.roles.push(role);
      missing.set(s.requirement, entry);
    }
  }
  for (const [requirement, m] of missing) {
    items.push({
      requirement,
      name: m.name,
      state: 'missing',
      expiresOn: null,
      daysLeft: null,
      entitlementsAffected: m.roles,
      refusedNow: enforced,
    });
  }
  return items;
}

/** The lapse report: `within` days ahead (default from the staff-training data). */
export async function trainingLapses(
  ctx: ServiceContext,
  query: unknown,
): Promise<Outcome<TrainingLapseReport>> {
  const parsed = validate(trainingLapsesQuerySchema, query);
  if (!parsed.ok) return parsed;
  const allowed = await authorise(ctx, STAFF_RECORD_READERS, '*', {
    entityType: 'staff_record',
    entityId: null,
    patientId: null,
    what: 'reading the training lapse report',
    action: 'read',
  });
  if (!allowed.ok) return allowed;
  const today = isoDate(ctx.now());
  const until = addDays(today, parsed.value.within);
  const enforced = ctx.trainingRequired ?? staffTrainingPolicy.enforceTrainingForEntitlements;
  const training = await ctx.store.staffTraining.currentTrainingOfAll();
  const readings = await ctx.store.staffTraining.localRulesHeldByAll();
  const items: TrainingLapse[] = [];
  for (const user of await ctx.store.users.list()) {
    if (user.disabledAt !== null) continue;
    const roles = [
      ...new Set(currentEntitlements(await ctx.store.users.entitlements(user.id), today).map((e) => e.role)),
    ];
    const held: StaffTrainingHeld = {
      training: training.filter((t) => t.userId === user.id),
      localRulesRead: readings.filter((r) => r.userId === user.id),
    };
    for (const lapse of lapsesFor(roles, held, today, until, enforced)) {
      items.push({ userId: user.id, username: user.username, displayName: user.displayName, ...lapse });
    }
  }
  // Missing first (refused now), then by the day each lapses; then by name.
  items.sort(
    (a, b) =>
      (a.expiresOn ?? '').localeCompare(b.expiresOn ?? '') ||
      a.username.localeCompare(b.username) ||
      a.requirement.localeCompare(b.requirement),
  );
  return ok({ today, withinDays: parsed.value.within, until, items });
}
