// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EntitlementForm } from '../src/admin/entitlement-form.tsx';
import { fakeApi, refusal } from './support/fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the entitlement form', () => {
  it('shows an expiry before the start beside the expiry, keeping what was typed', async () => {
    const { sent } = fakeApi({
      'POST /api/users/u-7/entitlements': () =>
        refusal(400, 'invalid', 'validUntil: is before validFrom', 'validUntil'),
    });
    const added = vi.fn();
    render(
      <EntitlementForm userId="u-7" today="2026-11-23" onAdded={added} onSessionEnded={() => undefined} />,
    );
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Role'), 'reporter');
    fireEvent.change(screen.getByLabelText('Valid from'), { target: { value: '2026-12-01' } });
    fireEvent.change(screen.getByLabelText('Expires after (blank: no expiry)'), {
      target: { value: '2026-11-30' },
    });
    await user.type(screen.getByLabelText('Note'), 'locum cover');
    await user.click(screen.getByRole('button', { name: 'Give entitlement' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('validUntil: is before validFrom');
    const expiry = screen.getByLabelText<HTMLInputElement>('Expires after (blank: no expiry)');
    expect(expiry.getAttribute('aria-describedby')).toBe(alert.id);
    expect(screen.getByLabelText('Valid from').getAttribute('aria-invalid')).toBe('false');
    expect(sent).toEqual([
      {
        method: 'POST',
        path: '/api/users/u-7/entitlements',
        body: {
          role: 'reporter',
          scope: '*',
          validFrom: '2026-12-01',
          validUntil: '2026-11-30',
          note: 'locum cover',
        },
      },
    ]);
    expect(expiry.value).toBe('2026-11-30');
    expect(screen.getByLabelText<HTMLInputElement>('Note').value).toBe('locum cover');
    expect(screen.getByLabelText<HTMLSelectElement>('Role').value).toBe('reporter');
    expect(added).not.toHaveBeenCalled();
  });

  it('says it is saving while the API works, then tells the screen', async () => {
    let answer: (() => void) | null = null;
    vi.stubGlobal(
      'fetch',
      () =>
        new Promise<Response>((resolve) => {
          answer = () => {
            resolve(new Response(JSON.stringify({ id: 'e-1' }), { status: 201 }));
          };
        }),
    );
    const added = vi.fn();
    render(
      <EntitlementForm userId="u-7" today="2026-11-23" onAdded={added} onSessionEnded={() => undefined} />,
    );
    await userEvent.setup().click(screen.getByRole('button', { name: 'Give entitlement' }));
    const saving = await screen.findByRole('button', { name: 'Saving…' });
    expect(saving.hasAttribute('disabled')).toBe(true);
    (answer as (() => void) | null)?.();
    await vi.waitFor(() => {
      expect(added).toHaveBeenCalledTimes(1);
    });
  });
});
