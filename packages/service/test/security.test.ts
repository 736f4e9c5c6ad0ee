import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_SKIP_REASON, TEST_BACKENDS } from '@quantrad/store';
import {
  actorForToken,
  beginTotpEnrolment,
  completeSecondFactor,
  confirmTotpEnrolment,
  createUser,
  hashPassword,
  signIn,
  signOut,
  totpCode,
  verifyPassword,
} from '../src/index.ts';
import { PASSWORD, ServiceFixture } from './service-fixture.ts';

if (POSTGRES_SKIP_REASON) console.warn(POSTGRES_SKIP_REASON);

describe('passwords', () => {
  it('are hashed with argon2id at 19 MiB, 2 passes, 1 lane and verified', async () => {
    const hash = await hashPassword('a long enough password');
    expect(hash.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
    expect(await verifyPassword(hash, 'a long enough password')).toBe(true);
    expect(await verifyPassword(hash, 'a long enough passworD')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});

for (const backend of TEST_BACKENDS) {
  describe(`sign-in and two-factor authentication on ${backend.name}`, () => {
    let f: ServiceFixture;
    beforeAll(async () => {
      f = new ServiceFixture(await backend.open());
      await f.user('olive.operator', [{ role: 'operator' }]);
      await f.user('newton.new', [{ role: 'reporter' }], false);
      await f.user('ada.admin', [{ role: 'administrator' }]);
    });
    afterAll(() => f.db.close());

    it('gives the same answer for an unknown user as for a wrong password', async () => {
      const unknown = await signIn(f.ctx(), { username: 'nobody', password: PASSWORD });
      const wrong = await signIn(f.ctx(), { username: 'ada.admin', password: 'wrong password!' });
      expect(unknown).toEqual({
        ok: false,
        error: { code: 'unauthenticated', message: 'the username or password is wrong' },
      });
      expect(wrong).toEqual(unknown);
    });

    it('asks for the second factor and lets nothing through until it is given', async () => {
      const first = await signIn(f.ctx(), { username: 'olive.operator', password: PASSWORD });
      if (!first.ok) throw new Error(first.error.message);
      expect(first.value.next).toBe('second_factor');
      const before = await actorForToken(f.store, first.value.token, f.now());
      expect(before).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      const wrongCode = await completeSecondFactor(f.ctx(), { token: first.value.token, code: '000000' });
      expect(wrongCode).toMatchObject({ ok: false, error: { message: 'the code is wrong' } });
      const secret = f.totpSecrets.get('olive.operator') ?? '';
      // A code from the previous 30 s period is still accepted (one step of clock drift).
      const code = totpCode(secret, new Date(f.nowMs - 30_000));
      expect(await completeSecondFactor(f.ctx(), { token: first.value.token, code })).toMatchObject({
        ok: true,
      });
      const actor = await actorForToken(f.store, first.value.token, f.now());
      expect(actor.ok && actor.value.entitlements.map((e) => e.role)).toEqual(['operator']);
      expect(await signOut(f.ctx(), first.value.token)).toEqual({ ok: true, value: null });
      expect(await actorForToken(f.store, first.value.token, f.now())).toMatchObject({
        ok: false,
        error: { message: 'this session was signed out' },
      });
    });

    it('locks the account after 5 failed attempts for 15 minutes, even with the right password', async () => {
      for (let i = 1; i <= 4; i++) {
        expect(
          await signIn(f.ctx(), { username: 'olive.operator', password: `wrong ${String(i)}` }),
        ).toMatchObject({
          error: { code: 'unauthenticated' },
        });
      }
      const fifth = await signIn(f.ctx(), { username: 'olive.operator', password: 'wrong 5' });
      // 09:00 + 15 min
      expect(fifth).toMatchObject({
        error: { code: 'locked', message: 'too many failed attempts: the account is locked until 09:15 UTC' },
      });
      expect(await signIn(f.ctx(), { username: 'olive.operator', password: PASSWORD })).toMatchObject({
        error: { code: 'locked' },
      });
      f.advanceMinutes(15);
      expect(await signIn(f.ctx(), { username: 'olive.operator', password: PASSWORD })).toMatchObject({
        ok: true,
      });
    });

    it('ends a session idle for more than 30 minutes', async () => {
      const first = await signIn(f.ctx(), { username: 'olive.operator', password: PASSWORD });
      if (!first.ok) throw new Error(first.error.message);
      const secret = f.totpSecrets.get('olive.operator') ?? '';
      await completeSecondFactor(f.ctx(), { token: first.value.token, code: totpCode(secret, f.now()) });
      f.advanceMinutes(29);
      expect(await actorForToken(f.store, first.value.token, f.now())).toMatchObject({ ok: true });
      f.advanceMinutes(29); // the use at 29 min moved the idle limit on
      expect(await actorForToken(f.store, first.value.token, f.now())).toMatchObject({ ok: true });
      f.advanceMinutes(31);
      expect(await actorForToken(f.store, first.value.token, f.now())).toMatchObject({
        ok: false,
        error: { message: 'the session has expired: sign in again' },
      });
    });

    it('enrols an authenticator with an otpauth URI and QR code, and recovery codes work once', async () => {
      const first = await signIn(f.ctx(), { username: 'newton.new', password: PASSWORD });
      if (!first.ok) throw new Error(first.error.message);
      expect(first.value.next).toBe('enrol_second_factor');
      const enrolment = await beginTotpEnrolment(f.ctx(), first.value.token);
      if (!enrolment.ok) throw new Error(enrolment.error.message);
      expect(enrolment.value.otpauthUri).toMatch(
        new RegExp(
          `^otpauth://totp/quantrad:newton\\.new\\?issuer=quantrad&secret=${enrolment.value.secret}&algorithm=SHA1&digits=6&period=30$`,
        ),
      );
      expect(enrolment.value.qrSvg.startsWith('<svg')).toBe(true);
      expect(await confirmTotpEnrolment(f.ctx(), { token: first.value.token, code: '123' })).toMatchObject({
        error: { code: 'invalid', field: 'code' },
      });
      const confirmed = await confirmTotpEnrolment(f.ctx(), {
        token: first.value.token,
        code: totpCode(enrolment.value.secret, f.now()),
      });
      if (!confirmed.ok) throw new Error(confirmed.error.message);
      expect(confirmed.value.recoveryCodes).toHaveLength(10);
      expect(await actorForToken(f.store, first.value.token, f.now())).toMatchObject({ ok: true });

      const recovery = confirmed.value.recoveryCodes[0] ?? '';
      const again = await signIn(f.ctx(), { username: 'newton.new', password: PASSWORD });
      if (!again.ok) throw new Error(again.error.message);
      const formatted = `${recovery.slice(0, 5).toLowerCase()}-${recovery.slice(5)}`;
      expect(
        await completeSecondFactor(f.ctx(), { token: again.value.token, code: formatted }),
      ).toMatchObject({ ok: true });
      const third = await signIn(f.ctx(), { username: 'newton.new', password: PASSWORD });
      if (!third.ok) throw new Error(third.error.message);
      expect(await completeSecondFactor(f.ctx(), { token: third.value.token, code: recovery })).toMatchObject(
        {
          ok: false,
        },
      );
    });

    it('lets only an administrator add users, refuses weak passwords, and audits every sign-in', async () => {
      const operator = await f.signedIn('olive.operator');
      expect(
        await createUser(f.ctx(operator), { username: 'x.y', displayName: 'X', password: PASSWORD }),
      ).toMatchObject({
        error: { code: 'forbidden', message: 'adding a user needs the administrator entitlement' },
      });
      const admin = await f.signedIn('ada.admin');
      expect(
        await createUser(f.ctx(admin), { username: 'r.reporter', displayName: 'R', password: 'short' }),
      ).toMatchObject({
        error: { code: 'invalid', field: 'password', message: 'password: must be at least 12 characters' },
      });
      const created = await createUser(f.ctx(admin), {
        username: 'r.reporter',
        displayName: 'Dr R Reporter',
        password: PASSWORD,
        entitlements: [{ role: 'reporter', validFrom: '2026-11-01', validUntil: '2027-10-31' }],
      });
      expect(created).toMatchObject({ ok: true, value: { username: 'r.reporter' } });
      const events = await f.store.audit.list({ limit: 1000 });
      const signIns = events.filter((e) => e.action === 'sign_in');
      expect(signIns.filter((e) => e.outcome === 'failure').length).toBeGreaterThanOrEqual(7);
      expect(events.some((e) => e.outcome === 'denied' && e.actorName === 'olive.operator')).toBe(true);
      expect(events.every((e) => e.fromAddress === '192.0.2.10')).toBe(true);
      expect((await f.store.audit.verify()).problems).toEqual([]);
    });
  });
}
