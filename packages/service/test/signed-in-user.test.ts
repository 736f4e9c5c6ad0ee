import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@quantrad/store';
import { signedInUser } from '../src/index.ts';
import { ServiceFixture } from './service-fixture.ts';

// The fixture's day is 2026-11-23: an entitlement gives its role from its first day to its last, inclusive.

for (const backend of TEST_BACKENDS) {
  describe(`the signed-in user on ${backend.name}`, () => {
    let f: ServiceFixture;
    beforeAll(async () => {
      f = new ServiceFixture(await backend.open());
    }, 60_000);
    afterAll(() => f.db.close());

    it('names the roles entitlements give today, each once, and none that lapsed or has not begun', async () => {
      const actor = await f.staff('mo.multi', [
        { role: 'operator', scope: 'dxa', validUntil: '2027-03-31' },
        { role: 'operator', scope: 'qct' },
        { role: 'reporter', validUntil: '2026-06-30' },
        { role: 'irmer_practitioner', validFrom: '2027-01-01' },
        { role: 'auditor', validUntil: '2026-11-23' },
      ]);
      const me = signedInUser(f.ctx(actor));
      expect(me).toEqual({
        ok: true,
        value: {
          userId: actor.userId,
          username: 'mo.multi',
          displayName: actor.displayName,
          roles: [
            { role: 'operator', validUntil: '2027-03-31' },
            { role: 'auditor', validUntil: '2026-11-23' },
          ],
        },
      });
    });

    it('asks for sign-in when no one is signed in', () => {
      expect(signedInUser(f.ctx(null))).toEqual({
        ok: false,
        error: { code: 'unauthenticated', message: 'sign in to continue' },
      });
    });
  });
}
