import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@quantrad/store';
import type { Actor } from '../src/actor.ts';
import {
  addEntitlement,
  createUser,
  deactivateUser,
  endEntitlement,
  getUser,
  listUsers,
  setReporterProfile,
  type UserPage,
} from '../src/index.ts';
import { actorForToken } from '../src/security/session.ts';
import { ServiceFixture } from './service-fixture.ts';

// The fixture's day is 2026-11-23. Users listed by username; an entitlement is current from its first
// day to its last (inclusive), "future" before, "expired" after, "ended" once an administrator ends it.

function names(page: { ok: boolean; value?: UserPage }): string[] {
  return page.value?.items.map((u) => u.username) ?? [];
}

for (const backend of TEST_BACKENDS) {
  describe(`user administration on ${backend.name}`, () => {
    let f: ServiceFixture;
    let admin: Actor;
    let adminId: string;
    beforeAll(async () => {
      f = new ServiceFixture(await backend.open());
      admin = await f.staff('ann.admin', [{ role: 'administrator' }]);
      adminId = admin.userId;
      await f.user('olly.operator', [{ role: 'operator', validUntil: '2026-06-30' }]);
      await f.user('oona.operator', [{ role: 'operator', validFrom: '2027-01-01' }]);
      await f.user('rita.reporter', [{ role: 'reporter' }], false);
      await f.user('ron_50', [{ role: 'referrer' }]);
    }, 60_000);
    afterAll(() => f.db.close());

    it('lists users a page at a time, by role held and by part of a name, with entitlement states', async () => {
      const all = await listUsers(f.ctx(admin), { limit: 2 });
      expect(all.ok && { total: all.value.total, names: names(all) }).toEqual({
        total: 5,
        names: ['ann.admin', 'olly.operator'],
      });
      const second = await listUsers(f.ctx(admin), { limit: 2, offset: 2 });
      expect(names(second)).toEqual(['oona.operator', 'rita.reporter']);
      const past = await listUsers(f.ctx(admin), { limit: 2, offset: 10 });
      expect(past.ok && past.value.total).toBe(5);

      const operators = await listUsers(f.ctx(admin), { role: 'operator' });
      expect(names(operators)).toEqual(['olly.operator', 'oona.operator']);
      expect(
        operators.ok && operators.value.items.map((u) => u.entitlements.map((e) => [e.validUntil, e.state])),
      ).toEqual([[['2026-06-30', 'expired']], [[null, 'future']]]);

      expect(names(await listUsers(f.ctx(admin), { name: 'OPER' }))).toEqual([
        'olly.operator',
        'oona.operator',
      ]);
      // _ in the search is a literal character, not a wildcard (as a wildcard 'o_l' would match olly).
      expect(names(await listUsers(f.ctx(admin), { name: 'n_5' }))).toEqual(['ron_50']);
      expect(names(await listUsers(f.ctx(admin), { name: 'o_l' }))).toEqual([]);

      const found = await listUsers(f.ctx(admin), { name: 'rita' });
      const rita = found.ok ? found.value.items[0] : undefined;
      expect(rita && { active: rita.active, secondFactor: rita.secondFactor }).toEqual({
        active: true,
        secondFactor: false,
      });
    });

    it('lets only an administrator list or read users, and audits the refusal', async () => {
      const operator = await f.staff('otto.operator', [{ role: 'operator' }]);
      const refused = await listUsers(f.ctx(operator), {});
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect((await getUser(f.ctx(operator), adminId)).ok).toBe(false);
      const denied = (await f.store.audit.list({ limit: 1000 })).filter(
        (e) => e.outcome === 'denied' && e.actorName === 'otto.operator',
      );
      expect(denied.map((e) => e.detail['attempted'])).toEqual(['listing users', 'reading a user']);
    });

    it('adds an entitlement with an expiry, refuses one that ends before it starts, and shows it', async () => {
      const rita = await f.store.users.byUsername('rita.reporter');
      const ritaId = rita?.id ?? '';
      const backwards = await addEntitlement(f.ctx(admin), ritaId, {
        role: 'operator',
        validFrom: '2026-12-01',
        validUntil: '2026-11-30',
      });
      expect(backwards).toEqual({
        ok: false,
        error: { code: 'invalid', message: 'validUntil: is before validFrom', field: 'validUntil' },
      });
      const added = await addEntitlement(f.ctx(admin), ritaId, {
        role: 'operator',
        validFrom: '2026-11-01',
        validUntil: '2027-03-31',
      });
      expect(added.ok && [added.value.role, added.value.validUntil, added.value.state]).toEqual([
        'operator',
        '2027-03-31',
        'current',
      ]);
      await setReporterProfile(f.ctx(admin), {
        userId: ritaId,
        title: 'Consultant Radiologist',
        registrationBody: 'GMC',
        registrationNumber: '7654321',
      });
      const detail = await getUser(f.ctx(admin), ritaId);
      expect(detail.ok && detail.value.entitlements.map((e) => [e.role, e.validUntil, e.state])).toEqual([
        ['operator', '2027-03-31', 'current'],
        ['reporter', null, 'current'],
      ]);
      expect(detail.ok && detail.value.reporterProfile).toEqual({
        title: 'Consultant Radiologist',
        registrationBody: 'GMC',
        registrationNumber: '7654321',
      });
      const audit = (await f.store.audit.list({ limit: 1000 })).filter(
        (e) => e.entityType === 'entitlement' && e.action === 'create',
      );
      expect(audit.map((e) => [e.detail['userId'], e.detail['validUntil']])).toEqual([
        [ritaId, '2027-03-31'],
      ]);
    });

    it('refuses a new user whose entitlement ends before it starts, naming the field', async () => {
      const refused = await createUser(f.ctx(admin), {
        username: 'tess.temp',
        displayName: 'Tess Temp',
        password: 'a long enough password for tess',
        entitlements: [
          { role: 'operator', validFrom: '2026-11-01', validUntil: null },
          { role: 'reporter', validFrom: '2026-11-01', validUntil: '2026-10-01' },
        ],
      });
      expect(refused).toMatchObject({ ok: false, error: { field: 'entitlements.1.validUntil' } });
      expect(await f.store.users.byUsername('tess.temp')).toBeNull();
    });

    it('ends an entitlement, which then grants nothing, and audits it', async () => {
      const olly = await f.signedIn('olly.operator');
      const second = await addEntitlement(f.ctx(admin), olly.userId, {
        role: 'auditor',
        validFrom: '2026-01-01',
      });
      if (!second.ok) throw new Error(second.error.message);
      const ended = await endEntitlement(f.ctx(admin), olly.userId, second.value.id, {
        reason: 'left the audit group',
      });
      expect(ended.ok && ended.value.entitlements.find((e) => e.id === second.value.id)?.state).toBe('ended');
      expect(ended.ok && ended.value.entitlements.find((e) => e.id === second.value.id)?.revokedAt).toBe(
        '2026-11-23T09:00:00.000Z',
      );
      const again = await endEntitlement(f.ctx(admin), olly.userId, second.value.id, {});
      expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
      const token = await f.signedInToken('olly.operator');
      const actor = await actorForToken(f.store, token, f.now());
      expect(actor.ok && actor.value.entitlements.find((e) => e.role === 'auditor')?.revokedAt).toBe(
        '2026-11-23T09:00:00.000Z',
      );
      expect(names(await listUsers(f.ctx(admin), { role: 'auditor' }))).toEqual([]);
      const audit = (await f.store.audit.list({ limit: 1000 })).filter(
        (e) => e.entityType === 'entitlement' && e.action === 'update',
      );
      expect(audit.map((e) => [e.entityId, e.detail['reason']])).toEqual([
        [second.value.id, 'left the audit group'],
      ]);
    });

    it('stops an administrator ending their own last administrator entitlement, not a second one', async () => {
      const own = admin.entitlements.find((e) => e.role === 'administrator');
      const refused = await endEntitlement(f.ctx(admin), adminId, own?.id ?? '', {});
      expect(refused).toEqual({
        ok: false,
        error: { code: 'conflict', message: 'you cannot end your own last administrator entitlement' },
      });
      const spare = await addEntitlement(f.ctx(admin), adminId, {
        role: 'administrator',
        validFrom: '2026-01-01',
      });
      if (!spare.ok) throw new Error(spare.error.message);
      const withSpare = await f.signedIn('ann.admin');
      const ended = await endEntitlement(f.ctx(withSpare), adminId, own?.id ?? '', {});
      expect(ended.ok).toBe(true);
      const last = await f.signedIn('ann.admin');
      expect(await endEntitlement(f.ctx(last), adminId, spare.value.id, {})).toMatchObject({
        ok: false,
        error: { code: 'conflict' },
      });
      admin = last;
    });

    it('deactivates a user, who can then neither sign in nor use a session; never the administrator themselves', async () => {
      const oonaToken = await f.signedInToken('oona.operator');
      const oona = await f.store.users.byUsername('oona.operator');
      const done = await deactivateUser(f.ctx(admin), oona?.id ?? '', { reason: 'left the trust' });
      expect(done.ok && [done.value.active, done.value.disabledAt]).toEqual([
        false,
        '2026-11-23T09:00:00.000Z',
      ]);
      expect(await actorForToken(f.store, oonaToken, f.now())).toMatchObject({
        ok: false,
        error: { code: 'unauthenticated' },
      });
      await expect(f.signedInToken('oona.operator')).rejects.toThrow();
      expect(await deactivateUser(f.ctx(admin), oona?.id ?? '', {})).toMatchObject({
        ok: false,
        error: { code: 'conflict' },
      });
      expect(await deactivateUser(f.ctx(admin), adminId, {})).toEqual({
        ok: false,
        error: { code: 'conflict', message: 'you cannot deactivate your own account' },
      });
      const audit = (await f.store.audit.list({ limit: 1000 })).filter(
        (e) => e.entityType === 'user' && e.action === 'update' && e.outcome === 'success',
      );
      expect(audit.map((e) => [e.entityId, e.detail['reason']])).toEqual([[oona?.id, 'left the trust']]);
    });
  });
}
