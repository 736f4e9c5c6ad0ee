import { randomUUID } from 'node:crypto';
import type { EntitlementRecord } from '@quantrad/store';
import { z } from 'zod';
import { entitlementFor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { authorise, type Authorised } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { fail, notFound, ok, type Outcome } from '../outcome.ts';
import { isoDate } from '../time.ts';
import { validate } from '../validate.ts';
import { entitlementState, userView, type EntitlementView, type UserView } from './read-users.ts';
import { entitlementInputSchema } from './user-input.ts';

// An administrator changes who may do what (ROS 4.1: duty holders entitled by the employer's
// procedures): adds an entitlement for a period, ends one, or deactivates a user. Every change is
// audited; an administrator cannot take away their own last administrator entitlement or their own
// account, so the service is never left with nobody able to manage it by mistake.

export const endEntitlementSchema = z.strictObject({
  reason: z.string().trim().min(1).max(500).nullable().default(null),
});

export const deactivateUserSchema = z.strictObject({
  reason: z.string().trim().min(1).max(500).nullable().default(null),
});

/** An entitlement's last day before its first is refused, naming the field at `path`. */
export function entitlementDatesProblem(
  e: { validFrom: string; validUntil?: string | null | undefined },
  path: string,
): Outcome<void> {
  if (e.validUntil !== undefined && e.validUntil !== null && e.validUntil < e.validFrom)
    return fail('invalid', 'validUntil: is before validFrom', `${path}validUntil`);
  return ok(undefined);
}

function administrator(ctx: ServiceContext, userId: string, what: string): Promise<Outcome<Authorised>> {
  return authorise(ctx, ['administrator'], '*', {
    entityType: 'user',
    entityId: userId,
    patientId: null,
    what,
    action: 'update',
  });
}

/** Adds an entitlement (role, scope, from, until) to a user. */
export async function addEntitlement(
  ctx: ServiceContext,
  userId: string,
  input: unknown,
): Promise<Outcome<EntitlementView>> {
  const parsed = validate(entitlementInputSchema, input);
  if (!parsed.ok) return parsed;
  const allowed = await administrator(ctx, userId, 'adding an entitlement');
  if (!allowed.ok) return allowed;
  const dates = entitlementDatesProblem(parsed.value, '');
  if (!dates.ok) return dates;
  const user = await ctx.store.users.byId(userId);
  if (!user) return notFound('user', userId);
  const e: EntitlementRecord = {
    id: randomUUID(),
    userId,
    ...parsed.value,
    grantedBy: allowed.value.actor.userId,
    revokedAt: null,
  };
  await ctx.store.transaction(async (tx) => {
    await tx.users.insertEntitlement(e);
    await recordAudit(tx, ctx, {
      action: 'create',
      entityType: 'entitlement',
      entityId: e.id,
      patientId: null,
      detail: { userId, role: e.role, scope: e.scope, validFrom: e.validFrom, validUntil: e.validUntil },
    });
  });
  return ok({
    id: e.id,
    role: e.role,
    scope: e.scope,
    validFrom: e.validFrom,
    validUntil: e.validUntil,
    revokedAt: null,
    note: e.note,
    state: entitlementState(e, isoDate(ctx.now())),
  });
}

/** Ends an entitlement now; the record stays, marked ended, for the audit trail. */
export async function endEntitlement(
  ctx: ServiceContext,
  userId: string,
  entitlementId: string,
  input: unknown,
): Promise<Outcome<UserView>> {
  const parsed = validate(endEntitlementSchema, input);
  if (!parsed.ok) return parsed;
  const allowed = await administrator(ctx, userId, 'ending an entitlement');
  if (!allowed.ok) return allowed;
  const user = await ctx.store.users.byId(userId);
  if (!user) return notFound('user', userId);
  const entitlements = await ctx.store.users.entitlements(userId);
  const ending = entitlements.find((e) => e.id === entitlementId);
  if (!ending) return notFound('entitlement', entitlementId);
  if (ending.revokedAt !== null) return fail('conflict', `this entitlement was ended on ${ending.revokedAt}`);
  const today = isoDate(ctx.now());
  const actor = allowed.value.actor;
  // Judged on the entitlements just read, not the session's copy, which may be a moment old.
  if (actor.userId === userId && ending.role === 'administrator') {
    const others = { ...actor, entitlements: entitlements.filter((e) => e.id !== entitlementId) };
    if (!entitlementFor(others, 'administrator', '*', today))
      return fail('conflict', 'you cannot end your own last administrator entitlement');
  }
  const at = ctx.now().toISOString();
  const ended = await ctx.store.transaction(async (tx) => {
    if (!(await tx.users.revokeEntitlement(entitlementId, at))) return false;
    await recordAudit(tx, ctx, {
      action: 'update',
      entityType: 'entitlement',
      entityId: entitlementId,
      patientId: null,
      detail: { userId, role: ending.role, scope: ending.scope, ended: at, reason: parsed.value.reason },
    });
    return true;
  });
  if (!ended) return fail('conflict', 'this entitlement has already been ended');
  return ok(userView(user, await ctx.store.users.entitlements(userId), today));
}

/** Deactivates a user: they can no longer sign in, and their sessions stop working. */
export async function deactivateUser(
  ctx: ServiceContext,
  userId: string,
  input: unknown,
): Promise<Outcome<UserView>> {
  const parsed = validate(deactivateUserSchema, input);
  if (!parsed.ok) return parsed;
  const allowed = await administrator(ctx, userId, 'deactivating a user');
  if (!allowed.ok) return allowed;
  if (allowed.value.actor.userId === userId)
    return fail('conflict', 'you cannot deactivate your own account');
  const user = await ctx.store.users.byId(userId);
  if (!user) return notFound('user', userId);
  if (user.disabledAt !== null) return fail('conflict', `this user was deactivated on ${user.disabledAt}`);
  const at = ctx.now().toISOString();
  await ctx.store.transaction(async (tx) => {
    await tx.users.setDisabled(userId, at);
    await recordAudit(tx, ctx, {
      action: 'update',
      entityType: 'user',
      entityId: userId,
      patientId: null,
      detail: { deactivated: at, reason: parsed.value.reason },
    });
  });
  const after = (await ctx.store.users.byId(userId)) ?? user;
  return ok(userView(after, await ctx.store.users.entitlements(userId), isoDate(ctx.now())));
}
