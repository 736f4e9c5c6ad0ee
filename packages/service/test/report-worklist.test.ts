import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, type ReferrerRecord, type ReportWorklistRow } from '@quantrad/store';
import type { Actor } from '../src/actor.ts';
import {
  amendDxaReport,
  draftDxaReport,
  enterDxaResults,
  issueReport,
  listReportWorklist,
  renderServiceReport,
  reportVersions,
  setReporterProfile,
  setServiceDetails,
  signDxaReport,
} from '../src/index.ts';
import { scannedVisit } from './pathway-helpers.ts';
import { ServiceFixture } from './service-fixture.ts';

type Page = { items: ReportWorklistRow[]; total: number; limit: number; offset: number };

for (const backend of TEST_BACKENDS) {
  describe(`the reporting worklist and a report's versions on ${backend.name}`, () => {
    let f: ServiceFixture;
    let operator: Actor;
    let reporter: Actor;
    let admin: Actor;
    let gp: ReferrerRecord;
    const visits: string[] = [];
    let reportId = '';

    const worklist = async (query: Record<string, unknown> = {}): Promise<Page> => {
      const page = await listReportWorklist(f.ctx(reporter), query);
      if (!page.ok) throw new Error(page.error.message);
      return page.value;
    };
    const stages = async (): Promise<[string, string, number | null][]> =>
      (await worklist()).items.map((i) => [i.visitId, i.stage, i.version]);

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
      });
      await setReporterProfile(f.ctx(admin), {
        userId: reporterId,
        title: 'Consultant Rheumatologist',
        registrationBody: 'GMC',
        registrationNumber: '1234567',
      });
      // Three patients scanned a minute apart (the last at 09:02); the first two have their results entered.
      for (const [identifier, familyName] of [
        ['485 777 3456', 'Cole'],
        ['943 476 5919', 'Hughes'],
        ['401 023 2137', 'Okafor'],
      ] as const) {
        const { visitId } = await scannedVisit(f, operator, gp, 'DXA-1', {
          identifier,
          familyName,
          givenNames: 'Pat',
          birthDate: '1950-03-10',
          address: '1 High Street, Bath',
          sex: 'female',
          pronouns: 'she/her',
        });
        visits.push(visitId);
        f.advanceMinutes(1);
      }
      for (const visitId of visits.slice(0, 2)) {
        const entered = await enterDxaResults(f.ctx(operator), {
          visitId,
          menopause: 'post',
          sites: [
            { site: 'L1-L4', bmdGcm2: 0.78, tScore: -2.4 },
            { site: 'femoral_neck', side: 'left', bmdGcm2: 0.55, tScore: -2.6 },
          ],
        });
        if (!entered.ok) throw new Error(entered.error.message);
      }
    });
    afterAll(() => f.db.close());

    it('lists scanned visits with results and no report, oldest first, and not a visit without results', async () => {
      const page = await worklist();
      expect(page.total).toBe(2);
      expect(page.items.map((i) => [i.visitId, i.stage, i.reportId, i.patientName])).toEqual([
        [visits[0], 'to_draft', null, 'COLE, Pat'],
        [visits[1], 'to_draft', null, 'HUGHES, Pat'],
      ]);
      expect(page.items[0]?.patientIdentifier).toBe('485 777 3456');
    });

    it('moves a visit from drafting to signing to issuing, and off the list once issued', async () => {
      const draft = await draftDxaReport(f.ctx(reporter), { visitId: visits[0] });
      if (!draft.ok) throw new Error(draft.error.message);
      reportId = draft.value.id;
      expect(await stages()).toEqual([
        [visits[0], 'to_sign', 1],
        [visits[1], 'to_draft', null],
      ]);
      expect((await signDxaReport(f.ctx(reporter), reportId)).ok).toBe(true);
      expect((await worklist({ stage: 'to_issue' })).items.map((i) => [i.reportId, i.state])).toEqual([
        [reportId, 'signed'],
      ]);
      expect((await issueReport(f.ctx(admin), reportId)).ok).toBe(true);
      expect(await stages()).toEqual([[visits[1], 'to_draft', null]]);
    });

    it('puts an amended report back to be issued, its new version not yet sent', async () => {
      f.advanceMinutes(30);
      const amended = await amendDxaReport(f.ctx(reporter), {
        reportId,
        reason: 'VFA result added',
        findings: { vfa: { summary: 'No vertebral fracture seen T4 to L4.' } },
      });
      if (!amended.ok) throw new Error(amended.error.message);
      const toIssue = await worklist({ stage: 'to_issue' });
      expect(toIssue.items.map((i) => [i.reportId, i.state, i.version, i.issuedVersion])).toEqual([
        [reportId, 'amended', 2, 1],
      ]);
    });

    it('pages and filters by stage, giving the total the filter matches', async () => {
      expect(await worklist({ limit: 1 })).toMatchObject({ total: 2, limit: 1, offset: 0 });
      const second = await worklist({ limit: 1, offset: 1 });
      expect(second.items.map((i) => i.visitId)).toEqual([visits[1]]);
      expect(await worklist({ limit: 1, offset: 5 })).toMatchObject({ items: [], total: 2 });
      expect((await worklist({ stage: 'to_sign' })).total).toBe(0);
      expect(await listReportWorklist(f.ctx(reporter), { stage: 'lost' })).toMatchObject({
        error: { code: 'invalid', field: 'stage' },
      });
    });

    it('is not for an operator', async () => {
      expect(await listReportWorklist(f.ctx(operator), {})).toMatchObject({ error: { code: 'forbidden' } });
    });

    it("lists a report's versions with who, when and why, and renders each one", async () => {
      const listed = await reportVersions(f.ctx(reporter), reportId);
      if (!listed.ok) throw new Error(listed.error.message);
      expect(listed.value).toMatchObject({
        state: 'amended',
        issuedVersion: 1,
        patientName: 'COLE, Pat',
        wording: { population: 'adult_t_score', pronouns: { subject: 'she' } },
        findings: { vfa: { summary: 'No vertebral fracture seen T4 to L4.' }, bloodTests: [] },
      });
      expect(listed.value.versions).toEqual([
        {
          version: 1,
          createdAt: '2026-11-23T09:03:00.000Z',
          createdBy: 'sarah.jones',
          reason: null,
          signedAt: '2026-11-23T09:03:00.000Z',
          signedBy: 'sarah.jones',
        },
        {
          version: 2,
          createdAt: '2026-11-23T09:33:00.000Z',
          createdBy: 'sarah.jones',
          reason: 'VFA result added',
          signedAt: '2026-11-23T09:33:00.000Z',
          signedBy: 'sarah.jones',
        },
      ]);
      const first = await renderServiceReport(f.ctx(reporter), reportId, 'text', 1);
      const second = await renderServiceReport(f.ctx(reporter), reportId, 'text', 2);
      if (!first.ok || !second.ok) throw new Error('a version did not render');
      expect(String(first.value)).not.toContain('No vertebral fracture seen T4 to L4.');
      expect(String(second.value)).toContain('No vertebral fracture seen T4 to L4.');
      expect(await renderServiceReport(f.ctx(reporter), reportId, 'text', 3)).toMatchObject({
        error: { code: 'not_found' },
      });
    });

    it('refuses signing to a reporter entitled for QCT only, saying which entitlement it needs', async () => {
      await f.user('quinn.qct', [{ role: 'reporter', scope: 'qct' }]);
      const qctReporter = await f.signedIn('quinn.qct');
      const draft = await draftDxaReport(f.ctx(reporter), { visitId: visits[1] });
      if (!draft.ok) throw new Error(draft.error.message);
      const refused = await signDxaReport(f.ctx(qctReporter), draft.value.id);
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      if (refused.ok) return;
      expect(refused.error.message).toMatch(/^signing a report needs the .*reporter.* entitlement for dxa$/i);
      expect((await worklist({ stage: 'to_sign' })).items.map((i) => i.reportId)).toEqual([draft.value.id]);
    });
  });
}
