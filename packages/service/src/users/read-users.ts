import { ROLES, type EntitlementRecord, type ReporterProfileRecord, type UserRecord } from '@quantrad/store';
import { z } from 'zod';
import { recordStandaloneAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { notFound, ok, type Outcome } from '../outcome.ts';
import { isoDate } from '../time.ts';
import { validate } from '../validate.ts';

export const userListSchema = z.strictObject({
  /** Users holding this role (an entitlement not ended, whatever its dates). */
  role: z.enum(ROLES).optional(),
  /** Part of the username or name. */
  name: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(25),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Where an entitlement stands today: usable, not yet started, past its last day, or ended early. */
export type EntitlementState = 'current' | 'future' | 'expired' | 'ended';

export interface EntitlementView {
  id: string;
  role: EntitlementRecord['role'];
  scope: string;
  validFrom: string;
  validUntil: string | null;
  revokedAt: string | null;
  note: string | null;
  state: EntitlementState;
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  active: boolean;
  disabledAt: string | null;
  /** Whether an authenticator (the second factor) is set up and confirmed. */
  secondFactor: boolean;
  createdAt: string;
  entitlements: EntitlementView[];
}

export interface UserDetail extends UserView {
  reporterProfile: Omit<ReporterProfileRecord, 'userId'> | null;
}

export interface UserPage {
  items: UserView[];
  total: number;
  limit: number;
  offset: number;
}

export function entitlementState(e: EntitlementRecord, today: string): EntitlementState {
  if (e.revokedAt !== null) return 'ended';
  if (today < e.validFrom) return 'future';
  if (e.validUntil !== null && e.validUntil < today) return 'expired';
  return 'current';
}

export function userView(
  user: UserRecord,
  entitlements: readonly EntitlementRecord[],
  today: string,
): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    active: user.disabledAt === null,
    disabledAt: user.disabledAt,
    secondFactor: user.totpConfirmedAt !== null,
    createdAt: user.createdAt,
    entitlements: entitlements.map((e) => ({
      id: e.id,
      role: e.role,
      scope: e.scope,
      validFrom: e.validFrom,
      validUntil: e.validUntil,
      revokedAt: e.revokedAt,
      note: e.note,
      state: entitlementState(e, today),
    })),
  };
}

/** The users, a page at a time, filtered by role and name (administrator). Audited. */
export async function listUsers(ctx: ServiceContext, input: unknown): Promise<Outcome<UserPage>> {
  const parsed = validate(userListSchema, input);
  if (!parsed.ok) return parsed;
  const q = parsed.value;
  const allowed = await authorise(ctx, ['administrator'], '*', {
    entityType: 'user',
    entityId: null,
    patientId: null,
    what: 'listing users',
    action: 'read',
  });
  if (!allowed.ok) return allowed;
  const page = await ctx.store.users.page({
    limit: q.limit,
    offset: q.offset,
    ...(q.role !== undefined ? { role: q.role } : {}),
    ...(q.name !== undefined && q.name !== '' ? { name: q.name } : {}),
  });
  const entitlements = await ctx.store.users.entitlementsOfUsers(page.items.map((u) => u.id));
  const today = isoDate(ctx.now());
  await recordStandaloneAudit(ctx, {
    action: 'read',
    entityType: 'user',
    entityId: null,
    patientId: null,
    detail: { list: { role: q.role ?? null, name: q.name ?? null, offset: q.offset } },
  });
  return ok({
    items: page.items.map((u) =>
      userView(
        u,
        entitlements.filter((e) => e.userId === u.id),
        today,
      ),
    ),
    total: page.total,
    limit: q.limit,
    offset: q.offset,
  });
}

/** One user with their entitlements and reporter profile (administrator). Audited. */
export async function getUser(ctx: ServiceContext, userId: string): Promise<Outcome<UserDetail>> {
  const allowed = await authorise(ctx, ['administrator'], '*', {
    entityType: 'user',
    entityId: userId,
    patientId: null,
    what: 'reading a user',
    action: 'read',
  });
  if (!allowed.ok) return allowed;
  const user = await ctx.store.users.byId(userId);
  if (!user) return notFound('user', userId);
  const entitlements = await ctx.store.users.entitlements(userId);
  const profile = await ctx.store.reports.reporterProfile(userId);
  await recordStandaloneAudit(ctx, {
    action: 'read',
    entityType: 'user',
    entityId: userId,
    patientId: null,
  });
  return ok({
    ...userView(user, entitlements, isoDate(ctx.now())),
    reporterProfile: profile
      ? {
          title: profile.title,
          registrationBody: profile.registrationBody,
          registrationNumber: profile.registrationNumber,
        }
      : null,
  });
}
