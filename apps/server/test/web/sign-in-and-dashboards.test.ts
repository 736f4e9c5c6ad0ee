import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { totpCode } from '@quantrad/service';
import { demoUsers } from '../../src/demo-data.ts';
import {
  expectMatchesBaseline,
  keepScreenshot,
  startWebHarness,
  VIEWPORT,
  webSkipReason,
  type WebHarness,
} from './web-harness.ts';

// The web application in headless Chromium against the server with its demo data: sign-in with the
// authenticator code, then the service data dashboard for a period, its charts checked against the API.
// Needs Debian's Chromium (.ci/run installs it) and the built web application (npm test builds it).

const skipReason = webSkipReason;

interface PhantomChartJson {
  baseline: { meanGcm2: number; lowerLimitGcm2: number; upperLimitGcm2: number } | null;
  points: { bmdGcm2: number; inControl: boolean; signals: { code: string }[] }[];
}

interface ServiceDataJson {
  measures: { measure: string; value: number | null }[];
}

describe.skipIf(skipReason !== null)(
  `the web application in Chromium${skipReason === null ? '' : ` (skipped: ${skipReason})`}`,
  () => {
    let harness: WebHarness;
    let browser: Browser;
    let page: Page;
    let base = '';
    const manager = demoUsers().find((u) => u.role === 'service_manager');
    beforeAll(async () => {
      harness = await startWebHarness();
      base = harness.base;
      browser = harness.browser;
      page = await browser.newPage({ viewport: VIEWPORT });
    }, 120_000);
    afterAll(async () => {
      await harness.close();
    });

    it('refuses a wrong password beside the form, keeping the username typed', async () => {
      if (!manager) throw new Error('no demo service manager');
      await page.goto(base);
      await page.getByLabel('Username').fill(manager.username);
      await page.getByLabel('Password').fill('not the password');
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toBe('the username or password is wrong');
      await expect(page.getByLabel('Username').inputValue()).resolves.toBe(manager.username);
    });

    it('signs in with the password and authenticator code and shows the service data charts', async () => {
      if (!manager) throw new Error('no demo service manager');
      await page.getByLabel('Password').fill(manager.password);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByLabel('Authenticator code').fill(totpCode(manager.totpSecret, new Date()));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Service data' }).waitFor();

      // The demo referrals were received over the last few weeks: the period is the last 60 days.
      const to = new Date().toISOString().slice(0, 10);
      const from = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel('From', { exact: true }).fill(from);
      await page.getByLabel('To', { exact: true }).fill(to);
      await page.getByRole('button', { name: 'Show' }).click();
      await page.getByText(`${from} to ${to}, generated`).waitFor();

      // The same figures from the API with the page's own session.
      const token = await page.evaluate(() => sessionStorage.getItem('quantrad.session'));
      const api = (await (
        await fetch(`${base}/api/service-data?from=${from}&to=${to}`, {
          headers: { authorization: `Bearer ${token ?? ''}` },
        })
      ).json()) as ServiceDataJson;
      const bySource = api.measures.filter((m) => m.measure.startsWith('source: '));
      const received = api.measures.find((m) => m.measure === 'referrals received')?.value ?? 0;
      expect(received).toBeGreaterThan(0);

      const chart = page.getByRole('img', { name: /^Referrals received, by source\./ });
      const label = await chart.getAttribute('aria-label');
      for (const m of bySource)
        expect(label).toContain(`${m.measure.slice('source: '.length)}: ${String(m.value)}`);
      // The longest bar is the largest source and fills the 360 px plot; the others are in proportion.
      const largest = Math.max(...bySource.map((m) => m.value ?? 0));
      const widths = await chart
        .locator('rect.chart-bar')
        .evaluateAll((rects: { getAttribute: (name: string) => string | null }[]) =>
          rects.map((r) => Number(r.getAttribute('width'))),
        );
      expect(widths).toEqual(bySource.map((m) => ((m.value ?? 0) / largest) * 360));
      await expect(page.getByRole('figure').count()).resolves.toBe(5);
      await keepScreenshot(page, 'service-data-full');
      await expectMatchesBaseline(page, 'service-data', [page.getByText(/generated/)]);
    });

    it("draws DXA-1's phantom control chart with the API's baseline and scans", async () => {
      await page.getByRole('link', { name: 'Phantom QA' }).click();
      await page.getByRole('heading', { name: 'Phantom QA' }).waitFor();
      const token = await page.evaluate(() => sessionStorage.getItem('quantrad.session'));
      const api = (await (
        await fetch(`${base}/api/scanners/DXA-1/phantom-chart`, {
          headers: { authorization: `Bearer ${token ?? ''}` },
        })
      ).json()) as PhantomChartJson;
      if (!api.baseline) throw new Error('the demo DXA-1 has no phantom baseline');
      const out = api.points.filter((p) => !p.inControl).length;
      const cusum = api.points.filter((p) => p.signals.some((s) => s.code.startsWith('cusum_'))).length;
      const shewhart = api.points.filter((p) => p.signals.some((s) => !s.code.startsWith('cusum_'))).length;
      const chart = page.getByRole('img', { name: /scans, .* out of control/ });
      await chart.waitFor();
      await expect(chart.getAttribute('aria-label')).resolves.toBe(
        `${String(api.points.length)} scans, ${String(out)} out of control; baseline mean ${api.baseline.meanGcm2.toFixed(3)} g/cm², tolerance ${api.baseline.lowerLimitGcm2.toFixed(3)} to ${api.baseline.upperLimitGcm2.toFixed(3)} g/cm²; ${String(shewhart)} with a Shewhart or tolerance signal, ${String(cusum)} with a CUSUM drift signal`,
      );
      // One mark per scan, in the order scanned.
      const marks = await chart
        .locator('[data-bmd]')
        .evaluateAll((circles: { getAttribute: (name: string) => string | null }[]) =>
          circles.map((c) => Number(c.getAttribute('data-bmd'))),
        );
      expect(marks).toEqual(api.points.map((p) => p.bmdGcm2));
      await expectMatchesBaseline(page, 'phantom-qa');
    });

    it('lists the staff training that lapses within the window, as the API reports it', async () => {
      await page.getByRole('link', { name: 'Staff training' }).click();
      await page.getByRole('heading', { name: 'Staff training' }).waitFor();
      await page.getByLabel('Lapsing within').selectOption('180');
      const token = await page.evaluate(() => sessionStorage.getItem('quantrad.session'));
      const api = (await (
        await fetch(`${base}/api/staff/training-lapses?within=180`, {
          headers: { authorization: `Bearer ${token ?? ''}` },
        })
      ).json()) as { until: string; items: { username: string; displayName: string; name: string }[] };
      // The demo staff's basic life support lapses within the month, so the report is not empty.
      expect(api.items.length).toBeGreaterThan(0);
      await page.getByText(`Training lapsed, or lapsing by ${api.until}`).waitFor();
      const rows = await page
        .locator('tbody tr')
        .evaluateAll((trs: { textContent: string | null }[]) => trs.map((tr) => tr.textContent ?? ''));
      expect(rows).toHaveLength(api.items.length);
      api.items.forEach((item, i) => {
        expect(rows[i]).toContain(`${item.displayName} (${item.username})`);
        expect(rows[i]).toContain(item.name);
      });
    });

    it("draws last month's 10% sample once, and gives the same sample when drawn again", async () => {
      await page.getByRole('link', { name: 'Audit', exact: true }).click();
      await page.getByRole('heading', { name: 'Audit programme' }).waitFor();
      // The demo's audit is listed once the audits have loaded.
      await page.getByRole('table', { name: 'Audits, newest first' }).waitFor();
      await page.getByRole('button', { name: 'Draw sample' }).click();
      const first = await page.getByText(/^Drawn: /).textContent();
      await page.getByRole('button', { name: 'Draw sample' }).click();
      const again = await page.getByText(/^Already drawn on /).textContent();
      const month = await page.getByLabel('Month').inputValue();
      const token = await page.evaluate(() => sessionStorage.getItem('quantrad.session'));
      const api = (await (
        await fetch(`${base}/api/audits/samples`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token ?? ''}` },
          body: JSON.stringify({ month, kind: 'referrals' }),
        })
      ).json()) as { drawn: boolean; sample: { seed: number; populationSize: number; itemIds: string[] } };
      expect(api.drawn).toBe(false);
      const what = `${String(api.sample.itemIds.length)} of ${String(api.sample.populationSize)} referrals in ${month} (10%), seed ${String(api.sample.seed)}`;
      expect(first).toBe(`Drawn: ${what}.`);
      expect(again).toContain(`${what}. The same sample is kept.`);
    });

    it("records an operator's phantom scan as the day's QC and puts it on the chart", async () => {
      const operator = demoUsers().find((u) => u.role === 'operator');
      if (!operator) throw new Error('no demo operator');
      const own = await browser.newPage({ viewport: VIEWPORT });
      await own.goto(`${base}/#/phantom-qa`);
      await own.getByLabel('Username').fill(operator.username);
      await own.getByLabel('Password').fill(operator.password);
      await own.getByRole('button', { name: 'Continue' }).click();
      await own.getByLabel('Authenticator code').fill(totpCode(operator.totpSecret, new Date()));
      await own.getByRole('button', { name: 'Sign in' }).click();
      await own.getByRole('heading', { name: 'Phantom QA' }).waitFor();
      const chart = own.getByRole('img', { name: /scans, .* out of control/ });
      await chart.waitFor();
      const before = await chart.locator('circle').count();
      // At the baseline mean: in control, so today's QC passes and the chart gains one mark.
      const token = await own.evaluate(() => sessionStorage.getItem('quantrad.session'));
      const api = (await (
        await fetch(`${base}/api/scanners/DXA-1/phantom-chart`, {
          headers: { authorization: `Bearer ${token ?? ''}` },
        })
      ).json()) as PhantomChartJson;
      const mean = api.baseline?.meanGcm2.toFixed(3) ?? '';
      await own.getByLabel(/phantom L1–L4 BMD/).fill(mean);
      await own.getByRole('button', { name: 'Record phantom scan' }).click();
      await own.getByText("In control: today's daily QC on DXA-1 has passed.").waitFor();
      await expect.poll(() => chart.locator('circle').count()).toBe(before + 1);
      await own.close();
    });

    it('keeps the large-text setting across a reload, and turns it off again', async () => {
      // A string expression: this file is type-checked without the DOM library; it runs in the page.
      const rootFontPx = async (): Promise<string> =>
        String(await page.evaluate('getComputedStyle(document.documentElement).fontSize'));
      await expect(rootFontPx()).resolves.toBe('16px');
      await page.getByLabel('Large text').check();
      await expect(rootFontPx()).resolves.toBe('20px');
      await page.reload();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      await expect(rootFontPx()).resolves.toBe('20px');
      await page.getByLabel('Large text').uncheck();
      await expect(rootFontPx()).resolves.toBe('16px');
    });

    it('signs out back to the sign-in form', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in to quantrad' }).waitFor();
      await expect(page.evaluate(() => sessionStorage.getItem('quantrad.session'))).resolves.toBeNull();
    });

    it('sets up two-factor authentication for a new user, shows the recovery codes once, and signs them in', async () => {
      // The demo administrator adds a service manager who has no authenticator yet.
      const admin = demoUsers().find((u) => u.role === 'administrator');
      if (!admin) throw new Error('no demo administrator');
      const post = async (path: string, body: object, token: string | null): Promise<Response> =>
        fetch(`${base}${path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify(body),
        });
      const signedIn = (await (
        await post('/api/auth/sign-in', { username: admin.username, password: admin.password }, null)
      ).json()) as { token: string };
      await post('/api/auth/second-factor', { code: totpCode(admin.totpSecret, new Date()) }, signedIn.token);
      const added = await post(
        '/api/users',
        {
          username: 'nina.newman',
          displayName: 'Nina Newman',
          password: 'harbour lantern violet 2026',
          entitlements: [{ role: 'service_manager', validFrom: new Date().toISOString().slice(0, 10) }],
        },
        signedIn.token,
      );
      expect(added.status).toBe(201);

      const fresh = await browser.newPage({ viewport: VIEWPORT });
      await fresh.goto(base);
      await fresh.getByLabel('Username').fill('nina.newman');
      await fresh.getByLabel('Password').fill('harbour lantern violet 2026');
      await fresh.getByRole('button', { name: 'Continue' }).click();
      await fresh.getByRole('heading', { name: 'Set up two-factor authentication' }).waitFor();
      // The QR code is drawn after the heading (its image is generated in the page): wait for it, then check.
      const qrCode = fresh.getByRole('img', { name: 'QR code for the authenticator app' });
      await qrCode.waitFor({ state: 'visible' });
      await expect(qrCode.isVisible()).resolves.toBe(true);
      await keepScreenshot(fresh, 'enrol-second-factor');
      const secret = (await fresh.getByTestId('totp-secret').textContent()) ?? '';
      // A code for the wrong moment (an hour ago) is refused beside the field.
      await fresh.getByLabel('Code from the app').fill(totpCode(secret, new Date(Date.now() - 3_600_000)));
      await fresh.getByRole('button', { name: 'Confirm' }).click();
      await expect(fresh.getByRole('alert').textContent()).resolves.toBe(
        'the code does not match: check the time on the phone and try the next code',
      );
      await fresh.getByLabel('Code from the app').fill(totpCode(secret, new Date()));
      await fresh.getByRole('button', { name: 'Confirm' }).click();
      await fresh.getByRole('heading', { name: 'Recovery codes' }).waitFor();
      await expect(fresh.locator('.recovery-codes li').count()).resolves.toBe(10);
      await fresh.getByRole('button', { name: 'I have kept them: continue' }).click();
      await fresh.getByRole('heading', { name: 'Service data' }).waitFor();
      await fresh.close();
    });
  },
);
