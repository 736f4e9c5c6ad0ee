// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ResultsImportForm } from '../src/visits/results-import-form.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const VISIT_ID = '0e4b7a52-7d36-4c59-9d1c-2f6a8b9c0d1e';
const CSV = 'Scan Type,Region,BMD\nSpine,L1-L4,0.912\n';

interface Sent {
  key: string | null;
  body: unknown;
}

/**
 * fetch answering each import with the next status (0: the connection drops); what was sent, with its
 * Idempotency-Key, is kept.
 */
function stubImports(statuses: number[]): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', (_path: string, init: RequestInit): Promise<Response> => {
    sent.push({
      key: new Headers(init.headers).get('idempotency-key'),
      body: JSON.parse(typeof init.body === 'string' ? init.body : '') as unknown,
    });
    const status = statuses[sent.length - 1] ?? 201;
    if (status === 0) return Promise.reject(new TypeError('Failed to fetch'));
    const body =
      status === 201
        ? { id: 'r-1' }
        : {
            error: {
              code: 'conflict',
              message: 'csv row 2: region "L1-L4" is not in the mapping',
              field: 'csv',
            },
          };
    return Promise.resolve(new Response(JSON.stringify(body), { status }));
  });
  return sent;
}

describe("the scanner's CSV import", () => {
  it('keeps the Idempotency-Key when no answer came, takes a new one after a refusal, and shows the refusal beside the file', async () => {
    const sent = stubImports([0, 400, 201]);
    const onEntered = vi.fn();
    const user = userEvent.setup();
    render(<ResultsImportForm visitId={VISIT_ID} onEntered={onEntered} onSessionEnded={() => undefined} />);
    await user.upload(
      screen.getByLabelText('CSV file'),
      new File([CSV], 'results.csv', { type: 'text/csv' }),
    );
    await user.click(screen.getByRole('button', { name: 'Import the file' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The service could not be reached');
    await user.click(screen.getByRole('button', { name: 'Import the file' }));
    await vi.waitFor(() => {
      expect(screen.getByRole('alert').textContent).toBe('csv row 2: region "L1-L4" is not in the mapping');
    });
    expect(screen.getByLabelText('CSV file').getAttribute('aria-invalid')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Import the file' }));
    await vi.waitFor(() => {
      expect(onEntered).toHaveBeenCalledTimes(1);
    });
    const body = { visitId: VISIT_ID, vendor: 'hologic', csv: CSV };
    expect(sent.map((s) => s.body)).toEqual([body, body, body]);
    const [dropped, refused, imported] = sent.map((s) => s.key);
    expect(dropped).toMatch(/^[0-9a-f-]{36}$/);
    // The same key after the dropped connection; a new one after the refusal.
    expect(refused).toBe(dropped);
    expect(imported).toMatch(/^[0-9a-f-]{36}$/);
    expect(imported).not.toBe(refused);
  });
});
