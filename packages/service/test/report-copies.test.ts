import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, type PatientRecord, type ReferralRecord, type ReferrerRecord } from '@quantrad/store';
import type { Actor } from '../src/actor.ts';
import {
  draftDxaReport,
  enterDxaResults,
  issueReport,
  recordRegisteredGp,
  reportCopies,
  setReporterProfile,
  setServiceDetails,
  signDxaReport,
} from '../src/index.ts';
import { scannedVisit } from './pathway-helpers.ts';
import { ServiceFixture } from './service-fixture.ts';

// ROS 4.6: "Reports should only be sent to a GP where this is requested or where the service is
// commissioned to do so." Each case below is one branch of that rule, worked out by hand.
describe('who receives a report', () => {
  const referrer = { name: 'Ms K. Lowe', organisation: 'Fracture Liaison Service', role: 'specialist' };
  const referral = { copyReportToGp: false };
  const patient = { registeredGp: 'Dr A. Khan, Mill Lane Surgery, Bath BA2 1AB' };
  const service = { gpCopyCommissioned: false };
  const copies = (
    r: Partial<ReferralRecord>,
    by: Partial<ReferrerRecord>,
    p: Partial<PatientRecord>,
    commissioned: boolean,
  ): { to: string; recipient: string | null; sent: boolean }[] =>
    reportCopies(
      { ...referral, ...r } as ReferralRecord,
      { ...referrer, ...by } as ReferrerRecord,
      { ...patient, ...p } as PatientRecord,
      {
        ...service,
        gpCopyCommissioned: commissioned,
        name: 'S',
        address: 'A',
        adviceLine: null,
        email: null,
      },
    ).map(({ to, recipient, sent }) => ({ to, recipient, sent }));
  const toReferrer = { to: 'referrer', recipient: 'Ms K. Lowe, Fracture Liaison Service', sent: true };
  const toGp = { to: 'gp', recipient: 'Dr A. Khan, Mill Lane Surgery, Bath BA2 1AB', sent: true };

  it('sends to the referrer only, when no copy is asked for and none is commissioned', () => {
    expect(copies({}, {}, {}, false)).toEqual([toReferrer]);
  });
  it('copies to the GP when the referrer asks', () => {
    expect(copies({ copyReportToGp: true }, {}, {}, false)).toEqual([toReferrer, toGp]);
  });
  it('copies to the GP when the service is commissioned to', () => {
    expect(copies({}, {}, {}, true)).toEqual([toReferrer, toGp]);
  });
  it('sends no second copy when the referrer is the GP', () => {
    expect(copies({ copyReportToGp: true }, { role: 'gp' }, {}, true)).toEqual([
      { ...toReferrer },
      { to: 'gp', recipient: null, sent: false },
    ]);
  });
  it('says a due copy could not go when no GP is recorded', () => {
    const result = reportCopies(
      { copyReportToGp: true } as ReferralRecord,
      referrer as ReferrerRecord,
      { registeredGp: null } as PatientRecord,
      null,
    );
    expect(result[1]).toEqual({
      to: 'gp',
      recipient: null,
      sent: false,
      reason:
        'the referrer asked for a copy to the GP, but no registered GP is recorded for the patient: add it and issue the report again',
    });
  });
});

for (const backend of TEST_BACKENDS) {
  describe(`issuing a report with a copy to the GP on ${backend.name}`, () => {
    let f: ServiceFixture;
    let operator: Actor;
    let reporter: Actor;
    let admin: Actor;
    let liaison: ReferrerRecord;
    beforeAll(async () => {
      f = new ServiceFixture(await backend.open());
      const reporterId = await f.user('sarah.jones', [{ role: 'reporter', scope: 'dxa' }]);
      operator = await f.staff('olive.operator', [{ role: 'operator' }, { role: 'medical_physics_expert' }]);
      reporter = await f.signedIn('sarah.jones');
      admin = await f.staff('ada.admin', [{ role: 'administrator' }]);
      liaison = await f.referrer({
        name: 'Ms K. Lowe',
        organisation: 'Fracture Liaison Service',
        role: 'specialist',
      });
      await f.scanner(operator);
      await setServiceDetails(f.ctx(admin), { name: 'Bath Bone Density Service', address: 'RUH, Bath' });
      await setReporterProfile(f.ctx(admin), {
        userId: reporterId,
        title: 'Consultant Rheumatologist',
        registrationBody: 'GMC',
        registrationNumber: '1234567',
      });
    });
    afterAll(() => f.db.close());

    async function signedReportFor(identifier: string, copyReportToGp: boolean): Promise<string> {
      const { visitId } = await scannedVisit(
        f,
        operator,
        liaison,
        'DXA-1',
        {
          identifier,
          familyName: 'Hale',
          givenNames: 'Ruth',
          birthDate: '1951-05-05',
          address: '3 Bridge Street, Bath',
          sex: 'female',
        },
        { source: 'fracture_liaison', copyReportToGp },
      );
      const entered = await enterDxaResults(f.ctx(operator), {
        visitId,
        menopause: 'post',
        sites: [{ site: 'L1-L4', bmdGcm2: 0.9, tScore: -1.2 }],
      });
      if (!entered.ok) throw new Error(entered.error.message);
      const draft = await draftDxaReport(f.ctx(reporter), { visitId });
      if (!draft.ok) throw new Error(draft.error.message);
      const signed = await signDxaReport(f.ctx(reporter), draft.value.id);
      if (!signed.ok) throw new Error(signed.error.message);
      return draft.value.id;
    }

    it('issues to the referrer at once, says the GP copy is waiting for a GP, and sends it once one is recorded', async () => {
      const reportId = await signedReportFor('gp-copy-1', true);
      const first = await issueReport(f.ctx(admin), reportId);
      if (!first.ok) throw new Error(first.error.message);
      expect(first.value.copies.map((c) => [c.to, c.sent])).toEqual([
        ['referrer', true],
        ['gp', false],
      ]);
      const patientId = first.value.patientId;
      expect(await recordRegisteredGp(f.ctx(admin), patientId, { registeredGp: '  ' })).toMatchObject({
        ok: false,
        error: { field: 'registeredGp' },
      });
      const recorded = await recordRegisteredGp(f.ctx(operator), patientId, {
        registeredGp: 'Dr A. Khan, Mill Lane Surgery, Bath BA2 1AB',
      });
      expect(recorded.ok).toBe(true);
      const again = await issueReport(f.ctx(admin), reportId);
      if (!again.ok) throw new Error(again.error.message);
      expect(again.value.copies.every((c) => c.sent)).toBe(true);
      expect(await issueReport(f.ctx(admin), reportId)).toMatchObject({
        error: { code: 'conflict', message: 'version 1 is already issued' },
      });
      // A copy is matched by version and recipient, not wording: letters written under an older template
      // still count as sent.
      await f.db.query(
        `UPDATE correspondence SET body = 'Wording of an older template' WHERE kind = 'report'`,
      );
      expect(await issueReport(f.ctx(admin), reportId)).toMatchObject({
        error: { code: 'conflict', message: 'version 1 is already issued' },
      });
      // The referrer received the report once, the GP once.
      const sent = (await f.store.appointments.correspondence({ patientId })).filter(
        (c) => c.kind === 'report',
      );
      expect(sent.map((c) => c.recipient).sort()).toEqual([
        'Dr A. Khan, Mill Lane Surgery, Bath BA2 1AB',
        'Ms K. Lowe, Fracture Liaison Service',
      ]);
      const audit = await f.store.audit.list({ patientId, limit: 100 });
      expect(
        audit.filter((e) => e.entityType === 'report' && e.action === 'export').map((e) => e.detail),
      ).toEqual([
        { issuedVersion: 1, to: ['referrer'], notSent: [first.value.copies[1]?.reason] },
        { issuedVersion: 1, to: ['gp'], notSent: [] },
      ]);
    });

    it('copies every report to the GP named on the referral when the service is commissioned to', async () => {
      await setServiceDetails(f.ctx(admin), {
        name: 'Bath Bone Density Service',
        address: 'RUH, Bath',
        gpCopyCommissioned: true,
      });
      const { visitId } = await scannedVisit(
        f,
        operator,
        liaison,
        'DXA-1',
        {
          identifier: 'gp-copy-2',
          familyName: 'Marsh',
          givenNames: 'Edith',
          birthDate: '1949-02-02',
          address: '9 Pulteney Road, Bath',
          sex: 'female',
          registeredGp: 'Dr B. Shaw, Widcombe Surgery, Bath BA2 4DE',
        },
        { source: 'fracture_liaison' },
      );
      await enterDxaResults(f.ctx(operator), {
        visitId,
        menopause: 'post',
        sites: [{ site: 'L1-L4', bmdGcm2: 0.95, tScore: -0.8 }],
      });
      const draft = await draftDxaReport(f.ctx(reporter), { visitId });
      if (!draft.ok) throw new Error(draft.error.message);
      await signDxaReport(f.ctx(reporter), draft.value.id);
      const issued = await issueReport(f.ctx(admin), draft.value.id);
      expect(issued.ok && issued.value.copies).toEqual([
        {
          to: 'referrer',
          recipient: 'Ms K. Lowe, Fracture Liaison Service',
          sent: true,
          reason: 'the referrer',
        },
        {
          to: 'gp',
          recipient: 'Dr B. Shaw, Widcombe Surgery, Bath BA2 4DE',
          sent: true,
          reason: 'the service is commissioned to copy reports to the GP',
        },
      ]);
    });
  });
}
