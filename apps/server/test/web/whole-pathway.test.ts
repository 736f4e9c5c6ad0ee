import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiAs, keepScreenshot, startWebHarness, webSkipReason, type WebHarness } from './web-harness.ts';
import { shown, tScore, whoCategory } from './worked-t-scores.ts';

// The whole DXA pathway in Chromium, one patient from referral to issued report, each step by the person
// whose job it is, on their own screen (quantrad issue 6): the referrer's referral arrives; the IR(ME)R
// practitioner justifies and authorises it in the inbox; the operator books it on the calendar for this
// morning, opens it from today's list, is refused the scan while the daily QC has failed, passes QC with
// the phantom scan and records the visit, then enters the results; the reporter drafts, signs and issues
// the report. The server's clock starts at 07:00 UTC tomorrow, so there is a morning to book whenever the
// test runs.

const skipReason = webSkipReason;

const tomorrowAt7Utc = (): Date => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1, 7, 0, 0));
};

const PATIENT = {
  identifier: '943 476 1234',
  familyName: 'Bennett',
  givenNames: 'Rose',
  birthDate: '1952-03-14',
  address: '12 Quarry Road, Bath',
  sex: 'female',
} as const;
const HIP_BMD = { total_hip: 0.64, femoral_neck: 0.55 } as const;

describe.skipIf(skipReason !== null)(
  `the whole pathway from referral to issued report in Chromium${skipReason === null ? '' : ` (skipped: ${skipReason})`}`,
  () => {
    let harness: WebHarness;
    let operator: Page;
    let referralId = '';
    let today = '';

    beforeAll(async () => {
      harness = await startWebHarness({ startAt: tomorrowAt7Utc() });
      today = harness.now().toISOString().slice(0, 10);
    }, 120_000);
    afterAll(async () => {
      await harness.close();
    });

    it('the referral arrives and the IR(ME)R practitioner justifies and authorises it in the inbox', async () => {
      const referrer = await harness.signedInPage('referrer');
      const sent = await apiAs(referrer, harness.base, '/api/referrals', {
        method: 'POST',
        body: {
          patient: PATIENT,
          referrerId: '0b7d8a4e-6f1c-4d1e-9f0a-000000000001',
          source: 'gp',
          examination: 'dxa',
          indications: ['fragility_fracture'],
          clinicalInformation: 'Wrist fracture from standing height in October; no previous DXA.',
          signedByReferrer: true,
          method: 'electronic',
        },
      });
      expect(sent.status).toBe(201);
      referralId = (sent.body as { id: string }).id;
      await referrer.close();

      const practitioner = await harness.signedInPage('irmer_practitioner', '#/referrals');
      await practitioner.getByRole('heading', { name: 'Referrals inbox' }).waitFor();
      await practitioner.getByRole('button', { name: 'BENNETT, Rose' }).click();
      await practitioner
        .getByRole('heading', { name: `BENNETT, Rose — NHS ${PATIENT.identifier}` })
        .waitFor();
      await keepScreenshot(practitioner, 'pathway-1-referral');
      await practitioner
        .getByLabel('Justified by me as IR(ME)R practitioner, on the clinical information')
        .check();
      await practitioner.getByRole('button', { name: 'Authorise' }).click();
      await practitioner
        .getByRole('status')
        .getByText('BENNETT, Rose: authorised (practitioner justified).')
        .waitFor();
      const referral = (await apiAs(practitioner, harness.base, `/api/referrals/${referralId}`)).body;
      expect(referral).toMatchObject({ state: 'authorised', authorisation: 'practitioner_justified' });
      await practitioner.close();
    });

    it('the operator books it on DXA-1 for 09:00 this morning and the letter is written', async () => {
      operator = await harness.signedInPage('operator', '#/booking');
      await operator.getByRole('button', { name: 'BENNETT, Rose · DXA' }).click();
      await operator.getByRole('heading', { name: 'Book BENNETT, Rose (DXA)' }).waitFor();
      const dayLabel = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'UTC',
        weekday: 'short',
        day: 'numeric',
        month: 'short',
      }).format(new Date(`${today}T00:00:00Z`));
      // 09:00 in the UK is 09:00 UTC in winter and 08:00 UTC in summer: after 07:00 UTC either way.
      await operator.getByRole('button', { name: `Free: ${dayLabel} 09:00` }).click();
      await expect.poll(() => operator.getByLabel('Date').inputValue()).toBe(today);
      await operator.getByRole('button', { name: 'Book appointment' }).click();
      await operator.getByRole('status').filter({ hasText: 'Booked Rose Bennett' }).waitFor();
      await expect(operator.locator('.letter-body').textContent()).resolves.toContain('at 09:00');
      await keepScreenshot(operator, 'pathway-2-booked');
      const booking = (await apiAs(operator, harness.base, `/api/referrals/${referralId}/booking`)).body as {
        appointments: { scannerId: string; state: string; withinSixWeeks: boolean }[];
      };
      expect(booking.appointments).toEqual([
        expect.objectContaining({ scannerId: 'DXA-1', state: 'booked', withinSixWeeks: true }),
      ]);
    });

    it("is refused the scan from today's list while DXA-1's daily QC has failed, and told how to pass it", async () => {
      const failed = await apiAs(operator, harness.base, '/api/scanners/DXA-1/daily-qc', {
        method: 'POST',
        body: { passed: false, note: 'Phantom mispositioned; repeat after repositioning' },
      });
      expect(failed.status).toBe(201);
      await operator.goto(`${harness.base}/#/today`);
      await operator.getByRole('heading', { name: "Today's list" }).waitFor();
      await operator.getByRole('link', { name: 'Open visit for Rose Bennett' }).click();
      await operator.getByRole('heading', { name: /Scan visit: Rose Bennett, 09:00 on DXA-1/ }).waitFor();
      await operator.getByLabel(`Name confirmed: Rose Bennett`).check();
      await operator.getByLabel(`Date of birth confirmed: ${PATIENT.birthDate}`).check();
      await operator.getByLabel(`Address confirmed: ${PATIENT.address}`).check();
      await operator.getByLabel('The examination confirmed: DXA scan as referred').check();
      await operator.getByLabel('No child-bearing capacity').check();
      await operator.getByLabel('Height (cm)').fill('158');
      await operator.getByLabel('Weight (kg)').fill('57.5');
      await operator.getByLabel('The patient consents to the scan').check();
      await operator.getByLabel('Lumbar spine').check();
      await operator.getByLabel('Left hip').check();
      await operator.getByRole('button', { name: 'Record the visit' }).click();
      const sites = operator.getByRole('group', { name: 'Sites scanned' });
      await expect(sites.getByRole('alert').textContent()).resolves.toBe(
        "no patient scan may be recorded on DXA-1: today's daily QC has not passed (ROS 5.1)",
      );
      await keepScreenshot(operator, 'pathway-3-qc-gate');
      await sites.getByRole('link', { name: "Go to Phantom QA to record today's phantom scan" }).click();
    });

    it('passes the QC with the phantom scan, and the visit is then recorded with the checklist as typed', async () => {
      await operator.getByRole('heading', { name: 'Phantom QA' }).waitFor();
      const chart = (await apiAs(operator, harness.base, '/api/scanners/DXA-1/phantom-chart')).body as {
        baseline: { meanGcm2: number };
      };
      await operator.getByLabel("Today's phantom L1–L4 BMD (g/cm²)").fill(chart.baseline.meanGcm2.toFixed(3));
      await operator.getByRole('button', { name: 'Record phantom scan' }).click();
      await operator.getByText("In control: today's daily QC on DXA-1 has passed.").waitFor();
      await operator.goBack();
      await operator.getByRole('heading', { name: /Scan visit: Rose Bennett/ }).waitFor();
      await expect(operator.getByLabel('Weight (kg)').inputValue()).resolves.toBe('57.5');
      await operator.getByRole('button', { name: 'Record the visit' }).click();
      await operator.getByText('Visit recorded: scanned (lumbar spine, left hip).').waitFor();
      await operator.getByRole('link', { name: 'Enter the results' }).click();
    });

    it('enters the results and sees the assessment, checked against T-scores worked from the reference data', async () => {
      await operator
        .getByRole('heading', { name: `Results: Rose Bennett, born ${PATIENT.birthDate}` })
        .waitFor();
      await operator.getByLabel('BMD (g/cm²) 1').fill('0.884');
      await operator.getByLabel('T-score 1').fill('-1.5');
      await operator.getByLabel('BMD (g/cm²) 2').fill(String(HIP_BMD.total_hip));
      await operator.getByLabel('BMD (g/cm²) 3').fill(String(HIP_BMD.femoral_neck));
      await operator.getByLabel('Menopause').selectOption('post');
      await operator.getByRole('button', { name: 'Enter the results' }).click();
      await operator.getByRole('heading', { name: 'Assessment' }).waitFor();
      // (0.640 − 0.942) / 0.122 = −2.48 → −2.5; (0.550 − 0.858) / 0.120 = −2.57 → −2.6.
      const totalHipT = tScore(HIP_BMD.total_hip, 'total_hip');
      const neckT = tScore(HIP_BMD.femoral_neck, 'femoral_neck');
      expect([totalHipT, neckT]).toEqual([-2.5, -2.6]);
      const rows = await operator.locator('.assessed-sites tbody tr').allTextContents();
      expect(rows).toEqual([
        `L1-L40.884${shown(-1.5)} (scanner)—${whoCategory(-1.5)}`,
        `Left total hip0.640${shown(totalHipT)} (computed: nhanes3-hip-white-women-20-29)—${whoCategory(totalHipT)}`,
        `Left femoral neck0.550${shown(neckT)} (computed: nhanes3-hip-white-women-20-29)—${whoCategory(neckT)}`,
      ]);
      await keepScreenshot(operator, 'pathway-4-results');
      await operator.close();
    });

    it('the reporter drafts, signs and issues the report to the referrer', async () => {
      const reporter = await harness.signedInPage('reporter', '#/reporting');
      await reporter.getByRole('button', { name: 'Draft the report for BENNETT, Rose' }).click();
      await reporter.getByRole('heading', { name: 'Report for BENNETT, Rose' }).waitFor();
      const reportId = /#\/reporting\/(.+)$/.exec(reporter.url())?.[1] ?? '';
      await keepScreenshot(reporter, 'pathway-5-report');
      await reporter.getByRole('button', { name: 'Sign report' }).click();
      await reporter.getByText('Version 1 is signed.').waitFor();
      await reporter.getByRole('button', { name: 'Issue version 1' }).click();
      await reporter.getByText(/^Version 1 is issued to Dr A\. Patel/).waitFor();
      const versions = (await apiAs(reporter, harness.base, `/api/reports/${reportId}/versions`)).body;
      expect(versions).toMatchObject({ state: 'signed', issuedVersion: 1 });
      const token = await reporter.evaluate(() => sessionStorage.getItem('quantrad.session'));
      const text = await (
        await fetch(`${harness.base}/api/reports/${reportId}`, {
          headers: { authorization: `Bearer ${token ?? ''}` },
        })
      ).text();
      expect(text).toContain('Rose Bennett');
      expect(text).toContain(shown(tScore(HIP_BMD.femoral_neck, 'femoral_neck')).replace('−', '-'));
      expect(text).toMatch(/osteoporosis/i);
      await reporter.close();
    });
  },
);
