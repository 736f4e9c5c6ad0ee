// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuditTrailScreen } from '../src/audit/audit-trail-screen.tsx';
import { ChainVerification } from '../src/audit/chain-verification.tsx';
import { fakeApi, refusal, type FakeAnswer } from './support/fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const EMPTY_PAGE = { items: [], total: 0, limit: 25, offset: 0 };

/** A stretch of the chain as the API reports it: `events` checked after `afterSeq`. */
function stretch(afterSeq: number, events: number, done: boolean, problems: object[] = []): FakeAnswer {
  const lastSeq = afterSeq + events;
  return {
    body: {
      afterSeq,
      events,
      lastSeq,
      head: { seq: lastSeq, hash: 'ab'.repeat(32) },
      problems,
      done,
      totalEvents: 4100,
      lastSeqInChain: 4100,
    },
  };
}

describe('the audit trail filter', () => {
  it('asks for the filtered page and shows a refused date beside its field, keeping the filter', async () => {
    const { sent } = fakeApi({
      'GET /api/audit-trail?limit=25&offset=0': () => ({ body: EMPTY_PAGE }),
      'GET /api/audit-trail?actor=olu&action=update&fromDate=2026-11-24&toDate=2026-11-01&limit=25&offset=0':
        () => refusal(400, 'invalid', 'toDate: must be on or after fromDate', 'toDate'),
    });
    render(<AuditTrailScreen onSessionEnded={() => undefined} />);
    const user = userEvent.setup();
    await screen.findByText('0 event(s) match.');
    await user.type(screen.getByLabelText(/^Actor/), 'olu');
    await user.selectOptions(screen.getByLabelText('Action'), 'update');
    await user.type(screen.getByLabelText('From'), '2026-11-24');
    await user.type(screen.getByLabelText('To'), '2026-11-01');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('toDate: must be on or after fromDate');
    expect(screen.getByLabelText('To').getAttribute('aria-describedby')).toBe(alert.id);
    expect(screen.getByLabelText<HTMLInputElement>(/^Actor/).value).toBe('olu');
    expect(sent.map((r) => r.path)).toEqual([
      '/api/audit-trail?limit=25&offset=0',
      '/api/audit-trail?actor=olu&action=update&fromDate=2026-11-24&toDate=2026-11-01&limit=25&offset=0',
    ]);
  });
});

describe('the chain verification', () => {
  it('walks the chain a stretch at a time, showing how far it has got, and says it is intact', async () => {
    const { sent } = fakeApi({
      'GET /api/audit-trail/verification?afterSeq=0&limit=2000': () => stretch(0, 2000, false),
      'GET /api/audit-trail/verification?afterSeq=2000&limit=2000': () => stretch(2000, 2000, false),
      'GET /api/audit-trail/verification?afterSeq=4000&limit=2000': () => stretch(4000, 100, true),
    });
    render(<ChainVerification onSessionEnded={() => undefined} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Verify the chain' }));
    const status = await screen.findByRole('status');
    expect(status.textContent).toBe(
      `Intact: all 4,100 events check out, up to event 4100 (hash ${'ab'.repeat(8)}…).`,
    );
    expect(screen.getByLabelText('Checked 4,100 of 4,100 events').getAttribute('value')).toBe('4100');
    expect(sent).toHaveLength(3);
  });

  it('names the events where the chain breaks', async () => {
    fakeApi({
      'GET /api/audit-trail/verification?afterSeq=0&limit=2000': () => stretch(0, 2000, false),
      'GET /api/audit-trail/verification?afterSeq=2000&limit=2000': () =>
        stretch(2000, 2100, true, [
          { seq: 2500, problem: 'content does not match its hash (the event was edited)' },
        ]),
    });
    render(<ChainVerification onSessionEnded={() => undefined} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Verify the chain' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Event 2500: content does not match its hash (the event was edited)');
    expect(screen.queryByText(/^Intact/)).toBeNull();
  });
});
