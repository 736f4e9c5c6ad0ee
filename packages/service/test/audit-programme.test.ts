import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, type ReferrerRecord } from '@quantrad/store';
import type { Actor } from '../src/actor.ts';
import {
  addAuditAction,
  addFinding,
  closeAudit,
  closeAuditAction,
  createAudit,
  draftDxaReport,
  drawAuditSample,
  drawMonthlySample,
  enterDxaResults,
  getAudit,
  issueReport,
  listAudits,
  setReporterProfile,
  setServiceDetails,
  signDxaReport,
} from '../src/index.ts';
import { scannedVisit } from './pathway-helpers.ts';
import { ServiceFixture } from './service-fixture.ts';

// The audit programme (ROS 9.2): November 2026's scans (11 of them) sampled at 10% rounded up (2),
// their reports issued on 2 December and one report's wording checked against the ROS terminology.

for (const backend of TEST_BACKENDS) {
  describe(`the audit programme on ${backend.name}`, () => {
    let f: ServiceFixture;
    let operator: Actor;
    let reporter: Actor;
    let manager: Actor;
    let auditor: Actor;
    const visitIds: string[] = [];
    let sampled: string[] = [];
    let sampleId = '';
    let auditId = '';

    beforeAll(async () => {
      f = new ServiceFixture(await backend.open());
      operator = await f.staff('olive.operator', [{ role: 'operator' }, { role: 'medical_physics_expert' }]);
      const reporterId = await f.user('sarah.jones', [{ role: 'reporter', scope: 'dxa' }]);
      reporter = await f.signedIn('sarah.jones');
      const admin = await f.staff('ada.admin', [{ role: 'administrator' }]);
      manager = await f.staff('sam.manager', [{ role: 'service_manager' }]);
      auditor = await f.staff('audrey.auditor', [{ role: 'auditor' }]);
      const gp: ReferrerRecord = await f.referrer();
      await f.scanner(operator);
      await setServiceDetails(f.ctx(admin), { name: 'Bath Bone Density Service', address: 'Bath BA1 3NG' });
      await setReporterProfile(f.ctx(admin), {
        userId: reporterId,
        title: 'Consultant Rheumatologist',
        registrationBody: 'GMC',
        registrationNumber: '1234567',
      });
      for (let i = 1; i <= 11; i++) {
        const { visitId } = await scannedVisit(f, operator, gp, 'DXA-1', {
          identifier: `aud-${String(i)}`,
          familyName: 'Cole',
          givenNames: 'Janet',
          birthDate: '1956-03-10',
          address: '1 High Street, Bath',
          sex: 'female',
        });
        visitIds.push(visitId);
        f.advanceMinutes(40);
      }
    }, 120_000);
    afterAll(() => f.db.close());

    it('refuses a month that has not ended, and staff outside the audit programme, naming why', async () => {
      expect(await drawMonthlySample(f.ctx(auditor), { month: '2026-11', kind: 'scans' })).toMatchObject({
        error: { code: 'invalid', field: 'month' },
      });
      expect(await drawMonthlySample(f.ctx(auditor), { month: '2026-13', kind: 'scans' })).toMatchObject({
        error: { code: 'invalid', field: 'month', message: 'month: must be YYYY-MM' },
      });
      expect(await drawMonthlySample(f.ctx(auditor), { month: '2026-10', kind: 'x' })).toMatchObject({
        error: { code: 'invalid', field: 'kind' },
      });
      expect(await drawMonthlySample(f.ctx(reporter), { month: '2026-10', kind: 'scans' })).toMatchObject({
        error: { code: 'forbidden' },
      });
      const denied = await f.db.query(
        `SELECT count(*)::int AS n FROM audit_event WHERE entity_type = 'audit_sample' AND outcome = 'denied'`,
      );
      expect(denied[0]).toEqual({ n: 1 });
    });

    it('draws 2 of the 11 scans from the recorded seed, and gives the stored sample when drawn again', async () => {
      f.nowMs = Date.parse('2026-12-02T09:00:00Z');
      const drawn = await drawMonthlySample(f.ctx(auditor), { month: '2026-11', kind: 'scans', seed: 42 });
      if (!drawn.ok) throw new Error(drawn.error.message);
      // 11 scans × 10% = 1.1, rounded up: 2. The same ids come from the pure draw with the recorded seed.
      expect(drawn.value).toMatchObject({
        drawn: true,
        sample: { month: '2026-11', kind: 'scans', seed: 42, samplePercent: 10, populationSize: 11 },
      });
      expect(drawn.value.sample.itemIds).toEqual(drawAuditSample(42, '2026-11', visitIds, 10).ids);
      expect(drawn.value.sample.itemIds).toHaveLength(2);
      sampled = drawn.value.sample.itemIds;
      sampleId = drawn.value.sample.id;
      const again = await drawMonthlySample(f.ctx(manager), { month: '2026-11', kind: 'scans', seed: 7 });
      expect(again).toMatchObject({ ok: true, value: { drawn: false, sample: { id: sampleId, seed: 42 } } });
      // The 11 referrals were all received on 23 November: the same population, drawn on its own.
      expect(await drawMonthlySample(f.ctx(auditor), { month: '2026-11', kind: 'referrals' })).toMatchObject({
        ok: true,
        value: { drawn: true, sample: { kind: 'referrals', populationSize: 11 } },
      });
      // No referrals were received in October: an empty sample, stored all the same.
      expect(await drawMonthlySample(f.ctx(auditor), { month: '2026-10', kind: 'referrals' })).toMatchObject({
        ok: true,
        value: { drawn: true, sample: { populationSize: 0, itemIds: [] } },
      });
    });

    it('checks the sampled reports against the ROS wording and measures the time to report', async () => {
      for (const visitId of sampled) {
        await enterDxaResults(f.ctx(operator), {
          visitId,
          menopause: 'post',
          sites: [{ site: 'L1-L4', bmdGcm2: 0.78, tScore: -2.4 }],
        });
        const draft = await draftDxaReport(f.ctx(reporter), { visitId });
        if (!draft.ok) throw new Error(draft.error.message);
        await signDxaReport(f.ctx(reporter), draft.value.id);
        const issued = await issueReport(f.ctx(reporter), draft.value.id);
        if (!issued.ok) throw new Error(issued.error.message);
      }
      // A report issued before a wording rule applied: its comment says "osteopenia" alone (ROS 4.6).
      await f.db.query(
        `UPDATE report_version SET context = jsonb_set(context, '{findings,reporterComment}', to_jsonb($2::text))
         WHERE report_id = (SELECT id FROM report WHERE visit_id = $1)`,
        [sampled[1], 'Osteopenia at the spine.'],
      );
      const compliance = await createAudit(f.ctx(auditor), {
        auditType: 'report_compliance',
        scope: 'Reports of the November scans sample',
        periodFrom: '2026-11-01',
        periodTo: '2026-11-30',
        sampleId,
      });
      if (!compliance.ok) throw new Error(compliance.error.message);
      auditId = compliance.value.id;
      f.advanceMinutes(1);
      const view = await getAudit(f.ctx(auditor), auditId);
      expect(view.ok && view.value.measures.reportCompliance).toEqual({
        checked: 2,
        compliant: 1,
        notIssued: 0,
        failedRules: [
          { message: 'write "low bone density (osteopenia)", not "Osteopenia" alone (ROS 4.6)', reports: 1 },
        ],
        failures: [
          {
            visitId: sampled[1],
            reportId: expect.any(String) as unknown,
            version: 1,
            messages: ['write "low bone density (osteopenia)", not "Osteopenia" alone (ROS 4.6)'],
          },
        ],
      });
      const timing = await createAudit(f.ctx(manager), {
        auditType: 'time_to_report',
        scope: 'November scans sample',
        periodFrom: '2026-11-01',
        periodTo: '2026-11-30',
        sampleId,
      });
      if (!timing.ok) throw new Error(timing.error.message);
      const timed = await getAudit(f.ctx(auditor), timing.value.id);
      // Scanned 23 November, issued 2 December: 7 + 2 = 9 days each, within the 3-week (21-day) target.
      expect(timed.ok && timed.value.measures.timeToReport).toMatchObject({
        targetDays: 21,
        measured: 2,
        withinTarget: 2,
        notMeasured: 0,
        waits: [expect.objectContaining({ days: 9 }), expect.objectContaining({ days: 9 })],
      });
    });

    it('measures the wait from referral to scan over the sample', async () => {
      f.advanceMinutes(1);
      const audit = await createAudit(f.ctx(auditor), {
        auditType: 'time_to_scan',
        scope: 'November scans sample',
        periodFrom: '2026-11-01',
        periodTo: '2026-11-30',
        sampleId,
      });
      if (!audit.ok) throw new Error(audit.error.message);
      const view = await getAudit(f.ctx(auditor), audit.value.id);
      // Each referral was received and scanned on 23 November: 0 days, within the 6-week (42-day) target.
      expect(view.ok && view.value.measures).toEqual({
        timeToScan: {
          targetDays: 42,
          measured: 2,
          withinTarget: 2,
          notMeasured: 0,
          waits: expect.arrayContaining([
            { visitId: sampled[0], days: 0 },
            { visitId: sampled[1], days: 0 },
          ]) as unknown,
        },
      });
    });

    it('names the field at fault when an audit is opened with bad input', async () => {
      const base = {
        auditType: 'referral_justification',
        scope: 'x',
        periodFrom: '2026-11-01',
        periodTo: '2026-11-30',
      };
      expect(await createAudit(f.ctx(auditor), { ...base, auditType: 'tea_rota' })).toMatchObject({
        error: { code: 'invalid', field: 'auditType' },
      });
      expect(await createAudit(f.ctx(auditor), { ...base, periodTo: '2026-10-31' })).toMatchObject({
        error: { code: 'invalid', field: 'periodTo', message: 'periodTo: must not be before periodFrom' },
      });
      expect(await createAudit(f.ctx(auditor), { ...base, sampleId })).toMatchObject({
        error: {
          code: 'invalid',
          field: 'sampleId',
          message: 'sampleId: a Referral justification audit needs a sample of referrals',
        },
      });
      expect(await createAudit(f.ctx(reporter), base)).toMatchObject({ error: { code: 'forbidden' } });
    });

    it('refuses to close an audit while an action is open, then closes it once every action is', async () => {
      const finding = await addFinding(f.ctx(auditor), auditId, {
        severity: 'moderate',
        description: 'One report used "osteopenia" alone',
      });
      if (!finding.ok) throw new Error(finding.error.message);
      expect(
        await addFinding(f.ctx(auditor), auditId, { severity: 'grave', description: 'x' }),
      ).toMatchObject({
        error: { field: 'severity' },
      });
      const action = await addAuditAction(f.ctx(auditor), auditId, {
        description: 'Amend the report and remind reporters of the ROS wording',
        owner: 'Lead reporter',
        dueOn: '2026-12-31',
        findingId: finding.value.id,
      });
      if (!action.ok) throw new Error(action.error.message);
      expect(
        await addAuditAction(f.ctx(auditor), auditId, { description: 'x', owner: 'y', dueOn: '31/12/2026' }),
      ).toMatchObject({ error: { field: 'dueOn' } });
      expect(await closeAudit(f.ctx(manager), auditId, { conclusion: 'Done' })).toMatchObject({
        error: {
          code: 'conflict',
          message: '1 action(s) are still open: close each with what was done before the audit',
        },
      });
      expect(await closeAudit(f.ctx(auditor), auditId, { conclusion: 'Done' })).toMatchObject({
        error: { code: 'forbidden' },
      });
      f.advanceMinutes(60);
      const closedAction = await closeAuditAction(f.ctx(auditor), auditId, action.value.id, {
        whatWasDone: 'Report amended; wording reminder at the team meeting',
      });
      expect(closedAction).toMatchObject({
        ok: true,
        // 09:00 on 2 December, a minute before each of the next two audits, then an hour: 10:02.
        value: { closedAt: '2026-12-02T10:02:00.000Z', closedBy: auditor.userId },
      });
      const closed = await closeAudit(f.ctx(manager), auditId, { conclusion: '1 of 2 reports fell short' });
      expect(closed).toMatchObject({
        ok: true,
        value: { closedBy: manager.userId, conclusion: '1 of 2 reports fell short' },
      });
      expect(
        await addFinding(f.ctx(auditor), auditId, { severity: 'low', description: 'late' }),
      ).toMatchObject({
        error: { code: 'conflict' },
      });
      const list = await listAudits(f.ctx(auditor));
      expect(list.ok && list.value.map((a) => [a.auditType, a.closedAt !== null])).toEqual([
        ['time_to_scan', false],
        ['time_to_report', false],
        ['report_compliance', true],
      ]);
    });

    it('checks the sampled referrals for referrer entitlement and justification from the record', async () => {
      const sample = await f.store.auditProgramme.sampleFor('2026-11', 'referrals');
      if (!sample) throw new Error('no referrals sample');
      const [first, second] = sample.itemIds;
      if (first === undefined || second === undefined) throw new Error('a sample of 2 was expected');
      // Every sampled referral was authorised by the operator under written criteria it meets (a
      // fragility fracture), from an entitled, signing GP: both comply.
      const open = async (auditType: string): Promise<string> => {
        f.advanceMinutes(1);
        const audit = await createAudit(f.ctx(auditor), {
          auditType,
          scope: 'November referrals sample',
          periodFrom: '2026-11-01',
          periodTo: '2026-11-30',
          sampleId: sample.id,
        });
        if (!audit.ok) throw new Error(audit.error.message);
        return audit.value.id;
      };
      const justification = await open('referral_justification');
      const clean = await getAudit(f.ctx(auditor), justification);
      expect(clean.ok && clean.value.measures).toEqual({
        justification: { checked: 2, compliant: 2, notDecided: 0, failures: [] },
      });
      // Stand-ins for a bad history: one referral authorised by the auditor (no operator entitlement), and
      // the GP's entitlement starting after the referrals arrived.
      await f.db.query(
        `UPDATE referral_event SET actor_id = $1 WHERE referral_id = $2 AND to_state = 'authorised'`,
        [auditor.userId, first],
      );
      await f.db.query(`UPDATE referrer SET entitled_from = '2026-11-24'`);
      const after = await getAudit(f.ctx(auditor), justification);
      expect(after.ok && after.value.measures).toEqual({
        justification: {
          checked: 2,
          compliant: 1,
          notDecided: 0,
          failures: [
            { referralId: first, problems: ['authorised by someone not entitled as an operator on the day'] },
          ],
        },
      });
      const entitlement = await getAudit(f.ctx(auditor), await open('referrer_entitlement'));
      const problem = ['Dr A. Patel was not entitled to refer until 2026-11-24'];
      expect(entitlement.ok && entitlement.value.measures.referrerEntitlement).toMatchObject({
        checked: 2,
        compliant: 0,
        failures: expect.arrayContaining([
          { referralId: first, problems: problem },
          { referralId: second, problems: problem },
        ]) as unknown,
      });
    });

    it('checks identification and the pregnancy enquiry at the sampled scans, and the period DNA rate', async () => {
      const [first, second] = sampled;
      if (first === undefined || second === undefined) throw new Error('a sample of 2 was expected');
      const open = async (auditType: string, withSample: boolean): Promise<string> => {
        f.advanceMinutes(1);
        const audit = await createAudit(f.ctx(auditor), {
          auditType,
          scope: 'November',
          periodFrom: '2026-11-01',
          periodTo: '2026-11-30',
          ...(withSample ? { sampleId } : {}),
        });
        if (!audit.ok) throw new Error(audit.error.message);
        return audit.value.id;
      };
      // The 11 November appointments were all attended: 0 of 11 missed.
      const dna = await getAudit(f.ctx(auditor), await open('dna_rates', false));
      expect(dna.ok && dna.value.measures).toEqual({
        dnaRate: { attendedOrMissed: 11, didNotAttend: 0, percent: 0 },
      });
      // Stand-ins for a bad record: the first sampled scan's address not confirmed and its patient born in
      // 1990 (36 on 23 November 2026, inside 12-55) with no child-bearing capacity recorded; the second
      // recorded as of child-bearing capacity, possibly pregnant and unsigned.
      await f.db.query(
        `UPDATE scan_visit SET identity = jsonb_set(identity, '{address}', 'false') WHERE id = $1`,
        [first],
      );
      await f.db.query(
        `UPDATE patient SET birth_date = '1990-01-01' WHERE id = (SELECT patient_id FROM scan_visit WHERE id = $1)`,
        [first],
      );
      await f.db.query(
        `UPDATE scan_visit SET pregnancy = '{"childBearingCapacity": true, "status": "possibly_pregnant", "lastMenstrualPeriod": null, "signedBy": null}' WHERE id = $1`,
        [second],
      );
      const identification = await getAudit(f.ctx(auditor), await open('patient_identification', true));
      expect(identification.ok && identification.value.measures).toEqual({
        identification: {
          checked: 2,
          compliant: 1,
          failures: [{ visitId: first, problems: ['address not confirmed'] }],
          forReview: [],
        },
      });
      const pregnancy = await getAudit(f.ctx(auditor), await open('pregnancy_checks', true));
      expect(pregnancy.ok && pregnancy.value.measures).toEqual({
        pregnancyEnquiry: {
          checked: 2,
          compliant: 1,
          failures: [
            {
              visitId: second,
              problems: [
                'scanned with the pregnancy enquiry answered possibly pregnant',
                'pregnancy enquiry not signed',
              ],
            },
          ],
          forReview: [{ visitId: first, note: 'aged 36, recorded as without child-bearing capacity' }],
        },
      });
    });
  });
}
