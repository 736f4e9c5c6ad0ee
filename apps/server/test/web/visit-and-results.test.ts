import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  apiAs,
  expectMatchesBaseline,
  startWebHarness,
  webSkipReason,
  type WebHarness,
} from './web-harness.ts';
import { shown, tScore, whoCategory } from './worked-t-scores.ts';

// The operator's day in Chromium against the server with its demo data (quantrad issue 6): today's list
// with the scanners' daily QC, a scan visit refused while DXA-1's QC has failed (with the reason and the
// way to QC), the phantom scan recorded at the baseline mean so QC passes, the visit recorded, then the
// results entered and the assessment checked against T-scores worked here from the reference data file.

const skipReason = webSkipReason;

interface DayListJson {
  appointments: {
    appointment: { id: string; scannerId: string; startsAt: string; state: string };
    patient: {
      familyName: string;
      givenNames: string;
      birthDate: string;
      identifier: string;
      ageYears: number;
    };
  }[];
}

describe.skipIf(skipReason !== null)(
  `the day's list, the scan visit and results in Chromium${skipReason === null ? '' : ` (skipped: ${skipReason})`}`,
  () => {
    let harness: WebHarness;
    let page: Page;
    const today = new Date().toISOString().slice(0, 10);
    // Helen Price, the demo patient booked on DXA-1 today.
    const HIP_BMD = { total_hip: 0.7, femoral_neck: 0.53 } as const;

    beforeAll(async () => {
      harness = await startWebHarness();
      page = await harness.signedInPage('operator', '#/today');
    }, 120_000);
    afterAll(async () => {
      await harness.close();
    });

    it("shows today's list for each scanner with its daily QC, as the API gives it", async () => {
      // The phantom was mispositioned this morning: DXA-1's QC is recorded as failed, so no patient scans.
      const failed = await apiAs(page, harness.base, '/api/scanners/DXA-1/daily-qc', {
        method: 'POST',
        body: { passed: false, note: 'Phantom mispositioned; repeat after repositioning' },
      });
      expect(failed.status).toBe(201);
      await page.reload();
      await page.getByRole('heading', { name: "Today's list" }).waitFor();
      await page.getByText('DXA-1: 1 appointment today').waitFor();
      await expect(page.locator('.qc-status-list li', { hasText: 'DXA-1' }).textContent()).resolves.toBe(
        "DXA-1 (Horizon A): daily QC failed today: no patient scans Record DXA-1's phantom scan",
      );

      const day = (await apiAs(page, harness.base, `/api/visits/day?date=${today}`)).body as DayListJson;
      expect(day.appointments).toHaveLength(1);
      const entry = day.appointments[0];
      if (!entry) throw new Error('no demo appointment today');
      expect(entry.patient).toMatchObject({
        familyName: 'Price',
        givenNames: 'Helen',
        birthDate: '1958-05-05',
      });
      const row = page.getByRole('row', { name: /Price, Helen/ });
      const cells = await row.getByRole('cell').allTextContents();
      expect(cells.slice(1, 6)).toEqual([
        'Price, Helen',
        `1958-05-05 (${String(entry.patient.ageYears)})`,
        '732 111 9087',
        'DXA',
        'booked',
      ]);
      await expectMatchesBaseline(page, 'todays-list', [page.getByLabel('Day', { exact: true })]);
    });

    it('refuses the scan on DXA-1 with the reason and the way to QC, keeping the checklist', async () => {
      await page.getByRole('link', { name: 'Open visit for Helen Price' }).click();
      await page.getByRole('heading', { name: /Scan visit: Helen Price/ }).waitFor();
      // Before anything is sent, from the scanner's status.
      await expect(
        page
          .getByText(
            "Today's daily QC on DXA-1 has failed: no patient scan can be recorded until it passes (ROS 5.1).",
          )
          .count(),
      ).resolves.toBe(2);
      await page.getByLabel('Name confirmed: Helen Price').check();
      await page.getByLabel('Date of birth confirmed: 1958-05-05').check();
      await page.getByLabel('Address confirmed: 087 High Street, Bath').check();
      await page.getByLabel('The examination confirmed: DXA scan as referred').check();
      await page.getByLabel('No child-bearing capacity').check();
      await page.getByLabel('Height (cm)').fill('160.5');
      await page.getByLabel('Weight (kg)').fill('61.2');
      await page.getByLabel('The patient consents to the scan').check();
      await page.getByLabel('Lumbar spine').check();
      await page.getByLabel('Left hip').check();
      await page.evaluate('window.scrollTo(0, 0)');
      await expectMatchesBaseline(page, 'scan-visit');
      await page.getByRole('button', { name: 'Record the visit' }).click();
      const sites = page.getByRole('group', { name: 'Sites scanned' });
      await expect(sites.getByRole('alert').textContent()).resolves.toBe(
        "no patient scan may be recorded on DXA-1: today's daily QC has not passed (ROS 5.1)",
      );
      await expect(page.getByLabel('Height (cm)').inputValue()).resolves.toBe('160.5');
      await expect(page.getByLabel('Left hip').isChecked()).resolves.toBe(true);
      await sites.getByRole('link', { name: "Go to Phantom QA to record today's phantom scan" }).click();
    });

    it('passes the QC with a phantom scan at the baseline mean, then records the visit', async () => {
      await page.getByRole('heading', { name: 'Phantom QA' }).waitFor();
      const chart = (await apiAs(page, harness.base, '/api/scanners/DXA-1/phantom-chart')).body as {
        baseline: { meanGcm2: number };
      };
      await page.getByLabel("Today's phantom L1–L4 BMD (g/cm²)").fill(chart.baseline.meanGcm2.toFixed(3));
      await page.getByRole('button', { name: 'Record phantom scan' }).click();
      await page.getByText("In control: today's daily QC on DXA-1 has passed.").waitFor();

      await page.goBack();
      await page.getByRole('heading', { name: /Scan visit: Helen Price/ }).waitFor();
      // The gate is lifted and the checklist is as it was left.
      await expect(page.getByText(/daily QC on DXA-1 has failed/).count()).resolves.toBe(0);
      await expect(page.getByLabel('Weight (kg)').inputValue()).resolves.toBe('61.2');
      await page.getByRole('button', { name: 'Record the visit' }).click();
      await page.getByText('Visit recorded: scanned (lumbar spine, left hip).').waitFor();
      await page.getByRole('link', { name: 'Enter the results' }).click();
    });

    it('enters the site values and shows the assessment the engine made, checked against worked T-scores', async () => {
      await page.getByRole('heading', { name: 'Results: Helen Price, born 1958-05-05' }).waitFor();
      await page.getByLabel('BMD (g/cm²) 1').fill('0.912');
      await page.getByLabel('T-score 1').fill('-1.2');
      await page.getByLabel('BMD (g/cm²) 2').fill(String(HIP_BMD.total_hip));
      await page.getByLabel('BMD (g/cm²) 3').fill(String(HIP_BMD.femoral_neck));
      await page.getByLabel('Menopause').selectOption('post');
      await page.getByRole('button', { name: 'Enter the results' }).click();
      await page.getByRole('heading', { name: 'Assessment' }).waitFor();

      // (0.700 − 0.942) / 0.122 = −1.98 → −2.0; (0.530 − 0.858) / 0.120 = −2.73 → −2.7.
      const totalHipT = tScore(HIP_BMD.total_hip, 'total_hip');
      const neckT = tScore(HIP_BMD.femoral_neck, 'femoral_neck');
      expect([totalHipT, neckT]).toEqual([-2, -2.7]);
      const rows = await page.locator('.assessed-sites tbody tr').allTextContents();
      expect(rows).toEqual([
        `L1-L40.912${shown(-1.2)} (scanner)—${whoCategory(-1.2)}`,
        `Left total hip0.700${shown(totalHipT)} (computed: nhanes3-hip-white-women-20-29)—${whoCategory(totalHipT)}`,
        `Left femoral neck0.530${shown(neckT)} (computed: nhanes3-hip-white-women-20-29)—${whoCategory(neckT)}`,
      ]);
      expect(whoCategory(neckT)).toBe('Osteoporosis');
      await expect(page.locator('.assessment .classification').textContent()).resolves.toMatch(
        new RegExp(`^WHO category: osteoporosis, from the left femoral neck \\(T-score ${shown(neckT)}\\)`),
      );
      await expect(page.getByRole('img').getAttribute('aria-label')).resolves.toBe(
        `T-scores by site: L1-L4 ${shown(-1.2)} (low bone density); Left total hip ${shown(totalHipT)} (low bone density); Left femoral neck ${shown(neckT)} (osteoporosis). WHO bands: normal −1.0 and above, low bone density between, osteoporosis −2.5 and below.`,
      );
      await page.getByText('No previous scan to compare with.').waitFor();

      // The same as the API's own record of the visit's results.
      const url = new URL(page.url());
      const visitId = url.hash.split('/').at(-1) ?? '';
      const api = (await apiAs(page, harness.base, `/api/visits/${visitId}/results`)).body as {
        latest: { assessment: { sites: { site: string; tScore: number }[] } };
      };
      expect(api.latest.assessment.sites.map((s) => [s.site, s.tScore])).toEqual([
        ['L1-L4', -1.2],
        ['total_hip', totalHipT],
        ['femoral_neck', neckT],
      ]);

      await page.getByRole('heading', { name: 'Assessment' }).scrollIntoViewIfNeeded();
      await expectMatchesBaseline(page, 'visit-results', [
        page.locator('.results-version'),
        page.getByText(/^Scanned on DXA-1/),
      ]);
    });
  },
);
