import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@quantrad/store';
import type { Actor } from '../src/actor.ts';
import {
  defaultReferralCriteria,
  getReferral,
  listReferrers,
  readReferralCriteria,
  registerReferral,
} from '../src/index.ts';
import { ServiceFixture } from './service-fixture.ts';

for (const backend of TEST_BACKENDS) {
  describe(`the list of referrers on ${backend.name}`, () => {
    let f: ServiceFixture;
    let operator: Actor;
    let reporter: Actor;
    let patelId: string;

    beforeAll(async () => {
      f = new ServiceFixture(await backend.open());
      operator = await f.staff('olive.operator', [{ role: 'operator' }]);
      reporter = await f.staff('rita.reporter', [{ role: 'reporter' }]);
      patelId = (await f.referrer({ name: 'Dr A. Patel', organisation: 'Riverside Surgery' })).id;
      await f.referrer({
        name: 'Dr B. Okafor',
        organisation: 'Fracture Liaison Service',
        role: 'specialist',
      });
      await f.referrer({ name: 'Ms C. Patelli', organisation: 'Falls Clinic', role: 'other' });
      await f.referrer({ name: 'Dr 100% Sure_Name', organisation: 'Odd Practice' });
    });
    afterAll(() => f.db.close());

    it('lists every referrer by name, a page at a time, without the user account they sign in as', async () => {
      const first = await listReferrers(f.ctx(operator), { limit: '2' });
      if (!first.ok) throw new Error(first.error.message);
      expect(first.value.total).toBe(4);
      expect(first.value.items.map((r) => r.name)).toEqual(['Dr 100% Sure_Name', 'Dr A. Patel']);
      expect(first.value.items[1]).toEqual({
        id: patelId,
        name: 'Dr A. Patel',
        profession: 'General practitioner',
        registrationBody: 'GMC',
        registrationNumber: expect.stringMatching(/^\d{7}$/) as unknown,
        organisation: 'Riverside Surgery',
        role: 'gp',
        entitledFrom: '2025-01-01',
        entitledUntil: null,
      });
      const second = await listReferrers(f.ctx(operator), { limit: 2, offset: 2 });
      if (!second.ok) throw new Error(second.error.message);
      expect(second.value).toMatchObject({ total: 4, limit: 2, offset: 2 });
      expect(second.value.items.map((r) => r.name)).toEqual(['Dr B. Okafor', 'Ms C. Patelli']);
    });

    it('filters by any part of the name in any case, and takes % and _ literally', async () => {
      const patel = await listReferrers(f.ctx(operator), { name: 'pATel' });
      if (!patel.ok) throw new Error(patel.error.message);
      expect(patel.value.items.map((r) => r.name)).toEqual(['Dr A. Patel', 'Ms C. Patelli']);
      expect(patel.value.total).toBe(2);
      const percent = await listReferrers(f.ctx(operator), { name: '0% s' });
      if (!percent.ok) throw new Error(percent.error.message);
      expect(percent.value.items.map((r) => r.name)).toEqual(['Dr 100% Sure_Name']);
      const underscore = await listReferrers(f.ctx(operator), { name: 'e_n' });
      if (!underscore.ok) throw new Error(underscore.error.message);
      expect(underscore.value.items.map((r) => r.name)).toEqual(['Dr 100% Sure_Name']);
      const wildcard = await listReferrers(f.ctx(operator), { name: '%' });
      if (!wildcard.ok) throw new Error(wildcard.error.message);
      expect(wildcard.value.total).toBe(1);
    });

    it('audits the read with the ids it showed, and refuses a reporter (ROS 4.3: registrars only)', async () => {
      const listed = await listReferrers(f.ctx(operator), { name: 'Okafor' });
      if (!listed.ok) throw new Error(listed.error.message);
      const audit = (await f.store.audit.list({ limit: 1000 })).filter(
        (e) => e.entityType === 'referrer' && e.action === 'read' && e.outcome !== 'denied',
      );
      expect(audit.at(-1)?.detail).toEqual({
        list: { name: 'Okafor', offset: 0 },
        ids: listed.value.items.map((r) => r.id),
      });
      const refused = await listReferrers(f.ctx(reporter), {});
      expect(refused.ok ? null : refused.error.code).toBe('forbidden');
    });

    it('gives the registrars the written criteria the match uses', async () => {
      const criteria = await readReferralCriteria(f.ctx(operator));
      if (!criteria.ok) throw new Error(criteria.error.message);
      expect(criteria.value).toEqual(defaultReferralCriteria);
      expect(criteria.value.indications.find((i) => i.id === 'fragility_fracture')?.text).toBe(
        'Fragility (low-trauma) fracture at age 50 or over',
      );
      const refused = await readReferralCriteria(f.ctx(reporter));
      expect(refused.ok ? null : refused.error.code).toBe('forbidden');
    });

    it('registers a referral that came by fax (migration 0024)', async () => {
      const r = await registerReferral(f.ctx(operator), {
        patient: {
          identifier: '9434765919',
          familyName: 'Fax',
          givenNames: 'Freda',
          birthDate: '1950-01-02',
          address: '2 Mill Lane, Bath',
          sex: 'female',
        },
        referrerId: patelId,
        source: 'gp',
        examination: 'dxa',
        indications: ['fragility_fracture'],
        clinicalInformation: 'Fractured wrist after a trip on the kerb.',
        signedByReferrer: true,
        method: 'fax',
      });
      if (!r.ok) throw new Error(r.error.message);
      const read = await getReferral(f.ctx(operator), r.value.id);
      expect(read.ok ? read.value.method : null).toBe('fax');
    });
  });
}
