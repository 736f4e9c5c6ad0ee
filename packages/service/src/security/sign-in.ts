import type { Repositories, UserRecord } from '@quantrad/store';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceContext } from '../context.ts';
import { fail, ok, type Outcome } from '../outcome.ts';
import { securityPolicy } from '../reference/security-policy.ts';
import { addMinutes } from '../time.ts';
import { decoyPasswordHash, verifyPassword } from './password.ts';
import { openSession } from './session.ts';
import { newSessionToken, normaliseRecoveryCode, sha256Hex } from './tokens.ts';
import { totpValid } from './totp.ts';

export interface SignInResult {
  token: string;
  /** What the person must do next: give a code, or set up two-factor authentication first. */
  next: 'second_factor' | 'enrol_second_factor';
  expiresAt: string;
}

const WRONG = 'the username or password is wrong';

async function auditSignIn(
  tx: Repositories,
  ctx: ServiceContext,
  user: UserRecord | null,
  outcome: 'success' | 'failure',
  detail: Record<string, unknown>,
): Promise<void> {
  await recordAudit(
    tx,
    { ...ctx, actor: null },
    {
      action: 'sign_in',
      entityType: 'user',
      entityId: user?.id ?? null,
      patientId: null,
      outcome,
      detail,
    },
  );
}

/** Counts a failed attempt and locks the account when the policy's limit is reached (OWASP ASVS V2.2.1). */
async function recordFailure(tx: Repositories, user: UserRecord, now: Date): Promise<string | null> {
  const failures = user.failedSignIns + 1;
  const lock = failures >= securityPolicy.lockout.afterFailedSignIns;
  const lockedUntil = lock ? addMinutes(now, securityPolicy.lockout.forMinutes).toISOString() : null;
  await tx.users.setSignInState(user.id, lock ? 0 : failures, lockedUntil);
  return lockedUntil;
}

function lockedMessage(until: string): string {
  return `too many failed attempts: the account is locked until ${until.slice(11, 16)} UTC`;
}

/** First factor: username and password. Opens a session that can do nothing until the second factor. */
export async function signIn(
  ctx: ServiceContext,
  input: { username: string; password: string },
): Promise<Outcome<SignInResult>> {
  const now = ctx.now();
  const user = await ctx.store.users.byUsername(input.username);
  if (!user || user.disabledAt !== null) {
    await verifyPassword(await decoyPasswordHash(), input.password);
    await ctx.store.transaction((tx) =>
      auditSignIn(tx, ctx, user, 'failure', { username: input.username, reason: 'unknown or disabled user' }),
    );
    return fail('unauthenticated', WRONG);
  }
  if (user.lockedUntil !== null && user.lockedUntil > now.toISOString()) {
    await ctx.store.transaction((tx) => auditSignIn(tx, ctx, user, 'failure', { reason: 'locked' }));
    return fail('locked', lockedMessage(user.lockedUntil));
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const lockedUntil = await ctx.store.transaction(async (tx) => {
      const until = await recordFailure(tx, user, now);
      await auditSignIn(tx, ctx, user, 'failure', { reason: 'wrong password', locked: until !== null });
      return until;
    });
    return lockedUntil ? fail('locked', lockedMessage(lockedUntil)) : fail('unauthenticated', WRONG);
  }
  const token = newSessionToken();
  const expiresAt = addMinutes(now, securityPolicy.session.absoluteHours * 60).toISOString();
  await ctx.store.transaction(async (tx) => {
    await tx.users.setSignInState(user.id, 0, null);
    await tx.users.insertSession({
      tokenHash: sha256Hex(token),
      userId: user.id,
      createdAt: now.toISOString(),
      expiresAt,
      idleExpiresAt: addMinutes(now, securityPolicy.session.idleMinutes).toISOString(),
      secondFactorAt: null,
      endedAt: null,
      fromAddress: ctx.fromAddress,
    });
    await auditSignIn(tx, ctx, user, 'success', { factor: 'password' });
  });
  return ok({
    token,
    next: user.totpConfirmedAt === null ? 'enrol_second_factor' : 'second_factor',
    expiresAt,
  });
}

/** Second factor: a code from the authenticator app, or one unused recovery code. */
export async function completeSecondFactor(
  ctx: ServiceContext,
  input: { token: string; code: string },
): Promise<Outcome<{ userId: string }>> {
  const now = ctx.now();
  const open = await openSession(ctx.store, input.token, now);
  if (!open.ok) return open;
  const { session, user } = open.value;
  if (user.totpSecret === null || user.totpConfirmedAt === null)
    return fail('conflict', 'two-factor authentication is not set up for this account');
  if (user.lockedUntil !== null && user.lockedUntil > now.toISOString())
    return fail('locked', lockedMessage(user.lockedUntil));
  const code = input.code.trim();
  return ctx.store.transaction(async (tx): Promise<Outcome<{ userId: string }>> => {
    const byApp = totpValid(user.totpSecret ?? '', code, now);
    const byRecovery =
      !byApp &&
      (await tx.users.useRecoveryCode(user.id, sha256Hex(normaliseRecoveryCode(code)), now.toISOString()));
    if (!byApp && !byRecovery) {
      const lockedUntil = await recordFailure(tx, user, now);
      await auditSignIn(tx, ctx, user, 'failure', {
        reason: 'wrong second-factor code',
        locked: lockedUntil !== null,
      });
      return lockedUntil
        ? fail('locked', lockedMessage(lockedUntil))
        : fail('unauthenticated', 'the code is wrong');
    }
    await tx.users.setSignInState(user.id, 0, null);
    await tx.users.updateSession(session.tokenHash, { secondFactorAt: now.toISOString() });
    await auditSignIn(tx, ctx, user, 'success', { factor: byApp ? 'totp' : 'recovery_code' });
    return ok({ userId: user.id });
  });
}

export async function signOut(ctx: ServiceContext, token: string): Promise<Outcome<null>> {
  const now = ctx.now();
  const open = await openSession(ctx.store, token, now);
  if (!open.ok) return ok(null);
  await ctx.store.transaction(async (tx) => {
    await tx.users.updateSession(open.value.session.tokenHash, { endedAt: now.toISOString() });
    await recordAudit(tx, ctx, {
      action: 'sign_out',
      entityType: 'user',
      entityId: open.value.user.id,
      patientId: null,
    });
  });
  return ok(null);
}
