import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiAs,
  expectMatchesBaseline,
  keepScreenshot,
  startWebHarness,
  webSkipReason,
  type WebHarness,
} from './web-harness.ts';

// An operator registers a referral that came by fax (ROS 4.3) through the form on the referrals inbox,
// for a patient new to the service; the inbox then shows it with the criteria match the API reports,
// and the API's own record of the referral agrees with what was typed.

interface ReferralJson {
  id: string;
  patientId: string;
  referrerId: string;
  source: string;
  examination: string;
  indications: string[];
  clinicalInformation: string;
  signedByReferrer: boolean;
  copyReportToGp: boolean;
  method: string;
  receivedAt: string;
  state: string;
  criteriaMatch: { meetsCriteria: boolean; matched: { id: string; text: string }[] };
}

interface ListJson {
  total: number;
  items: (ReferralJson & {
    referrerName: string;
    patient: { familyName: string; givenNames: string; identifier: string; birthDate: string };
  })[];
}

const OSEI_ID = '0b7d8a4e-6f1c-4d1e-9f0a-000000000002';
const NHS_NUMBER = '9876543210';

describe.skipIf(webSkipReason !== null)(
  `registering a referral in Chromium${webSkipReason === null ? '' : ` (skipped: ${webSkipReason})`}`,
  () => {
    let harness: WebHarness;
    beforeAll(async () => {
      harness = await startWebHarness();
    }, 120_000);
    afterAll(async () => {
      await harness.close();
    });

    it('lets an operator register a faxed referral for a new patient and shows it in the inbox', async () => {
      const page = await harness.signedInPage('operator', '#/referrals');
      await page.getByRole('heading', { name: 'Referrals inbox' }).waitFor();
      await page.getByRole('button', { name: 'Register a referral' }).click();
      await page.getByRole('heading', { name: 'Register a referral' }).waitFor();
      // The indications are the local written criteria the server matches against.
      const criteria = (await apiAs(page, harness.base, '/api/referral-criteria')).body as {
        indications: { id: string; text: string; examinations: string[] }[];
      };
      const forDxa = criteria.indications.filter((i) => i.examinations.includes('dxa'));
      await expect(
        page.locator('.register-referral .indications input[type=checkbox]').count(),
      ).resolves.toBe(forDxa.length);
      const fracture = forDxa.find((i) => i.id === 'fragility_fracture');
      const steroids = forDxa.find((i) => i.id === 'glucocorticoids');
      if (!fracture || !steroids) throw new Error('the written criteria lack the indications the test uses');

      const startedAt = Date.now();
      await page.getByLabel('NHS number').fill(NHS_NUMBER);
      await page.getByLabel('Family name').fill('Faraday');
      await page.getByLabel('Given names').fill('Winifred Ann');
      await page.getByLabel('Date of birth').fill('1949-07-15');
      await page.getByLabel('Sex').selectOption('female');
      await page.getByLabel('Address', { exact: true }).fill('7 Widcombe Hill, Bath');
      await page.getByLabel('Postcode (optional)').fill('BA2 6AA');
      await page.getByLabel('Find the referrer by name').fill('osei');
      await page.getByRole('option', { name: /1 found/ }).waitFor({ state: 'attached' });
      await page.getByLabel(/^Referrer/).selectOption(OSEI_ID);
      await page.getByLabel('Source').selectOption('secondary_care');
      await page.getByLabel('How it arrived').selectOption('fax');
      await page.getByLabel(fracture.text).check();
      await page.getByLabel(steroids.text).check();
      await page
        .getByLabel(/Clinical information/)
        .fill(
          'Rheumatoid arthritis on prednisolone 10 mg since March; fractured wrist in a fall from standing.',
        );
      await page.getByLabel('Signed by the referrer').check();
      await page.getByLabel(/Copy the report/).check();
      await keepScreenshot(page, 'register-referral-form');
      await page.evaluate('window.scrollTo(0, 0)');
      await expectMatchesBaseline(page, 'register-referral-form', [
        page.locator('.register-referral input[type=datetime-local]'),
      ]);
      await page.getByRole('button', { name: 'Register the referral' }).click();

      const status = page.getByRole('status');
      await status.getByText(/Registered the DXA referral for FARADAY, Winifred Ann/).waitFor();
      const list = (await apiAs(page, harness.base, `/api/referrals?state=received&limit=50&offset=0`))
        .body as ListJson;
      const mine = list.items.find((r) => r.patient.identifier === NHS_NUMBER);
      if (!mine) throw new Error('the API does not list the new referral');
      // Age 77 with a fragility fracture and glucocorticoids: the server's match, shown as it reports it.
      expect(mine.criteriaMatch.meetsCriteria).toBe(true);
      const matched = mine.criteriaMatch.matched.map((m) => m.text).join('; ');
      expect(mine.criteriaMatch.matched.map((m) => m.id).sort()).toEqual([
        'fragility_fracture',
        'glucocorticoids',
      ]);
      await expect(status.textContent()).resolves.toBe(
        `Registered the DXA referral for FARADAY, Winifred Ann: it meets the written criteria (${matched}).`,
      );
      const row = page.locator('table.referral-list tbody tr').filter({ hasText: NHS_NUMBER });
      await row.waitFor();
      const cells = await row.locator('td').allTextContents();
      expect(cells.slice(0, 5)).toEqual([
        'FARADAY, Winifred Ann',
        NHS_NUMBER,
        'Dr K. Osei',
        'DXA',
        `Met: ${matched}`,
      ]);
      expect(cells[6]).toBe('received');
      await keepScreenshot(page, 'register-referral-done');

      const read = (await apiAs(page, harness.base, `/api/referrals/${mine.id}`)).body as ReferralJson;
      expect(read).toMatchObject({
        referrerId: OSEI_ID,
        source: 'secondary_care',
        examination: 'dxa',
        indications: ['fragility_fracture', 'glucocorticoids'],
        clinicalInformation:
          'Rheumatoid arthritis on prednisolone 10 mg since March; fractured wrist in a fall from standing.',
        signedByReferrer: true,
        copyReportToGp: true,
        method: 'fax',
        state: 'received',
      });
      // Received defaults to now, to the minute.
      const receivedMs = Date.parse(read.receivedAt);
      expect(receivedMs).toBeGreaterThanOrEqual(Math.floor(startedAt / 60_000) * 60_000 - 60_000);
      expect(receivedMs).toBeLessThanOrEqual(Date.now());
      expect(mine.patient).toEqual({
        familyName: 'Faraday',
        givenNames: 'Winifred Ann',
        identifier: NHS_NUMBER,
        birthDate: '1949-07-15',
      });
      await page.close();
    });

    it('offers a referrer no form: they send their own electronically (ROS 4.3)', async () => {
      const page = await harness.signedInPage('referrer', '#/referrals');
      await page.getByRole('heading', { name: 'Referrals inbox' }).waitFor();
      await page.locator('table.referral-list caption').waitFor();
      await page.waitForLoadState('networkidle');
      const session = (await apiAs(page, harness.base, '/api/auth/session')).body as {
        roles: { role: string }[];
      };
      expect(session.roles.map((r) => r.role)).toEqual(['referrer']);
      await expect(page.getByRole('button', { name: 'Register a referral' }).count()).resolves.toBe(0);
      await expect(apiAs(page, harness.base, '/api/referrers')).resolves.toMatchObject({ status: 403 });
      await page.close();
    });
  },
);
