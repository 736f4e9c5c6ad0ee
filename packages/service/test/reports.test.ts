import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, type ReferrerRecord } from '@quantrad/store';
import type { Actor } from '../src/actor.ts';
import {
  amendDxaReport,
  draftDxaReport,
  enterDxaResults,
  issueReport,
  renderServiceReport,
  reviseDxaReport,
  setReporterProfile,
  setServiceDetails,
  signDxaReport,
} from '../src/index.ts';
import { scannedVisit } from './pathway-helpers.ts';
import { ServiceFixture } from './service-fixture.ts';

for (const backend of TEST_BACKENDS) {
  describe(`the whole pathway, referral to issued report, on ${backend.name}`, () => {
    let f: ServiceFixture;
    let operator: Actor;
    let reporter: Actor;
    let admin: Actor;
    let gp: ReferrerRecord;
    let visitId = '';
    let reportId = '';

    beforeAll(async () => {
      f = new ServiceFixture(await backend.open());
      await f.user('olive.operator', [{ role: 'operator' }, { role: 'medical_physics_expert' }]);
      const reporterId = await f.user('sarah.jones', [{ role: 'reporter', scope: 'dxa' }]);
      await f.user('ada.admin', [{ role: 'administrator' }]);
      operator = await f.signedIn('olive.operator');
      reporter = await f.signedIn('sarah.jones');
      admin = await f.signedIn('ada.admin');
      gp = await f.referrer();
      await f.scanner(operator);
      await setServiceDetails(f.ctx(admin), {
        name: 'Bath Bone Density Service',
        address: 'Royal United Hospital, Bath BA1 3NG',
        adviceLine: '01225 000000',
      });
      await setReporterProfile(f.ctx(admin), {
        userId: reporterId,
        title: 'Consultant Rheumatologist',
        registrationBody: 'GMC',
        registrationNumber: '1234567',
      });
      ({ visitId } = await scannedVisit(f, operator, gp, 'DXA-1', {
        identifier: '485 777 3456',
        familyName: 'Cole',
        givenNames: 'Janet',
        birthDate: '1956-03-10',
        address: '1 High Street, Bath',
        sex: 'female',
        pronouns: 'she/her',
      }));
    });
    afterAll(() => f.db.close());

    it('needs results before a report, then drafts the ROS report from them', async () => {
      expect(await draftDxaReport(f.ctx(reporter), { visitId })).toMatchObject({
        error: { code: 'conflict', message: 'enter the DXA results for this visit before reporting' },
      });
      const entered = await enterDxaResults(f.ctx(operator), {
        visitId,
        menopause: 'post',
        sites: [
          { site: 'L1-L4', bmdGcm2: 0.78, tScore: -2.4 },
          { site: 'femoral_neck', side: 'left', bmdGcm2: 0.55, tScore: -2.6 },
          { site: 'total_hip', side: 'left', bmdGcm2: 0.68, tScore: -2.1 },
        ],
      });
      expect(entered.ok).toBe(true);
      expect(await draftDxaReport(f.ctx(operator), { visitId })).toMatchObject({
        error: { code: 'forbidden' },
      });
      const draft = await draftDxaReport(f.ctx(reporter), {
        visitId,
        referral: { fractures: [{ site: 'wrist', date: '2026-07-01', lowTrauma: true }] },
      });
      if (!draft.ok) throw new Error(draft.error.message);
      reportId = draft.value.id;
      expect(draft.value).toMatchObject({ state: 'draft', version: 1, issuedVersion: null });
      // No fracture risk was given, so the integrated statement is about bone density (T -2.6 at the neck).
      expect(draft.value.text).toContain('Osteoporotic bone density');
      expect(draft.value.text).toContain('Referrer: Dr A. Patel, Riverside Surgery');
      expect(draft.value.text).toContain('Identifier: NHS number 485 777 3456');
      expect(draft.value.text).toContain('Signature: DRAFT: not yet signed');
    });

    it('refuses typed-in wording that breaks the ROS rules, naming the field, and keeps the draft as it was', async () => {
      const refused = await reviseDxaReport(f.ctx(reporter), {
        reportId,
        findings: { reporterComment: 'She has osteopenia at the hip.' },
      });
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'invalid', field: 'findings.reporterComment' },
      });
      const revised = await reviseDxaReport(f.ctx(reporter), {
        reportId,
        findings: { reporterComment: 'Her wrist fracture in July was from a fall from standing.' },
      });
      if (!revised.ok) throw new Error(revised.error.message);
      expect(revised.value.text).toContain('Her wrist fracture in July was from a fall from standing.');
      expect(revised.value.version).toBe(1);
    });

    it('is signed by the reporter, then only amended, and issued to the referrer once per version', async () => {
      expect(await issueReport(f.ctx(reporter), reportId)).toMatchObject({
        error: { message: 'sign the report before it is issued' },
      });
      const signed = await signDxaReport(f.ctx(reporter), reportId);
      if (!signed.ok) throw new Error(signed.error.message);
      expect(signed.value.state).toBe('signed');
      expect(signed.value.text).toContain('electronically signed by sarah.jones at 2026-11-23T09:00:00.000Z');
      expect(
        await reviseDxaReport(f.ctx(reporter), { reportId, findings: { reporterComment: 'Changed.' } }),
      ).toMatchObject({
        error: { message: 'the report is signed: amend it instead' },
      });
      const issued = await issueReport(f.ctx(admin), reportId);
      expect(issued).toMatchObject({ ok: true, value: { issuedVersion: 1 } });
      expect(await issueReport(f.ctx(admin), reportId)).toMatchObject({
        error: { message: 'version 1 is already issued' },
      });
      const letters = await f.store.appointments.correspondence({ patientId: signed.value.patientId });
      const report = letters.filter((l) => l.kind === 'report');
      expect(report.map((l) => l.recipient)).toEqual(['Dr A. Patel, Riverside Surgery']);
      expect(report[0]?.body).toContain('FRACTURE RISK AND BONE DENSITY ASSESSMENT');
    });

    it('amends with a reason into a new signed version, keeping the first, and the FHIR bundle says amended', async () => {
      f.advanceMinutes(60);
      expect(await amendDxaReport(f.ctx(reporter), { reportId, reason: ' ' })).toMatchObject({
        error: { field: 'reason' },
      });
      const amended = await amendDxaReport(f.ctx(reporter), {
        reportId,
        reason: 'VFA result added',
        findings: { vfa: { summary: 'No vertebral fracture seen T4 to L4.' } },
      });
      if (!amended.ok) throw new Error(amended.error.message);
      expect(amended.value).toMatchObject({ state: 'amended', version: 2, issuedVersion: 1 });
      const versions = await f.store.reports.versions(reportId);
      expect(versions.map((v) => [v.version, v.signedAt, v.reason])).toEqual([
        [1, '2026-11-23T09:00:00.000Z', null],
        [2, '2026-11-23T10:00:00.000Z', 'VFA result added'],
      ]);
      const fhir = await renderServiceReport(f.ctx(reporter), reportId, 'fhir');
      if (!fhir.ok) throw new Error(fhir.error.message);
      const bundle = JSON.parse(String(fhir.value)) as {
        entry: { resource: { resourceType: string; status?: string } }[];
      };
      expect(bundle.entry.find((e) => e.resource.resourceType === 'DiagnosticReport')?.resource.status).toBe(
        'amended',
      );
      expect(await issueReport(f.ctx(reporter), reportId)).toMatchObject({ value: { issuedVersion: 2 } });
      expect(
        (await f.store.referrals.byId((await f.store.reports.byId(reportId))?.referralId ?? ''))?.state,
      ).toBe('scanned');
      expect((await f.store.audit.verify()).problems).toEqual([]);
    });
  });
}
