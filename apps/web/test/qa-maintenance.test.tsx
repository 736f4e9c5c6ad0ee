// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HandOverForm, ReceiveBackForm } from '../src/qa/handover-forms.tsx';
import { MaintenanceEntryForm } from '../src/qa/maintenance-entry-form.tsx';
import { fakeApi, refusal } from './support/fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ENTRY = '3b9d6c1e-5f2a-4e8b-9c7d-1a2b3c4d5e6f';

describe('the maintenance log forms', () => {
  it('logs a fault with its kind and description', async () => {
    const { sent } = fakeApi({ 'POST /api/scanners/DXA-1/maintenance': () => ({ status: 201, body: {} }) });
    const added = vi.fn();
    render(<MaintenanceEntryForm scannerId="DXA-1" onAdded={added} onSessionEnded={() => undefined} />);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Kind'), 'software_upgrade');
    await user.type(screen.getByLabelText('What happened or is planned'), 'Upgrade to APEX 5.6');
    await user.click(screen.getByRole('button', { name: 'Add to the log' }));
    await vi.waitFor(() => {
      expect(added).toHaveBeenCalledTimes(1);
    });
    expect(sent[0]?.body).toEqual({ kind: 'software_upgrade', description: 'Upgrade to APEX 5.6' });
  });

  it('hands over to the named engineer, and shows a refusal without losing the name', async () => {
    const { sent } = fakeApi({
      [`POST /api/maintenance/${ENTRY}/hand-over`]: () =>
        refusal(409, 'conflict', 'the scanner was handed over for this entry at 2026-11-23T09:00:00.000Z'),
    });
    render(<HandOverForm entryId={ENTRY} onChanged={() => undefined} onSessionEnded={() => undefined} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Engineer and company'), 'J. Smith, Hologic');
    await user.click(screen.getByRole('button', { name: 'Hand over to the engineer' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'the scanner was handed over for this entry at 2026-11-23T09:00:00.000Z',
    );
    expect(sent[0]?.body).toEqual({ engineer: 'J. Smith, Hologic' });
    expect(screen.getByLabelText<HTMLInputElement>('Engineer and company').value).toBe('J. Smith, Hologic');
  });

  it("receives the scanner back with the engineer's report and the checks made", async () => {
    const { sent } = fakeApi({
      [`POST /api/maintenance/${ENTRY}/receive-back`]: () =>
        refusal(400, 'invalid', 'checksOnReturn: say which checks were made', 'checksOnReturn'),
    });
    render(<ReceiveBackForm entryId={ENTRY} onChanged={() => undefined} onSessionEnded={() => undefined} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Engineer's report"), 'Belt replaced');
    await user.type(screen.getByLabelText('Checks made before patients are scanned again'), ' QC ');
    await user.click(screen.getByRole('button', { name: 'Receive back into clinical use' }));
    const alert = await screen.findByRole('alert');
    expect(
      screen.getByLabelText('Checks made before patients are scanned again').getAttribute('aria-describedby'),
    ).toBe(alert.id);
    expect(sent[0]?.body).toEqual({ engineerReport: 'Belt replaced', checksOnReturn: ' QC ' });
  });
});
