import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, type ReferrerRecord } from '@quantrad/store';
import type { Actor } from '../src/actor.ts';
import {
  authoriseReferral,
  cancelReferral,
  defaultReferralCriteria,
  getReferral,
  listReferrals,
  matchReferralCriteria,
  registerReferral,
  returnReferral,
  type NewReferral,
} from '../src/index.ts';
import { ServiceFixture } from './service-fixture.ts';

describe('matching a referral against the local criteria (ROS 4.3)', () => {
  const subject = { examination: 'dxa', sex: 'female', ageYears: 48, indications: [] } as const;
  it('matches an indication that applies, and says why the others do not', () => {
    expect(
      matchReferralCriteria(defaultReferralCriteria, {
        ...subject,
        indications: ['glucocorticoids', 'fragility_fracture', 'qct_screening_age', 'made_up'],
      }),
    ).toEqual({
      meetsCriteria: true,
      matched: [
        {
          id: 'glucocorticoids',
          text: 'Oral glucocorticoids for 3 months or more, current or planned',
          source: 'NOGG; ACR QCT II.A.4',
        },
      ],
      unmatched: [
        { id: 'fragility_fracture', reason: 'applies from age 50; the patient is 48' },
        { id: 'qct_screening_age', reason: 'is a criterion for QCT, not DXA' },
        { id: 'made_up', reason: 'not in the local referral criteria' },
      ],
      criteriaVersion: 'quantrad-default-2026-11',
    });
  });
  it('applies the ACR screening ages by sex: women from 65, men from 70', () => {
    const qct = { examination: 'qct', indications: ['qct_screening_age'] } as const;
    expect(
      matchReferralCriteria(defaultReferralCriteria, { ...qct, sex: 'female', ageYears: 65 }).meetsCriteria,
    ).toBe(true);
    expect(
      matchReferralCriteria(defaultReferralCriteria, { ...qct, sex: 'male', ageYears: 69 }).unmatched,
    ).toEqual([
      { id: 'qct_screening_age', reason: 'applies to male patients from age 70; the patient is 69' },
    ]);
    expect(
      matchReferralCriteria(defaultReferralCriteria, {
        ...subject,
        sex: 'male',
        indications: ['early_menopause'],
      }).unmatched,
    ).toEqual([{ id: 'early_menopause', reason: 'applies to female patients' }]);
  });
});

for (const backend of TEST_BACKENDS) {
  describe(`referrals on ${backend.name}`, () => {
    let f: ServiceFixture;
    let operator: Actor;
    let practitioner: Actor;
    let reporter: Actor;
    let lapsedOperator: Actor;
    let gp: ReferrerRecord;

    function referral(
      overrides: Partial<NewReferral> = {},
      patient: Partial<NewReferral['patient']> = {},
    ): NewReferral {
      return {
        patient: {
          identifier: '485 777 3456',
          familyName: 'Cole',
          givenNames: 'Janet',
          birthDate: '1956-03-10',
          address: '1 High Street, Bath',
          sex: 'female',
          ...patient,
        },
        referrerId: gp.id,
        source: 'gp',
        examination: 'dxa',
        indications: ['fragility_fracture'],
        clinicalInformation: 'Fell from standing in July, wrist fracture. Mother had a hip fracture.',
        signedByReferrer: true,
        method: 'electronic',
        ...overrides,
      };
    }

    async function referralCount(): Promise<number> {
      return (await f.store.referrals.list({ limit: 1, offset: 0 })).total;
    }

    beforeAll(async () => {
      f = new ServiceFixture(await backend.open());
      await f.user('olive.operator', [{ role: 'operator' }]);
      await f.user('pat.practitioner', [{ role: 'irmer_practitioner', scope: 'dxa' }]);
      await f.user('rita.reporter', [{ role: 'reporter' }]);
      await f.user('larry.lapsed', [{ role: 'operator', validUntil: '2026-11-22' }]);
      operator = await f.signedIn('olive.operator');
      practitioner = await f.signedIn('pat.practitioner');
      reporter = await f.signedIn('rita.reporter');
      lapsedOperator = await f.signedIn('larry.lapsed');
      gp = await f.referrer();
    });
    afterAll(() => f.db.close());

    it('registers a referral, adds the patient, matches the criteria and audits both', async () => {
      const r = await registerReferral(f.ctx(operator), referral());
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value).toMatchObject({
        state: 'received',
        criteriaMatch: { meetsCriteria: true, matched: [{ id: 'fragility_fracture' }] },
        waitingDays: 0,
        offerBy: '2027-01-04', // 23 November 2026 + 42 days
        dm01Breach: false,
      });
      const audit = await f.store.audit.list({ patientId: r.value.patientId, limit: 10 });
      expect(audit.map((e) => [e.action, e.entityType, e.actorName])).toEqual([
        ['create', 'patient', 'olive.operator'],
        ['create', 'referral', 'olive.operator'],
      ]);
    });

    it('refuses bad input naming the field, and stores nothing', async () => {
      const before = await referralCount();
      expect(
        await registerReferral(f.ctx(operator), referral({}, { birthDate: '1956-02-30' })),
      ).toMatchObject({
        ok: false,
        error: { code: 'invalid', field: 'patient.birthDate' },
      });
      expect(
        await registerReferral(f.ctx(operator), referral({ clinicalInformation: 'DXA pls' })),
      ).toMatchObject({
        error: {
          field: 'clinicalInformation',
          message: 'clinicalInformation: the referrer must give the clinical question and history (ROS 4.3)',
        },
      });
      expect(await referralCount()).toBe(before);
    });

    it('refuses a patient whose identity does not match the one on record', async () => {
      const before = await referralCount();
      expect(
        await registerReferral(f.ctx(operator), referral({}, { birthDate: '1956-03-11' })),
      ).toMatchObject({
        error: { code: 'conflict', field: 'patient.birthDate' },
      });
      expect(await referralCount()).toBe(before);
    });

    it('refuses a referrer whose entitlement has ended, and a user whose entitlement has lapsed', async () => {
      const retired = await f.referrer({ name: 'Dr Gone', entitledUntil: '2026-06-30' });
      expect(await registerReferral(f.ctx(operator), referral({ referrerId: retired.id }))).toMatchObject({
        error: {
          code: 'conflict',
          field: 'referrerId',
          message:
            'referrerId: Dr Gone is not an entitled referrer on 2026-11-23 (entitlement ended 2026-06-30): return the referral to its sender',
        },
      });
      expect(await registerReferral(f.ctx(lapsedOperator), referral())).toMatchObject({
        error: {
          code: 'forbidden',
          message:
            'your operator entitlement lapsed on 2026-11-22: registering a referral needs a current entitlement',
        },
      });
      expect(await registerReferral(f.ctx(reporter), referral())).toMatchObject({
        error: { code: 'forbidden' },
      });
      const denied = (await f.store.audit.list({ limit: 1000 })).filter((e) => e.outcome === 'denied');
      expect(denied.map((e) => e.actorName)).toEqual(['larry.lapsed', 'rita.reporter']);
    });

    it('lets an operator authorise under written criteria only when an indication matches', async () => {
      const matching = await registerReferral(f.ctx(operator), referral());
      const notMatching = await registerReferral(
        f.ctx(operator),
        referral({ indications: ['made_up'] }, { identifier: '901 234 5678', birthDate: '1980-01-01' }),
      );
      if (!matching.ok || !notMatching.ok) throw new Error('setup');
      const byOperator = { basis: 'operator_under_written_criteria' } as const;
      expect(
        await authoriseReferral(f.ctx(operator), { ...byOperator, referralId: matching.value.id }),
      ).toMatchObject({
        ok: true,
        value: {
          state: 'authorised',
          authorisation: 'operator_under_written_criteria',
          decidedBy: operator.userId,
        },
      });
      expect(
        await authoriseReferral(f.ctx(operator), { ...byOperator, referralId: notMatching.value.id }),
      ).toMatchObject({
        error: {
          code: 'conflict',
          message:
            'no indication meets the written referral criteria: the IR(ME)R practitioner must justify this referral (ROS 4.4)',
        },
      });
      expect(
        await authoriseReferral(f.ctx(operator), {
          basis: 'practitioner_justified',
          referralId: notMatching.value.id,
        }),
      ).toMatchObject({
        error: {
          code: 'forbidden',
          message: 'justifying a referral needs the IR(ME)R practitioner entitlement for dxa',
        },
      });
      const justified = await authoriseReferral(f.ctx(practitioner), {
        basis: 'practitioner_justified',
        referralId: notMatching.value.id,
        note: 'Coeliac disease on the history',
      });
      expect(justified).toMatchObject({ ok: true, value: { authorisation: 'practitioner_justified' } });
      expect(
        await authoriseReferral(f.ctx(practitioner), {
          basis: 'practitioner_justified',
          referralId: matching.value.id,
        }),
      ).toMatchObject({
        error: { code: 'conflict', message: 'the referral is already authorised' },
      });
    });

    it('returns an unsigned referral to the referrer, and keeps every state in the history', async () => {
      const unsigned = await registerReferral(f.ctx(operator), referral({ signedByReferrer: false }));
      if (!unsigned.ok) throw new Error(unsigned.error.message);
      expect(
        await authoriseReferral(f.ctx(practitioner), {
          basis: 'practitioner_justified',
          referralId: unsigned.value.id,
        }),
      ).toMatchObject({
        error: { message: 'the referral is not signed by the referrer: return it (ROS 4.3)' },
      });
      expect(
        await returnReferral(f.ctx(operator), {
          referralId: unsigned.value.id,
          reason: 'unsigned',
          note: ' ',
        }),
      ).toMatchObject({
        error: { field: 'note' },
      });
      const returned = await returnReferral(f.ctx(operator), {
        referralId: unsigned.value.id,
        reason: 'unsigned',
        note: 'Please sign and resend',
      });
      expect(returned).toMatchObject({ ok: true, value: { state: 'returned', returnReason: 'unsigned' } });
      const read = await getReferral(f.ctx(reporter), unsigned.value.id);
      if (!read.ok) throw new Error(read.error.message);
      expect(read.value.history.map((h) => [h.fromState, h.toState, h.reason])).toEqual([
        [null, 'received', null],
        ['received', 'returned', 'Please sign and resend'],
      ]);
    });

    it('cancels with a reason, and a second decision on the same version is refused', async () => {
      const r = await registerReferral(f.ctx(operator), referral());
      if (!r.ok) throw new Error(r.error.message);
      const [a, b] = await Promise.all([
        cancelReferral(f.ctx(operator), { referralId: r.value.id, reason: 'Patient moved away' }),
        cancelReferral(f.ctx(practitioner), { referralId: r.value.id, reason: 'Duplicate' }),
      ]);
      const outcomes = [a, b].map((o) => o.ok);
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      expect((await f.store.referrals.events(r.value.id)).map((e) => e.toState)).toEqual([
        'received',
        'cancelled',
      ]);
    });

    it('shows the six-week clock and flags a DM01 breach from day 42 of waiting', async () => {
      const at41 = await registerReferral(
        f.ctx(operator),
        referral(
          { receivedAt: '2026-10-13T10:00:00Z' },
          { identifier: '111 222 3333', birthDate: '1950-05-05' },
        ),
      );
      const at42 = await registerReferral(
        f.ctx(operator),
        referral(
          { receivedAt: '2026-10-12T10:00:00Z' },
          { identifier: '111 222 4444', birthDate: '1950-05-05' },
        ),
      );
      expect(at41).toMatchObject({ value: { waitingDays: 41, dm01Breach: false, offerBy: '2026-11-24' } });
      expect(at42).toMatchObject({ value: { waitingDays: 42, dm01Breach: true, offerBy: '2026-11-23' } });
      const worklist = await listReferrals(f.ctx(operator), { state: 'received', limit: '2' });
      if (!worklist.ok) throw new Error(worklist.error.message);
      // oldest first: the longest wait is worked first
      expect(worklist.value.items.map((i) => i.waitingDays)).toEqual([42, 41]);
      expect(worklist.value.total).toBeGreaterThan(2);
    });

    it('names the patient and the referrer on each worklist row, from the referral and the referrer record', async () => {
      const named = await registerReferral(
        f.ctx(operator),
        referral(
          { receivedAt: '2026-09-01T09:00:00Z' },
          { identifier: '777 888 9990', familyName: 'Okafor', givenNames: 'Grace', birthDate: '1949-12-31' },
        ),
      );
      if (!named.ok) throw new Error(named.error.message);
      // The oldest received referral comes first: this one (1 September) is older than every other.
      const worklist = await listReferrals(f.ctx(operator), { state: 'received', limit: '1' });
      if (!worklist.ok) throw new Error(worklist.error.message);
      expect(worklist.value.items).toEqual([
        expect.objectContaining({
          id: named.value.id,
          patient: {
            familyName: 'Okafor',
            givenNames: 'Grace',
            identifier: '777 888 9990',
            birthDate: '1949-12-31',
          },
          referrerName: 'Dr A. Patel',
          bookedFor: null,
          receivedAt: '2026-09-01T09:00:00.000Z',
          criteriaMatch: named.value.criteriaMatch,
        }),
      ]);
      // Paging past the end still says how many there are.
      const past = await listReferrals(f.ctx(operator), { state: 'received', offset: '500' });
      expect(past.ok && past.value.items).toEqual([]);
      expect(past.ok && past.value.total).toBe(worklist.value.total);
    });

    it('lets a referrer refer electronically as themselves, and see only their own referrals (ROS 4.3)', async () => {
      const userId = await f.user('dr.osei', [{ role: 'referrer' }]);
      const own = await f.referrer({ name: 'Dr K. Osei', role: 'specialist', userId });
      const referrer = await f.signedIn('dr.osei');
      const mine = await registerReferral(
        f.ctx(referrer),
        referral(
          { referrerId: own.id, signedByReferrer: false },
          { identifier: '222 333 4444', birthDate: '1961-02-02' },
        ),
      );
      // Sent from the referrer's own log-on, which confirms responsibility: it counts as signed.
      expect(mine).toMatchObject({ ok: true, value: { signedByReferrer: true, referrerId: own.id } });
      expect(await registerReferral(f.ctx(referrer), referral({ referrerId: gp.id }))).toMatchObject({
        error: { code: 'forbidden', field: 'referrerId' },
      });
      const listed = await listReferrals(f.ctx(referrer), {});
      expect(listed.ok && listed.value.items.map((r) => r.referrerId)).toEqual([own.id]);
      const others = await listReferrals(f.ctx(operator), { limit: 1 });
      const otherId = others.ok ? others.value.items[0]?.id : undefined;
      if (!otherId) throw new Error('no referral from the GP');
      expect(await getReferral(f.ctx(referrer), otherId)).toMatchObject({
        error: { code: 'forbidden', message: 'a referrer sees only their own referrals' },
      });
    });

    it('keeps the audit chain whole through all of it', async () => {
      expect((await f.store.audit.verify()).problems).toEqual([]);
    });
  });
}
