import type { UserRecord } from '@quantrad/store';
import { recordAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { fail, ok, type Outcome } from '../outcome.ts';
import { passwordProblem } from '../security/password.ts';
import { validate } from '../validate.ts';
import { entitlementDatesProblem } from './change-user.ts';
import { provisionUser } from './provision-user.ts';
import { newUserSchema } from './user-input.ts';

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
}

/** An administrator adds a user with their entitlements (role, scope, dates). */
export async function createUser(ctx: ServiceContext, input: unknown): Promise<Outcome<UserSummary>> {
  const parsed = validate(newUserSchema, input);
  if (!parsed.ok) return parsed;
  const u = parsed.value;
  const allowed = await authorise(ctx, ['administrator'], '*', {
    entityType: 'user',
    entityId: null,
    patientId: null,
    what: 'adding a user',
    action: 'create',
  });
  if (!allowed.ok) return allowed;
  for (const [i, e] of u.entitlements.entries()) {
    const dates = entitlementDatesProblem(e, `entitlements.${String(i)}.`);
    if (!dates.ok) return dates;
  }
  const problem = passwordProblem(u.password, u.username);
  if (problem) return fail('invalid', `password: ${problem}`, 'password');
  if (await ctx.store.users.byUsername(u.username))
    return fail('conflict', `username ${u.username} is taken`, 'username');
  const user: UserRecord = await ctx.store.transaction(async (tx) => {
    const created = await provisionUser(tx, u, { grantedBy: allowed.value.actor.userId });
    await recordAudit(tx, ctx, {
      action: 'create',
      entityType: 'user',
      entityId: created.id,
      patientId: null,
      detail: { username: u.username, roles: u.entitlements.map((e) => e.role) },
    });
    return created;
  });
  return ok({ id: user.id, username: user.username, displayName: user.displayName });
}
