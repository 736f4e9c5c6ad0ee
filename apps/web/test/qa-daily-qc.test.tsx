// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DailyQcForm } from '../src/qa/daily-qc-form.tsx';
import { fakeApi, refusal } from './support/fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the day's QC form", () => {
  it('sends a failed QC with its note, and shows that no patient is scanned', async () => {
    const { sent } = fakeApi({
      'POST /api/scanners/DXA-1/daily-qc': () => ({ status: 201, body: { id: 'q1', passed: false } }),
    });
    const recorded = vi.fn();
    render(<DailyQcForm scannerId="DXA-1" onRecorded={recorded} onSessionEnded={() => undefined} />);
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Failed'));
    await user.type(screen.getByLabelText(/^Note/), 'Phantom reading 2.1% low; engineer called');
    await user.click(screen.getByRole('button', { name: 'Record daily QC' }));
    await screen.findByText(/recorded as failed: no patient is scanned on it until it passes/);
    expect(sent).toEqual([
      {
        method: 'POST',
        path: '/api/scanners/DXA-1/daily-qc',
        body: { passed: false, note: 'Phantom reading 2.1% low; engineer called' },
      },
    ]);
    expect(recorded).toHaveBeenCalledTimes(1);
  });

  it('shows a refused pass beside the result and keeps what was typed', async () => {
    const message =
      'passed: DXA-1 has an open phantom out-of-control alert; a medical physics expert closes it before QC can pass';
    fakeApi({
      'POST /api/scanners/DXA-1/daily-qc': () => refusal(409, 'conflict', message, 'passed'),
    });
    const recorded = vi.fn();
    render(<DailyQcForm scannerId="DXA-1" onRecorded={recorded} onSessionEnded={() => undefined} />);
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Passed'));
    await user.type(screen.getByLabelText(/^Note/), 'Phantom in tolerance');
    await user.click(screen.getByRole('button', { name: 'Record daily QC' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(message);
    // Beside the result it is about: inside the Result group, which is marked invalid and described by it.
    const group = screen.getByRole('group', { name: 'Result' });
    expect(group.contains(alert)).toBe(true);
    expect(group.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText<HTMLInputElement>('Passed').checked).toBe(true);
    expect(screen.getByLabelText<HTMLTextAreaElement>(/^Note/).value).toBe('Phantom in tolerance');
    expect(recorded).not.toHaveBeenCalled();
  });

  it('shows a note refused by the API beside the note', async () => {
    fakeApi({
      'POST /api/scanners/DXA-1/daily-qc': () =>
        refusal(400, 'invalid', 'note: say what failed and what was done about it', 'note'),
    });
    render(<DailyQcForm scannerId="DXA-1" onRecorded={() => undefined} onSessionEnded={() => undefined} />);
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Failed'));
    await user.click(screen.getByRole('button', { name: 'Record daily QC' }));
    const note = screen.getByLabelText(/^Note/);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'note: say what failed and what was done about it',
    );
    expect(note.getAttribute('aria-invalid')).toBe('true');
    expect(note.getAttribute('aria-describedby')).toBe('daily-qc-note-error');
  });
});
