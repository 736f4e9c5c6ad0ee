// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TrainingForm } from '../src/admin/training-form.tsx';
import { fakeApi, refusal } from './support/fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the training record form', () => {
  it('shows a completion date in the future beside that date, keeping what was typed', async () => {
    const { sent } = fakeApi({
      'POST /api/users/u-3/training': () =>
        refusal(400, 'invalid', 'completedOn: is in the future', 'completedOn'),
    });
    const recorded = vi.fn();
    render(
      <TrainingForm userId="u-3" today="2026-11-23" onRecorded={recorded} onSessionEnded={() => undefined} />,
    );
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Training'), 'dxa_scanning_competency');
    fireEvent.change(screen.getByLabelText('Completed on'), { target: { value: '2026-12-24' } });
    await user.type(screen.getByLabelText('Evidence (certificate, assessment)'), 'Competency log p.14');
    await user.click(screen.getByRole('button', { name: 'Record training' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('completedOn: is in the future');
    expect(screen.getByLabelText('Completed on').getAttribute('aria-describedby')).toBe(alert.id);
    // No expiry typed: the field is left out, so the kind's renewal period decides.
    expect(sent).toEqual([
      {
        method: 'POST',
        path: '/api/users/u-3/training',
        body: { kind: 'dxa_scanning_competency', completedOn: '2026-12-24', evidence: 'Competency log p.14' },
      },
    ]);
    expect(screen.getByLabelText<HTMLInputElement>('Completed on').value).toBe('2026-12-24');
    expect(screen.getByLabelText<HTMLInputElement>('Evidence (certificate, assessment)').value).toBe(
      'Competency log p.14',
    );
    expect(recorded).not.toHaveBeenCalled();
  });

  it('sends an expiry when one is given and an expiry before completion beside the expiry', async () => {
    const { sent } = fakeApi({
      'POST /api/users/u-3/training': () =>
        refusal(400, 'invalid', 'expiresOn: is before completedOn', 'expiresOn'),
    });
    render(
      <TrainingForm
        userId="u-3"
        today="2026-11-23"
        onRecorded={() => undefined}
        onSessionEnded={() => undefined}
      />,
    );
    fireEvent.change(screen.getByLabelText('Last day it counts (blank: the usual renewal period)'), {
      target: { value: '2026-01-01' },
    });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Record training' }));
    const alert = await screen.findByRole('alert');
    expect(
      screen
        .getByLabelText('Last day it counts (blank: the usual renewal period)')
        .getAttribute('aria-describedby'),
    ).toBe(alert.id);
    expect(sent[0]?.body).toEqual({
      kind: 'irmer_operator_training',
      completedOn: '2026-11-23',
      expiresOn: '2026-01-01',
      evidence: null,
    });
  });
});
