import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, type ReferrerRecord } from '@quantrad/store';
import type { Actor } from '../src/actor.ts';
import {
  amendDxaReport,
  enterDxaResults,
  cancelAppointment,
  rebookAppointment,
  closeQaAlert,
  recordDailyQc,
  recordDidNotAttend,
  recordPhantomScan,
  registerReferral,
  serviceData,
  serviceDataCsv,
  setPhantomBaseline,
  setReporterProfile,
  setServiceDetails,
  type ServiceData,
} from '../src/index.ts';
import { scannedVisit } from './pathway-helpers.ts';
import {
  at,
  authorisedReferralAt,
  booked,
  figure,
  handover,
  newPatient,
  onward,
  results,
  signedReport,
} from './service-data-steps.ts';
import { ServiceFixture } from './service-fixture.ts';

// A month of a small service, November 2026, built through the use cases with every figure worked out by
// hand below. Edges: a referral received at 00:00 on 1 November and one at noon on the 30th count, one
// at 00:00 on 1 December does not; a report signed at 23:00 on the 30th counts, a scan, a report and a QC
// on 1 December do not; downtime straddling either end is clipped to the month.

const PERIOD = { from: '2026-11-01', to: '2026-11-30' };

for (const backend of TEST_BACKENDS) {
  describe(`service data (ROS 5) on ${backend.name}`, () => {
    let f: ServiceFixture;
    let operator: Actor;
    let physicist: Actor;
    let manager: Actor;
    let reporter: Actor;
    let gp: ReferrerRecord;
    let specialist: ReferrerRecord;
    let data: ServiceData;
    let bVisitId = '';

    beforeAll(async () => {
      f = new ServiceFixture(await backend.open());
      at(f, '2026-10-31T20:00:00Z');
      operator = await f.staff('olive.operator', [{ role: 'operator' }]);
      physicist = await f.staff('phil.physicist', [{ role: 'medical_physics_expert' }]);
      manager = await f.staff('sam.manager', [{ role: 'service_manager' }]);
      const admin = await f.staff('ada.admin', [{ role: 'administrator' }]);
      reporter = await f.staff('sarah.jones', [{ role: 'reporter', scope: 'dxa' }]);
      await setServiceDetails(f.ctx(admin), { name: 'Bath Bone Density Service', address: 'RUH, Bath' });
      await setReporterProfile(f.ctx(admin), {
        userId: reporter.userId,
        title: 'Consultant Rheumatologist',
        registrationBody: 'GMC',
        registrationNumber: '1234567',
      });
      gp = await f.referrer();
      specialist = await f.referrer({
        role: 'specialist',
        organisation: 'Smith, Jones & Partners\n"Bone Clinic"',
      });
      await f.scanner(physicist);
      // With the engineer 22:00 on 31 Oct to 01:30 on 1 Nov: 1.5 h of it in November.
      await handover(f, operator, '2026-10-31T22:00:00Z', '2026-11-01T01:30:00Z');

      // 2 Nov: A, received 1 Oct, scanned (32 days), osteoporosis at -2.6 with a fragility fracture.
      at(f, '2026-11-02T09:00:00Z');
      const a = await scannedVisit(f, operator, gp, 'DXA-1', newPatient(), {
        receivedAt: '2026-10-01T10:00:00Z',
      });
      await results(f, operator, a.visitId, -2.6, true);
      // F, received at the first moment of November (falls service, two indications), booked for 5 Nov;
      // G, received 2 Nov (opportunistic), booked for 12 Nov.
      const fRef = await authorisedReferralAt(f, operator, gp, '2026-11-01T00:00:00Z', {
        source: 'falls',
        indications: ['fragility_fracture', 'glucocorticoids'],
      });
      const f1 = await booked(f, operator, fRef, '2026-11-05T09:00:00Z');
      const gRef = await authorisedReferralAt(f, operator, gp, '2026-11-02T08:30:00Z', {
        source: 'opportunistic',
      });
      const g1 = await booked(f, operator, gRef, '2026-11-12T09:00:00Z');

      // 5 Nov: F does not attend, and is booked again for 10 Nov.
      at(f, '2026-11-05T10:00:00Z');
      expect((await recordDidNotAttend(f.ctx(operator), { appointmentId: f1 })).ok).toBe(true);
      const f2 = await booked(f, operator, fRef, '2026-11-10T09:00:00Z');
      // 6 Nov: F cancels; G's appointment is moved to 13 Nov.
      at(f, '2026-11-06T09:00:00Z');
      const fCancel = { appointmentId: f2, requestedBy: 'patient', reason: 'Away' } as const;
      expect((await cancelAppointment(f.ctx(operator), fCancel)).ok).toBe(true);
      const moved = await rebookAppointment(f.ctx(operator), {
        appointmentId: g1,
        startsAt: '2026-11-13T09:00:00Z',
        reason: 'Patient asked for a later day',
      });
      if (!moved.ok) throw new Error(moved.error.message);
      // 7 Nov: the service cancels G's new appointment; daily QC fails.
      at(f, '2026-11-07T09:00:00Z');
      const gCancel = {
        appointmentId: moved.value.id,
        requestedBy: 'service',
        reason: 'Scanner fault',
      } as const;
      expect((await cancelAppointment(f.ctx(operator), gCancel)).ok).toBe(true);
      await recordDailyQc(f.ctx(operator), { scannerId: 'DXA-1', passed: false, note: 'Calibration drift' });
      // 8 Nov: a phantom baseline (mean 1.032) and a phantom scan in control; 9 Nov: one far out of control.
      at(f, '2026-11-08T08:00:00Z');
      const baseline = [1.029, 1.031, 1.033, 1.03, 1.034, 1.032, 1.031, 1.033, 1.032, 1.035];
      await setPhantomBaseline(f.ctx(physicist), 'DXA-1', { scansGcm2: baseline, reason: 'Installation' });
      expect(await recordPhantomScan(f.ctx(operator), 'DXA-1', { bmdGcm2: 1.032 })).toMatchObject({
        value: { alert: null },
      });
      at(f, '2026-11-09T08:00:00Z');
      const outOfControl = await recordPhantomScan(f.ctx(operator), 'DXA-1', { bmdGcm2: 1.1 });
      expect(outOfControl).toMatchObject({ value: { alert: { kind: 'phantom_out_of_control' } } });
      // The physicist closes the alert (QC cannot pass again until then, ROS 5.1).
      const alertId = outOfControl.ok ? outOfControl.value.alert?.id : undefined;
      if (alertId === undefined) throw new Error('no alert raised');
      at(f, '2026-11-09T12:00:00Z');
      expect(
        (await closeQaAlert(f.ctx(physicist), alertId, { note: 'Phantom misplaced; repeat in control' })).ok,
      ).toBe(true);

      // 20 Nov: B, received 3 Nov from the specialist (fracture liaison), scanned (17 days), -1.5, reported
      // the same day (0 days); C, received 5 Oct, scanned (46 days: a DM01 breach), -0.5, falls referral.
      at(f, '2026-11-20T09:00:00Z');
      const b = await scannedVisit(f, operator, specialist, 'DXA-1', newPatient(), {
        receivedAt: '2026-11-03T09:00:00Z',
        source: 'fracture_liaison',
        indications: ['vertebral_fracture'],
      });
      await results(f, operator, b.visitId, -1.5);
      await signedReport(f, reporter, b.visitId);
      bVisitId = b.visitId;
      f.advanceMinutes(60);
      const c = await scannedVisit(f, operator, gp, 'DXA-1', newPatient(), {
        receivedAt: '2026-10-05T09:00:00Z',
      });
      await results(f, operator, c.visitId, -0.5);
      await onward(f, operator, c, 'falls_service', 'requested');
      await onward(f, operator, b, 'specialist_referral', 'declined');
      // X, received 1 Oct 2025, more than a year before the period, scanned (415 days), not yet reported.
      f.advanceMinutes(60);
      await scannedVisit(f, operator, gp, 'DXA-1', newPatient(), { receivedAt: '2025-10-01T09:00:00Z' });

      // With the engineer 09:00-15:30 on 21 Nov: 6.5 h.
      await handover(f, operator, '2026-11-21T09:00:00Z', '2026-11-21T15:30:00Z');
      // 25 Nov: H, received from the specialist, booked for 30 Nov 16:00 and still booked.
      at(f, '2026-11-25T09:00:00Z');
      const hRef = await authorisedReferralAt(f, operator, specialist, '2026-11-25T09:00:00Z');
      await booked(f, operator, hRef, '2026-11-30T16:00:00Z');
      // 26 Nov: A's report, 24 days after the scan (over three weeks).
      at(f, '2026-11-26T09:00:00Z');
      await signedReport(f, reporter, a.visitId);
      // 30 Nov 23:00: C's report (10 days) on the last day; with the engineer 20:00 to 02:00 (4 h in November).
      at(f, '2026-11-30T23:00:00Z');
      await signedReport(f, reporter, c.visitId);
      await handover(f, operator, '2026-11-30T20:00:00Z', '2026-12-01T02:00:00Z');
      // 1 Dec, none of it in November: E received at 00:00; D (received 30 Nov noon, which counts) scanned
      // and reported, with that day's QC.
      at(f, '2026-12-01T00:00:00Z');
      const e = await registerReferral(f.ctx(operator), {
        patient: newPatient(),
        referrerId: gp.id,
        source: 'other',
        examination: 'dxa',
        indications: ['fragility_fracture'],
        clinicalInformation: 'Wrist fracture after a fall from standing.',
        signedByReferrer: true,
        method: 'post',
      });
      if (!e.ok) throw new Error(e.error.message);
      at(f, '2026-12-01T09:00:00Z');
      const d = await scannedVisit(f, operator, gp, 'DXA-1', newPatient(), {
        receivedAt: '2026-11-30T12:00:00Z',
      });
      await results(f, operator, d.visitId, -3.0);
      await signedReport(f, reporter, d.visitId);

      at(f, '2026-12-02T09:00:00Z');
      const read = await serviceData(f.ctx(manager), PERIOD);
      if (!read.ok) throw new Error(read.error.message);
      data = read.value;
    }, 120_000);
    afterAll(() => f.db.close());

    it('counts referrals received by source, referrer type, organisation and indication', () => {
      // Received in November: F (1 Nov 00:00, falls), G (2 Nov, opportunistic), B (3 Nov, fracture
      // liaison, specialist), H (25 Nov, gp source, specialist), D (30 Nov noon, gp): 5. Not A, C, E.
      expect(figure(data, 'referrals received')).toEqual([5, null, null]);
      expect(figure(data, 'source: gp')).toEqual([2, 5, 40]);
      expect(figure(data, 'source: falls')).toEqual([1, 5, 20]);
      expect(figure(data, 'source: fracture_liaison')).toEqual([1, 5, 20]);
      expect(figure(data, 'source: opportunistic')).toEqual([1, 5, 20]);
      expect(figure(data, 'source: other')).toEqual([0, 5, 0]);
      expect(figure(data, 'referrer type: gp')).toEqual([3, 5, 60]);
      expect(figure(data, 'referrer type: specialist')).toEqual([2, 5, 40]);
      expect(figure(data, 'organisation: Riverside Surgery')).toEqual([3, 5, 60]);
      expect(figure(data, 'organisation: Smith, Jones & Partners\n"Bone Clinic"')).toEqual([2, 5, 40]);
      // fragility_fracture: F, G, H, D; glucocorticoids: F; vertebral_fracture: B.
      expect(figure(data, 'indication: fragility_fracture')).toEqual([4, 5, 80]);
      expect(figure(data, 'indication: glucocorticoids')).toEqual([1, 5, 20]);
      expect(figure(data, 'indication: vertebral_fracture')).toEqual([1, 5, 20]);
    });

    it('gives DNA and cancellation rates of the appointments due in the period', () => {
      // Due in November: A, B, C, X attended; F1 DNA; F2 cancelled (patient); G1 moved; G2 cancelled
      // (service); H still booked: 9. D's on 1 Dec is not. DNA rate 1 / (4 + 1) = 20%.
      expect(figure(data, 'appointments due')).toEqual([9, null, null]);
      expect(figure(data, 'attended')).toEqual([4, 9, 44.4]);
      expect(figure(data, 'did not attend')).toEqual([1, 5, 20]);
      expect(figure(data, 'cancelled')).toEqual([3, 9, 33.3]);
      expect(figure(data, 'cancelled at the patient’s request')).toEqual([1, 9, 11.1]);
      expect(figure(data, 'cancelled by the service')).toEqual([1, 9, 11.1]);
      expect(figure(data, 'moved to another time')).toEqual([1, 9, 11.1]);
      expect(figure(data, 'still booked')).toEqual([1, 9, 11.1]);
    });

    it('gives waits from referral to scan (DM01) and from scan to report (three weeks)', () => {
      // Scanned in November: B 17, A 32, C 46, X 415 days; median (32 + 46) / 2 = 39; C and X waited 42
      // days or more: 2 of 4.
      expect(figure(data, 'scans')).toEqual([4, null, null]);
      expect(figure(data, 'median wait, referral to scan')).toEqual([39, null, null]);
      expect(figure(data, 'waited six weeks or more (DM01 breach)')).toEqual([2, 4, 50]);
      // First signed in November: B 0, A 24, C 10 days; median 10; A over 21 days: 1 of 3. D is December.
      expect(figure(data, 'reports')).toEqual([3, null, null]);
      expect(figure(data, 'median wait, scan to report')).toEqual([10, null, null]);
      expect(figure(data, 'reported more than three weeks after the scan')).toEqual([1, 3, 33.3]);
    });

    it('gives the WHO categories of reported scans and onward referrals', () => {
      // A -2.6 with a fracture: established; B -1.5: low bone density; C -0.5: normal. D (-3.0) is December.
      expect(figure(data, 'reports with a WHO category')).toEqual([3, 3, 100]);
      expect(figure(data, 'WHO category: normal')).toEqual([1, 3, 33.3]);
      expect(figure(data, 'WHO category: low bone density (osteopenia)')).toEqual([1, 3, 33.3]);
      expect(figure(data, 'WHO category: osteoporosis')).toEqual([0, 3, 0]);
      expect(figure(data, 'WHO category: established osteoporosis')).toEqual([1, 3, 33.3]);
      // C's falls referral; B's specialist referral was declined.
      expect(figure(data, 'scans followed by an onward referral')).toEqual([1, 4, 25]);
      expect(figure(data, 'further investigation: falls_service')).toEqual([1, null, null]);
      expect(data.measures.some((m) => m.measure === 'further investigation: specialist_referral')).toBe(
        false,
      );
      expect(figure(data, 'further investigations declined')).toEqual([1, null, null]);
    });

    it('gives QC failures, phantom alerts and downtime clipped to the period', () => {
      // Daily QC in November: 2 Nov pass, 7 Nov fail, 8 Nov phantom pass, 9 Nov phantom fail, 20 Nov pass
      // three times (B, C, X): 7, 2 failed. Phantom scans 2, 1 out of control. Downtime 1.5 + 6.5 + 4 = 12 h.
      expect(figure(data, 'daily QC records')).toEqual([7, null, null]);
      expect(figure(data, 'daily QC failed')).toEqual([2, 7, 28.6]);
      expect(figure(data, 'phantom scans')).toEqual([2, null, null]);
      expect(figure(data, 'phantom out-of-control alerts')).toEqual([1, 2, 50]);
      expect(figure(data, 'handovers to the engineer')).toEqual([3, null, null]);
      expect(figure(data, 'scanner downtime')).toEqual([12, null, null]);
    });

    it('writes one CSV row per measure, quoting the organisation with a comma, quotes and a line break', () => {
      const csv = serviceDataCsv(data);
      const lines = csv.split('\r\n');
      expect(lines[0]).toBe('section,measure,value,denominator,percent,unit,definition');
      expect(lines).toContain(
        'appointments,did not attend,1,5,20,appointments,"did not attend, of appointments attended or not attended"',
      );
      expect(csv).toContain(
        'referrals,"organisation: Smith, Jones & Partners\n""Bone Clinic""",2,5,40,referrals,',
      );
      // Header, one record per measure, and the empty string after the last CRLF.
      expect(lines).toHaveLength(data.measures.length + 2);
    });

    it('refuses a bad period naming the field, and those who do not run the service, and audits the read', async () => {
      expect(await serviceData(f.ctx(manager), { from: '2026-11-31', to: '2026-12-01' })).toMatchObject({
        error: { code: 'invalid', field: 'from' },
      });
      expect(await serviceData(f.ctx(manager), { from: '2026-11-30', to: '2026-11-01' })).toMatchObject({
        error: { code: 'invalid', field: 'to', message: 'to: is before from (2026-11-30)' },
      });
      // 2024-01-01 to 2026-12-31 is 366 + 365 + 365 = 1,096 days; to 2027-01-02 is 1,098 = 3 × 366, the most.
      expect((await serviceData(f.ctx(manager), { from: '2024-01-01', to: '2027-01-02' })).ok).toBe(true);
      expect(await serviceData(f.ctx(manager), { from: '2024-01-01', to: '2027-01-03' })).toMatchObject({
        error: { field: 'to' },
      });
      expect(await serviceData(f.ctx(operator), PERIOD)).toMatchObject({ error: { code: 'forbidden' } });
      expect((await serviceData(f.ctx(physicist), PERIOD)).ok).toBe(true);
      const audit = (await f.store.audit.list({ limit: 1000 })).filter(
        (e) => e.entityType === 'service_data',
      );
      expect(audit.map((e) => [e.actorName, e.outcome])).toEqual(
        expect.arrayContaining([
          ['sam.manager', 'success'],
          ['olive.operator', 'denied'],
          ['phil.physicist', 'success'],
        ]),
      );
    });

    it('counts an amended report in the category of its latest signed version, in the month first signed', async () => {
      // 3 Dec: B's results corrected from -1.5 to -2.6 (osteoporosis, no fracture) and its report amended.
      // November still has 3 reports (B was first signed then): low bone density 1 -> 0, osteoporosis 0 -> 1.
      at(f, '2026-12-03T09:00:00Z');
      await results(f, operator, bVisitId, -2.6);
      const report = await f.store.reports.forVisit(bVisitId);
      if (!report) throw new Error('B has no report');
      const amended = await amendDxaReport(f.ctx(reporter), {
        reportId: report.id,
        reason: 'Results corrected',
      });
      if (!amended.ok) throw new Error(amended.error.message);
      const read = await serviceData(f.ctx(manager), PERIOD);
      if (!read.ok) throw new Error(read.error.message);
      expect(figure(read.value, 'reports with a WHO category')).toEqual([3, 3, 100]);
      expect(figure(read.value, 'WHO category: low bone density (osteopenia)')).toEqual([0, 3, 0]);
      expect(figure(read.value, 'WHO category: osteoporosis')).toEqual([1, 3, 33.3]);
      expect(figure(read.value, 'WHO category: established osteoporosis')).toEqual([1, 3, 33.3]);
    });

    it('counts a report amended to a Z-score classification as without a WHO category', async () => {
      // 4 Dec: B's results entered again as premenopausal, so classified by Z-score (ISCD 2019), and the
      // report amended again: November has 2 reports with a WHO category and 1 without.
      at(f, '2026-12-04T09:00:00Z');
      const entered = await enterDxaResults(f.ctx(operator), {
        visitId: bVisitId,
        menopause: 'pre',
        sites: [
          { site: 'L1-L4', bmdGcm2: 0.95, tScore: -2.3, zScore: -1.1 },
          { site: 'femoral_neck', side: 'left', bmdGcm2: 0.7, tScore: -2.6, zScore: -1.4 },
          { site: 'total_hip', side: 'left', bmdGcm2: 0.8, tScore: -2.4, zScore: -1.2 },
        ],
      });
      if (!entered.ok) throw new Error(entered.error.message);
      expect(entered.value.assessment.classification?.scheme).toBe('z_score');
      const report = await f.store.reports.forVisit(bVisitId);
      if (!report) throw new Error('B has no report');
      const amended = await amendDxaReport(f.ctx(reporter), { reportId: report.id, reason: 'Premenopausal' });
      if (!amended.ok) throw new Error(amended.error.message);
      const read = await serviceData(f.ctx(manager), PERIOD);
      if (!read.ok) throw new Error(read.error.message);
      expect(figure(read.value, 'reports with a WHO category')).toEqual([2, 3, 66.7]);
      expect(figure(read.value, 'reports without a WHO category')).toEqual([1, 3, 33.3]);
      // The categories are proportions of the 2 with a WHO category: A established, C normal.
      expect(figure(read.value, 'WHO category: osteoporosis')).toEqual([0, 2, 0]);
      expect(figure(read.value, 'WHO category: established osteoporosis')).toEqual([1, 2, 50]);
    });
  });
}
