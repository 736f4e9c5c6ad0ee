import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  apiAs,
  expectMatchesBaseline,
  keepScreenshot,
  startWebHarness,
  webSkipReason,
  type WebHarness,
} from './web-harness.ts';

// Administration in Chromium against the demo data: the demo administrator lists the users (checked
// against the API), adds a user whose entitlement expires, finds them in the list with that expiry, opens
// them and records a training; then the scanners. Dates are relative to today, so they are masked.

interface UserPageJson {
  total: number;
  items: {
    id: string;
    username: string;
    displayName: string;
    secondFactor: boolean;
    entitlements: { role: string; validFrom: string; validUntil: string | null; state: string }[];
  }[];
}

interface TrainingJson {
  training: { kind: string; completedOn: string; expiresOn: string | null; evidence: string | null }[];
}

const DAY_MS = 86_400_000;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Anything showing a date, and the date inputs: they change from day to day. */
function dateMasks(page: Page): ReturnType<Page['locator']>[] {
  return [page.getByText(/\d{4}-\d{2}-\d{2}/), page.locator('input[type="date"]')];
}

describe.skipIf(webSkipReason !== null)(
  `administration in Chromium${webSkipReason === null ? '' : ` (skipped: ${webSkipReason})`}`,
  () => {
    let harness: WebHarness;
    let page: Page;
    const today = isoDay(Date.now());
    const until = isoDay(Date.now() + 90 * DAY_MS);
    beforeAll(async () => {
      harness = await startWebHarness();
      page = await harness.signedInPage('administrator', '#/admin/users');
    }, 120_000);
    afterAll(async () => {
      await harness.close();
    });

    it('lists the users as the API does, with entitlements and second factor', async () => {
      await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
      const api = (await apiAs(page, harness.base, '/api/users?limit=20&offset=0')).body as UserPageJson;
      await page
        .getByRole('table')
        .getByRole('caption')
        .getByText(`Users: ${String(api.total)}`)
        .waitFor();
      const rows = page.locator('.users-table tbody tr');
      await expect(rows.count()).resolves.toBe(api.items.length);
      expect(api.items.length).toBe(8);
      for (const [i, u] of api.items.entries()) {
        const row = rows.nth(i);
        await expect(row.locator('th').innerText()).resolves.toBe(`${u.displayName}\n${u.username}`);
        await expect(row.locator('td').nth(1).innerText()).resolves.toBe(
          u.secondFactor ? 'Set up' : 'Not set up',
        );
      }
      // The demo administrator: administrator from 2026-01-01 with no end (demo-data.ts).
      const admin = rows.filter({ hasText: 'Alex Admin' });
      await expect(admin.locator('.entitlements li').innerText()).resolves.toBe(
        'Administrator: from 2026-01-01, no expiry (current)',
      );
      // The demo entitlements have fixed dates (from 2026-01-01); only the form's start date is today.
      await expectMatchesBaseline(page, 'admin-users', [page.locator('input[type="date"]')]);
    });

    it('filters the list by role and by part of a name', async () => {
      await page.getByRole('search', { name: 'Filter users' }).getByLabel('Role').selectOption('reporter');
      await page.getByRole('caption').getByText('Users: 1').waitFor();
      await expect(page.locator('.users-table tbody th').innerText()).resolves.toBe(
        'Dr Sarah Jones, reporter\nreporter',
      );
      await page.getByRole('search', { name: 'Filter users' }).getByLabel('Role').selectOption('');
      await page.getByRole('caption').getByText('Users: 8').waitFor();
      const name = page.getByRole('search', { name: 'Filter users' }).getByLabel('Name or username contains');
      await name.fill('PRIYA');
      await page.getByRole('caption').getByText('Users: 1').waitFor();
      await expect(page.locator('.users-table tbody th').innerText()).resolves.toBe(
        'Dr Priya Shah, IR(ME)R practitioner\npractitioner',
      );
      await name.fill('');
      await page.getByRole('caption').getByText('Users: 8').waitFor();
    });

    it('refuses a weak password beside it, then adds a user whose entitlement expires', async () => {
      const form = page.getByRole('form', { name: 'Add a user' });
      await form.getByLabel('Username').fill('tara.trainee');
      await form.getByLabel('Full name').fill('Tara Trainee');
      await form.getByLabel('Password').fill('too short');
      await form.getByLabel('Role').selectOption('operator');
      await form.getByLabel('Valid from').fill(today);
      await form.getByLabel('Expires after (blank: no expiry)').fill(until);
      await form.getByRole('button', { name: 'Add user' }).click();
      await expect(form.getByRole('alert').innerText()).resolves.toBe(
        'password: must be at least 12 characters',
      );
      await expect(form.getByLabel('Password').getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(form.getByLabel('Username').inputValue()).resolves.toBe('tara.trainee');

      await form.getByLabel('Password').fill('a long enough passphrase for tara');
      await form.getByRole('button', { name: 'Add user' }).click();
      await page.getByRole('status').getByText('Added tara.trainee').waitFor();
      const row = page.locator('.users-table tbody tr').filter({ hasText: 'tara.trainee' });
      await expect(row.locator('.entitlements li').innerText()).resolves.toBe(
        `Operator: from ${today}, expires after ${until} (current)`,
      );
      await expect(row.locator('td').nth(1).innerText()).resolves.toBe('Not set up');
      const api = (await apiAs(page, harness.base, '/api/users?name=tara')).body as UserPageJson;
      expect(
        api.items.map((u) => [u.username, u.entitlements.map((e) => [e.role, e.validFrom, e.validUntil])]),
      ).toEqual([['tara.trainee', [['operator', today, until]]]]);
    });

    it("opens the new user and records a training, which lapses after its kind's renewal period", async () => {
      await page.getByRole('link', { name: 'Tara Trainee' }).click();
      await page.getByRole('heading', { name: 'Tara Trainee (tara.trainee)' }).waitFor();
      await page.getByText('No training recorded.').waitFor();
      await expectMatchesBaseline(page, 'admin-user-detail', dateMasks(page));

      const form = page.getByRole('form', { name: 'Record training' });
      await form.getByLabel('Training').selectOption('manual_handling');
      await form.getByLabel('Completed on').fill(today);
      await form.getByLabel('Evidence (certificate, assessment)').fill('MH-2026-99');
      await form.getByRole('button', { name: 'Record training' }).click();
      const row = page.getByRole('table', { name: 'Training held' }).locator('tbody tr');
      await row.first().waitFor();
      // Manual handling is renewed every 24 months (data/staff-training.json): the same day two years on.
      const expires = `${String(Number(today.slice(0, 4)) + 2)}${today.slice(4)}`;
      await expect(row.first().innerText()).resolves.toBe(
        ['Manual handling', today, expires, 'Current', 'MH-2026-99'].join('\t'),
      );
      const userId = decodeURIComponent(page.url().split('/').at(-1) ?? '');
      const api = (await apiAs(page, harness.base, `/api/users/${userId}/training`)).body as TrainingJson;
      expect(api.training.map((t) => [t.kind, t.completedOn, t.expiresOn, t.evidence])).toEqual([
        ['manual_handling', today, expires, 'MH-2026-99'],
      ]);
    });

    it("shows a reporter's profile as recorded and saves a change to it", async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
      await page.getByRole('link', { name: 'Dr Sarah Jones, reporter' }).click();
      const form = page.getByRole('form', { name: 'Reporter profile' });
      // The demo reporter's profile (demo-data.ts): Consultant Rheumatologist, GMC 1234567.
      await expect(form.getByLabel('Title').inputValue()).resolves.toBe('Consultant Rheumatologist');
      await expect(form.getByLabel('Registration number').inputValue()).resolves.toBe('1234567');
      await form.getByLabel('Title').fill('Consultant Rheumatologist and Clinical Lead');
      await form.getByRole('button', { name: 'Save reporter profile' }).click();
      await form.getByRole('status').getByText('Reporter profile saved.').waitFor();
      const userId = decodeURIComponent(page.url().split('/').at(-1) ?? '');
      const api = (await apiAs(page, harness.base, `/api/users/${userId}`)).body as {
        reporterProfile: { title: string; registrationBody: string; registrationNumber: string } | null;
      };
      expect(api.reporterProfile).toEqual({
        title: 'Consultant Rheumatologist and Clinical Lead',
        registrationBody: 'GMC',
        registrationNumber: '1234567',
      });
    });

    it('lists the scanners as the API does', async () => {
      await page.getByRole('link', { name: 'Scanners' }).click();
      await page.getByRole('heading', { name: 'Scanners', level: 1 }).waitFor();
      const api = (await apiAs(page, harness.base, '/api/scanners')).body as { id: string; model: string }[];
      const ids = page.locator('.scanners-table tbody th');
      await ids.first().waitFor();
      await expect(ids.allInnerTexts()).resolves.toEqual(api.map((s) => s.id));
      // Installation dates are fixed demo data but for DXA-2's (a week ago); the replacement warning counts
      // years from today.
      await expectMatchesBaseline(page, 'admin-scanners', [
        page.locator('input[type="date"]'),
        page.locator('.warning'),
        page.locator('.scanners-table tbody tr').filter({ hasText: 'DXA-2' }).locator('td').nth(2),
      ]);
    });

    it('adds a scanner, and refuses the same id again beside the id', async () => {
      const form = page.getByRole('form', { name: 'Add a scanner' });
      const fill = async (): Promise<void> => {
        await form.getByLabel('Scanner id (e.g. DXA-2)').fill('DXA-3');
        await form.getByLabel('Manufacturer').fill('GE');
        await form.getByLabel('Model').fill('Lunar iDXA');
        await form.getByLabel('Location').fill('Outreach clinic, Paulton');
        await form.getByRole('button', { name: 'Add scanner' }).click();
      };
      await fill();
      await page.getByRole('status').getByText('Added DXA-3').waitFor();
      await page.locator('.scanners-table tbody th').getByText('DXA-3').waitFor();
      const api = (await apiAs(page, harness.base, '/api/scanners')).body as { id: string; model: string }[];
      expect(api.find((x) => x.id === 'DXA-3')?.model).toBe('Lunar iDXA');
      await fill();
      await expect(form.getByRole('alert').innerText()).resolves.toBe('scanner DXA-3 exists');
      await expect(form.getByLabel('Scanner id (e.g. DXA-2)').getAttribute('aria-invalid')).resolves.toBe(
        'true',
      );
    });

    it("shows a scanner's commissioning checklist and cross-calibrations as the API does", async () => {
      await page.getByRole('link', { name: 'DXA-2' }).click();
      await page.getByRole('heading', { name: 'Scanner DXA-2' }).waitFor();
      const api = (await apiAs(page, harness.base, '/api/scanners/DXA-2/commissioning')).body as {
        items: { text: string; status: string }[];
        readyForRelease: boolean;
      };
      const words: Record<string, string> = {
        done: 'Done',
        not_applicable: 'Not applicable',
        outstanding: 'Outstanding',
      };
      const rows = page
        .getByRole('table', { name: 'Commissioning checklist (ROS Appendix 3)' })
        .locator('tbody tr');
      await expect(rows.count()).resolves.toBe(api.items.length);
      for (const [i, item] of api.items.entries()) {
        await expect(rows.nth(i).locator('th').innerText()).resolves.toBe(item.text);
        await expect(rows.nth(i).locator('td').nth(1).innerText()).resolves.toContain(
          words[item.status] ?? '?',
        );
      }
      // The demo data (demo-commissioning.ts): five items done, one not applicable, the cross-calibration
      // from DXA-1 done from the record; the rest outstanding, so it cannot be released yet.
      expect(api.items.filter((i) => i.status === 'done').length).toBe(6);
      expect(api.items.filter((i) => i.status === 'not_applicable').length).toBe(1);
      expect(api.readyForRelease).toBe(false);
      const critical = rows.filter({ hasText: 'Critical examination by the installer' });
      await expect(critical.locator('td').nth(2).innerText()).resolves.toBe(
        'Critical examination report CE-2026-041',
      );
      const calibration = page
        .getByRole('table', { name: 'Cross-calibrations, newest first' })
        .locator('tbody tr');
      await expect(calibration.locator('th').innerText()).resolves.toBe('DXA-1 → DXA-2');
      await expect(calibration.locator('td').nth(3).innerText()).resolves.toBe('1.0000 × old + 0.0000 g/cm²');
      await keepScreenshot(page, 'admin-scanner-commissioning');
    });
  },
);
