// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReportingWorklist } from '../src/reporting/reporting-worklist.tsx';
import type { WorklistItem, WorklistPage } from '../src/reporting/reporting-types.ts';
import { fakeApi, refusal } from './support/fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const VISIT_A = '11111111-1111-4111-8111-111111111111';
const VISIT_B = '22222222-2222-4222-8222-222222222222';
const REPORT_B = '33333333-3333-4333-8333-333333333333';
const NEW_REPORT = '44444444-4444-4444-8444-444444444444';

const toDraft: WorklistItem = {
  stage: 'to_draft',
  visitId: VISIT_A,
  visitAt: '2026-11-27T09:10:00.000Z',
  patientId: 'p-a',
  patientName: 'ASHWORTH, Ruth',
  patientIdentifier: '462 118 7703',
  reportId: null,
  state: null,
  version: null,
  issuedVersion: null,
};
const toSign: WorklistItem = {
  ...toDraft,
  stage: 'to_sign',
  visitId: VISIT_B,
  visitAt: '2026-11-28T09:10:00.000Z',
  patientName: 'MARSH, Eileen',
  patientIdentifier: '573 220 1184',
  reportId: REPORT_B,
  state: 'draft',
  version: 1,
};

function page(items: WorklistItem[], total = items.length): { body: WorklistPage } {
  return { body: { items, total, limit: 20, offset: 0 } };
}

describe('the reporting worklist', () => {
  it('lists each visit with its stage, and filters by stage', async () => {
    const { sent } = fakeApi({
      'GET /api/reports?limit=20&offset=0': () => page([toDraft, toSign]),
      'GET /api/reports?stage=to_sign&limit=20&offset=0': () => page([toSign]),
    });
    render(<ReportingWorklist onSessionEnded={() => undefined} />);
    const rows = await screen.findAllByRole('row');
    expect(
      rows.slice(1).map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['2026-11-27', 'To draft', 'Not yet drafted', 'Draft the report'],
      ['2026-11-28', 'To sign', 'Version 1, draft', 'Open the report'],
    ]);
    expect(screen.getByRole('link', { name: 'Open the report for MARSH, Eileen' }).getAttribute('href')).toBe(
      `#/reporting/${REPORT_B}`,
    );
    await userEvent.setup().selectOptions(screen.getByLabelText('Stage'), 'to_sign');
    await screen.findByText('Reports waiting: 1');
    expect(sent.map((s) => s.path)).toEqual([
      '/api/reports?limit=20&offset=0',
      '/api/reports?stage=to_sign&limit=20&offset=0',
    ]);
  });

  it('drafts the report of a visit and opens it; a refusal is shown and the list kept', async () => {
    let refuse = true;
    const { sent } = fakeApi({
      'GET /api/reports?limit=20&offset=0': () => page([toDraft]),
      'POST /api/reports': () =>
        refuse
          ? refusal(409, 'conflict', 'enter the DXA results for this visit before reporting')
          : { status: 201, body: { id: NEW_REPORT, visitId: VISIT_A, state: 'draft', version: 1 } },
    });
    const opened = vi.fn();
    render(<ReportingWorklist onSessionEnded={() => undefined} onOpen={opened} />);
    const user = userEvent.setup();
    const button = await screen.findByRole('button', { name: 'Draft the report for ASHWORTH, Ruth' });
    await user.click(button);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'enter the DXA results for this visit before reporting',
    );
    expect(opened).not.toHaveBeenCalled();
    refuse = false;
    await user.click(button);
    expect(opened).toHaveBeenCalledWith(NEW_REPORT);
    expect(sent.filter((s) => s.method === 'POST')).toEqual([
      { method: 'POST', path: '/api/reports', body: { visitId: VISIT_A } },
      { method: 'POST', path: '/api/reports', body: { visitId: VISIT_A } },
    ]);
  });

  it('pages through a long worklist', async () => {
    const items = Array.from({ length: 20 }, (_, i) => ({
      ...toDraft,
      visitId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    }));
    const { sent } = fakeApi({
      'GET /api/reports?limit=20&offset=0': () => page(items, 25),
      'GET /api/reports?limit=20&offset=20': () => ({
        body: { items: items.slice(0, 5), total: 25, limit: 20, offset: 20 },
      }),
    });
    render(<ReportingWorklist onSessionEnded={() => undefined} />);
    await screen.findByText('1–20 of 25');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByText('21–25 of 25');
    expect(sent.at(-1)?.path).toBe('/api/reports?limit=20&offset=20');
  });
});
