import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import {
  apiAs,
  expectMatchesBaseline,
  keepScreenshot,
  startWebHarness,
  webSkipReason,
  type WebHarness,
} from './web-harness.ts';

// The QA and audit screens in headless Chromium against the server with its demo data: what each screen
// shows is checked against the API's own JSON, read with the page's session.

interface ScannerJson {
  id: string;
  dailyQcToday: 'passed' | 'failed' | 'not_done';
  withEngineer: boolean;
}
interface MaintenanceJson {
  id: string;
  description: string;
  engineer: string | null;
  handedOverAt: string | null;
  returnedAt: string | null;
  engineerReport: string | null;
}
interface PrecisionJson {
  id: string;
  results: {
    site: string;
    rmsSdGcm2: number;
    cvPercent: number;
    lscGcm2: number;
    degreesOfFreedom: number;
  }[];
}
interface ChartJson {
  baseline: { meanGcm2: number; sdGcm2: number } | null;
  points: { bmdGcm2: number; signals: { code: string }[] }[];
  openAlerts: { id: string }[];
}
interface AuditViewJson {
  audit: { id: string; title: string; closedAt: string | null };
  findings: { description: string; severity: string }[];
  actions: { id: string; description: string; owner: string; dueOn: string; closedAt: string | null }[];
}
interface TrailJson {
  items: { seq: number; entityType: string; action: string }[];
  total: number;
}

async function json<T>(page: Page, base: string, path: string): Promise<T> {
  const answer = await apiAs(page, base, path);
  if (answer.status !== 200) throw new Error(`${path}: ${String(answer.status)}`);
  return answer.body as T;
}

/** The screens' links: masked, as other screens add theirs to it. */
function mainNav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Main' });
}

const skipReason = webSkipReason;

describe.skipIf(skipReason !== null)(
  `the QA and audit screens in Chromium${skipReason === null ? '' : ` (skipped: ${skipReason})`}`,
  () => {
    let harness: WebHarness;
    beforeAll(async () => {
      harness = await startWebHarness();
    }, 120_000);
    afterAll(async () => {
      await harness.close();
    });

    it("records the day's QC and hands a scanner to the engineer and back, as the API then reports", async () => {
      const page = await harness.signedInPage('operator', '#/scanner-qa');
      const base = harness.base;
      await page.getByRole('heading', { name: 'Scanner QA' }).waitFor();
      const qcTable = page.getByRole('table', { name: "Today's daily QC" });
      await qcTable.waitFor();
      const before = await json<ScannerJson[]>(page, base, '/api/scanners');
      const words = {
        passed: 'Passed',
        failed: 'Failed: no patient scans',
        not_done: 'Not done yet: no patient scans',
      };
      for (const s of before)
        await expect(
          qcTable
            .getByRole('row', { name: new RegExp(`^${s.id} `) })
            .getByRole('cell')
            .first()
            .textContent(),
        ).resolves.toBe(words[s.dailyQcToday]);

      // A failed QC on CT-1 with its note.
      await page.getByRole('combobox', { name: /^Scanner/ }).selectOption('CT-1');
      await page.getByLabel('Failed').check();
      await page.getByLabel(/^Note/).fill('CT number of water out of tolerance; repeat after warm-up');
      await page.getByRole('button', { name: 'Record daily QC' }).click();
      await page.getByText('Daily QC on CT-1 recorded as failed').waitFor();
      const afterQc = await json<ScannerJson[]>(page, base, '/api/scanners');
      expect(afterQc.find((s) => s.id === 'CT-1')?.dailyQcToday).toBe('failed');
      await expect(
        qcTable
          .getByRole('row', { name: /^CT-1 / })
          .getByRole('cell')
          .first()
          .textContent(),
      ).resolves.toBe('Failed: no patient scans');

      // A fault logged, handed over to the engineer and received back.
      await page.getByLabel('What happened or is planned').fill('Gantry fan noisy');
      await page.getByRole('button', { name: 'Add to the log' }).click();
      await page.getByRole('cell', { name: 'Gantry fan noisy' }).waitFor();
      await page.getByLabel('Engineer and company').fill('A. Jones, Siemens service');
      await page.getByRole('button', { name: 'Hand over to the engineer' }).click();
      await page.getByText(/With the engineer \(A\. Jones, Siemens service\)/).waitFor();
      const withEngineer = await json<ScannerJson[]>(page, base, '/api/scanners');
      expect(withEngineer.find((s) => s.id === 'CT-1')?.withEngineer).toBe(true);
      await expect(
        qcTable
          .getByRole('row', { name: /^CT-1 / })
          .getByRole('cell')
          .nth(1)
          .textContent(),
      ).resolves.toBe('Yes: out of clinical use');
      await page.getByLabel("Engineer's report").fill('Fan bearing replaced');
      await page.getByLabel('Checks made before patients are scanned again').fill('Daily QC repeated');
      await page.getByRole('button', { name: 'Receive back into clinical use' }).click();
      await page.getByRole('definition').filter({ hasText: 'Fan bearing replaced' }).waitFor();
      const log = await json<MaintenanceJson[]>(page, base, '/api/scanners/CT-1/maintenance');
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({
        description: 'Gantry fan noisy',
        engineer: 'A. Jones, Siemens service',
        engineerReport: 'Fan bearing replaced',
      });
      expect(log[0]?.returnedAt).not.toBeNull();

      // DXA-1's demo log, newest first as the API gives it.
      await page.getByRole('combobox', { name: /^Scanner/ }).selectOption('DXA-1');
      const dxaLog = await json<MaintenanceJson[]>(page, base, '/api/scanners/DXA-1/maintenance');
      const table = page.getByRole('table', { name: 'Log entries, newest first' });
      await table.getByRole('cell', { name: dxaLog[0]?.description ?? '?' }).waitFor();
      const descriptions = await table.locator('tbody tr td:nth-child(3)').allTextContents();
      expect(descriptions).toEqual(dxaLog.map((e) => e.description));
      await page.getByRole('heading', { name: 'Maintenance and fault log: DXA-1' }).scrollIntoViewIfNeeded();
      await expectMatchesBaseline(page, 'maintenance-log', [
        qcTable.locator('tbody td:nth-child(4)'),
        table.locator('tbody td:first-child'),
        table.locator('tbody td:last-child p'),
      ]);
      await page.close();
    });

    it("shows the precision studies with the API's RMS-SD, %CV and LSC, and records a new one", async () => {
      const page = await harness.signedInPage('medical_physics_expert', '#/precision');
      const base = harness.base;
      const studiesTable = page.getByRole('table', { name: 'Studies, newest first' });
      await studiesTable.waitFor();
      const studies = await json<PrecisionJson[]>(page, base, '/api/scanners/DXA-1/precision-studies');
      const demo = studies[0]?.results[0];
      if (!demo) throw new Error('the demo has no precision study on DXA-1');
      expect(demo.degreesOfFreedom).toBe(30); // 15 patients x 3 scans: ISCD compliant
      const row = studiesTable.getByRole('row', { name: /L1-L4/ }).first();
      await expect(row.locator('td').allTextContents()).resolves.toEqual([
        expect.any(String) as string,
        '30',
        demo.rmsSdGcm2.toFixed(4),
        demo.cvPercent.toFixed(2),
        demo.lscGcm2.toFixed(4),
        'No',
        "Service's study",
      ]);
      await expectMatchesBaseline(page, 'precision-study', [
        mainNav(page),
        studiesTable.locator('tbody td:first-child'),
      ]);

      // A small study pasted from a spreadsheet: three patients scanned twice.
      await page.getByLabel('Design').selectOption('30x2');
      await page.getByLabel('Scanned from').fill('2026-10-01');
      await page.getByLabel('Scanned to').fill('2026-10-14');
      await page.getByText('Paste from a spreadsheet').click();
      await page
        .getByLabel(/One row per patient/)
        .fill('A1\t1.000\t1.020\nA2\t0.900\t0.930\nA3\t1.100\t1.090');
      await page.getByRole('button', { name: 'Fill the grid' }).click();
      await page.getByRole('button', { name: 'Record the study' }).click();
      const result = page.getByRole('table', { name: 'Precision by site' });
      await result.waitFor();
      const after = await json<PrecisionJson[]>(page, base, '/api/scanners/DXA-1/precision-studies');
      expect(after).toHaveLength(studies.length + 1);
      const mine = after[0]?.results[0];
      if (!mine) throw new Error('the new study is not listed');
      // Hand-worked: RMS-SD sqrt(0.0007 / 3) = 0.0153, LSC 2.77 x 0.015275 = 0.0423.
      expect(mine.rmsSdGcm2).toBe(0.0153);
      expect(mine.lscGcm2).toBe(0.0423);
      await expect(result.getByTestId('rms-sd').textContent()).resolves.toBe('0.0153');
      await expect(result.getByTestId('cv').textContent()).resolves.toBe(mine.cvPercent.toFixed(2));
      await expect(result.getByTestId('lsc').textContent()).resolves.toBe('0.0423');
      await page.close();
    });

    it('marks CUSUM drift apart from Shewhart signals, and the physicist closes the alert', async () => {
      const page = await harness.signedInPage('medical_physics_expert', '#/phantom-qa');
      const base = harness.base;
      const chart = await json<ChartJson>(page, base, '/api/scanners/DXA-1/phantom-chart');
      if (!chart.baseline) throw new Error('DXA-1 has no baseline');
      const { meanGcm2, sdGcm2 } = chart.baseline;
      // +4 SD twice (one beyond 3 SD; then two beyond 2 SD and the CUSUM past 5 SD), then +0.6 SD: the
      // Shewhart rules are quiet but the CUSUM (k 0.5, h 5) is still above its decision interval.
      for (const z of [4, 4, 0.6]) {
        const scan = await apiAs(page, base, '/api/scanners/DXA-1/phantom-scans', {
          method: 'POST',
          body: { bmdGcm2: meanGcm2 + z * sdGcm2 },
        });
        expect(scan.status).toBe(201);
      }
      await page.reload();
      const api = await json<ChartJson>(page, base, '/api/scanners/DXA-1/phantom-chart');
      const markOf = (p: ChartJson['points'][number]): string => {
        const cusum = p.signals.some((s) => s.code.startsWith('cusum_'));
        const other = p.signals.some((s) => !s.code.startsWith('cusum_'));
        return cusum && other ? 'both' : cusum ? 'cusum' : other ? 'shewhart' : 'in';
      };
      expect(api.points.slice(-3).map(markOf)).toEqual(['shewhart', 'both', 'cusum']);
      const img = page.getByRole('img', { name: /scans, .* out of control/ });
      await img.waitFor();
      const marks = await img
        .locator('[data-mark]')
        .evaluateAll((gs: { getAttribute: (name: string) => string | null }[]) =>
          gs.map((g) => g.getAttribute('data-mark')),
        );
      expect(marks).toEqual(api.points.map(markOf));
      await expect(img.locator('polygon.point-cusum').count()).resolves.toBe(2);
      await keepScreenshot(page, 'phantom-qa-cusum');

      expect(api.openAlerts.length).toBeGreaterThan(0);
      await page.getByRole('heading', { name: `${String(api.openAlerts.length)} open alert(s)` }).waitFor();
      await page
        .getByLabel('What was found and done')
        .first()
        .fill('Phantom repositioned; repeat scan in control');
      await page.getByRole('button', { name: 'Close the alert' }).first().click();
      const remaining = api.openAlerts.length - 1;
      await (
        remaining === 0
          ? page.getByText('No open alerts.')
          : page.getByRole('heading', { name: `${String(remaining)} open alert(s)` })
      ).waitFor();
      const closed = await json<ChartJson>(page, base, '/api/scanners/DXA-1/phantom-chart');
      expect(closed.openAlerts).toHaveLength(remaining);
      await page.close();
    });

    it("opens the demo audit's detail as the API gives it, and refuses to close it while an action is open", async () => {
      const page = await harness.signedInPage('service_manager', '#/audit');
      const base = harness.base;
      const audits = await json<{ id: string; title: string }[]>(page, base, '/api/audits');
      const demo = audits[0];
      if (!demo) throw new Error('the demo has no audit');
      await page.getByRole('button', { name: `Open ${demo.title}` }).click();
      await page.getByRole('heading', { name: demo.title, level: 2 }).waitFor();
      const view = await json<AuditViewJson>(page, base, `/api/audits/${demo.id}`);
      const findings = page.getByRole('table', { name: 'Findings' });
      await expect(findings.locator('tbody td:nth-child(2)').allTextContents()).resolves.toEqual(
        view.findings.map((f) => f.description),
      );
      const actions = page.getByRole('table', { name: /^Actions: / });
      await expect(actions.locator('tbody td:first-child').allTextContents()).resolves.toEqual(
        view.actions.map((a) => a.description),
      );
      await expect(actions.locator('tbody td:nth-child(2)').allTextContents()).resolves.toEqual(
        view.actions.map((a) => a.owner),
      );
      await expectMatchesBaseline(page, 'audit-detail', [
        mainNav(page),
        page.locator('.audit-facts dd').nth(2),
        findings.locator('tbody td:nth-child(3)'),
        actions.locator('tbody td:nth-child(3)'),
      ]);

      // A finding with its severity and an action for it.
      await page.getByLabel('Severity').selectOption('high');
      await page
        .getByLabel('Finding', { exact: true })
        .fill('A referral was accepted from a lapsed referrer');
      await page.getByRole('button', { name: 'Record the finding' }).click();
      await findings.getByRole('cell', { name: 'A referral was accepted from a lapsed referrer' }).waitFor();
      await page.getByLabel('Action', { exact: true }).fill('Check entitlement dates weekly');
      await page.getByLabel(/^Owner/).fill('Lead radiographer');
      await page.getByLabel('Due on').fill('2027-01-15');
      await page.getByRole('button', { name: 'Add the action' }).click();
      await actions.getByRole('cell', { name: 'Check entitlement dates weekly' }).waitFor();

      // Closing the audit is refused while actions are open; the API's reason is shown, the text kept.
      await page.getByLabel('Conclusion').fill('Referrers entitled in all but one case');
      await page.getByRole('button', { name: 'Close the audit' }).click();
      const refused = await apiAs(page, base, `/api/audits/${demo.id}/close`, {
        method: 'POST',
        body: { conclusion: 'x' },
      });
      expect(refused.status).toBe(409);
      const message = (refused.body as { error: { message: string } }).error.message;
      expect(message).toBe('2 action(s) are still open: close each with what was done before the audit');
      await page.getByRole('alert').filter({ hasText: message }).waitFor();
      await expect(page.getByLabel('Conclusion').inputValue()).resolves.toBe(
        'Referrers entitled in all but one case',
      );

      // Each action closed with what was done; then the audit closes.
      for (let open = 2; open > 0; open--) {
        await page.getByLabel('What was done').first().fill('Done and checked');
        await page.getByRole('button', { name: 'Close the action' }).first().click();
        await page.getByRole('table', { name: `Actions: ${String(open - 1)} open` }).waitFor();
      }
      await page.getByRole('button', { name: 'Close the audit' }).click();
      await page.getByText(/^Closed \d{4}-\d\d-\d\d: Referrers entitled in all but one case$/).waitFor();
      const closed = await json<AuditViewJson>(page, base, `/api/audits/${demo.id}`);
      expect(closed.audit.closedAt).not.toBeNull();
      expect(closed.actions.every((a) => a.closedAt !== null)).toBe(true);
      await page.close();
    });

    it('filters and pages the audit trail as the API does, and verifies the chain intact', async () => {
      const page = await harness.signedInPage('auditor', '#/audit-trail');
      const base = harness.base;
      await page.getByText(/event\(s\) match\./).waitFor();
      await page
        .getByRole('navigation', { name: 'Audit events: pages' })
        .getByText(/^1–25 of \d+$/)
        .waitFor();

      await page.getByLabel('Action').selectOption('create');
      await page.getByLabel('Record type').fill('maintenance_event');
      await page.getByRole('button', { name: 'Show' }).click();
      const api = await json<TrailJson>(
        page,
        base,
        '/api/audit-trail?action=create&entityType=maintenance_event&limit=25&offset=0',
      );
      // The demo's two entries and the test's fault on CT-1.
      expect(api.total).toBe(3);
      await page.getByText(`${String(api.total)} event(s) match.`).waitFor();
      const table = page.getByRole('table', { name: 'Audit events, newest first' });
      await expect(table.locator('tbody th').allTextContents()).resolves.toEqual(
        api.items.map((e) => String(e.seq)),
      );
      await expectMatchesBaseline(page, 'audit-trail', [
        mainNav(page),
        table.locator('tbody td:nth-child(2)'),
        table.locator('tbody th'),
        table.locator('tbody td:nth-child(5)'),
      ]);

      await page.getByRole('button', { name: 'Verify the chain' }).click();
      const intact = page.getByRole('status').filter({ hasText: /^Intact: all [\d,]+ events check out/ });
      await intact.waitFor();
      const checked = Number(
        /all ([\d,]+) events/.exec((await intact.textContent()) ?? '')?.[1]?.replaceAll(',', ''),
      );
      const verification = await json<{ totalEvents: number; problems: unknown[] }>(
        page,
        base,
        '/api/audit-trail/verification?limit=20000',
      );
      expect(verification.problems).toEqual([]);
      // The walk checked every event there was when it began (and its own record).
      expect(checked).toBeGreaterThan(0);
      expect(checked).toBeLessThanOrEqual(verification.totalEvents);
      await expect(page.locator('progress').getAttribute('value')).resolves.toBe(String(checked));
      await page.close();
    });
  },
);
