// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CancelAppointmentForm,
  DidNotAttendButton,
  RebookForm,
} from '../src/booking/appointment-actions.tsx';
import type { Appointment } from '../src/booking/booking-types.ts';
import { fakeApi, refusal } from './support/fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ID = '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
const APPOINTMENT: Appointment = {
  id: ID,
  referralId: 'r',
  patientId: 'p',
  scannerId: 'DXA-1',
  startsAt: '2026-12-08T10:30:00.000Z',
  durationMinutes: 30,
  state: 'booked',
  scannerOverrideReason: null,
  reminderSentAt: null,
  closeReason: null,
};

describe('did not attend', () => {
  it.each([
    [
      'rebook',
      1,
      'Did not attend (1 missed): by the local policy the patient is offered another appointment — book it from the queue.',
    ],
    [
      'discharged',
      2,
      'Did not attend (2 missed): by the local policy the patient is discharged and the referrer has been written to.',
    ],
  ] as const)('says what the local policy did: %s after %i missed', async (action, count, words) => {
    const { sent } = fakeApi({
      [`POST /api/appointments/${ID}/did-not-attend`]: () => ({
        body: { appointment: APPOINTMENT, action, didNotAttendCount: count },
      }),
    });
    const done = vi.fn();
    render(<DidNotAttendButton appointmentId={ID} onDone={done} onSessionEnded={vi.fn()} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Did not attend' }));
    expect(sent).toEqual([{ method: 'POST', path: `/api/appointments/${ID}/did-not-attend`, body: {} }]);
    expect(done).toHaveBeenCalledWith(words);
  });

  it('shows the refusal when the appointment has not started', async () => {
    fakeApi({
      [`POST /api/appointments/${ID}/did-not-attend`]: () =>
        refusal(409, 'conflict', 'the appointment has not started yet'),
    });
    render(<DidNotAttendButton appointmentId={ID} onDone={vi.fn()} onSessionEnded={vi.fn()} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Did not attend' }));
    expect((await screen.findByRole('alert')).textContent).toBe('the appointment has not started yet');
  });
});

describe('cancel and rebook', () => {
  it('cancels at the service’s request; a refused reason shows beside it and stays typed', async () => {
    const { sent } = fakeApi({
      [`POST /api/appointments/${ID}/cancel`]: () => refusal(400, 'invalid', 'give the reason', 'reason'),
    });
    render(<CancelAppointmentForm appointmentId={ID} onDone={vi.fn()} onSessionEnded={vi.fn()} />);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Asked for by'), 'The service');
    await user.type(screen.getByLabelText('Reason'), ' ');
    await user.click(screen.getByRole('button', { name: 'Cancel appointment' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('give the reason');
    expect(screen.getByLabelText('Reason').getAttribute('aria-describedby')).toBe(alert.id);
    expect(sent[0]?.body).toEqual({ requestedBy: 'service', reason: ' ' });
  });

  it('rebooks to the slot picked, in UK time, naming the new scanner only when it changes', async () => {
    const { sent } = fakeApi({
      [`POST /api/appointments/${ID}/rebook`]: () => ({ body: { ...APPOINTMENT, id: 'new' } }),
    });
    const done = vi.fn();
    render(
      <RebookForm
        appointment={APPOINTMENT}
        scannerId="DXA-2"
        slot={{ date: '2027-06-09', time: '11:00' }}
        onDone={done}
        onSessionEnded={vi.fn()}
      />,
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Reason'), 'Patient asked');
    await user.click(screen.getByRole('button', { name: 'Rebook' }));
    // 11:00 BST is 10:00 UTC.
    expect(sent[0]?.body).toEqual({
      startsAt: '2027-06-09T10:00:00.000Z',
      scannerId: 'DXA-2',
      reason: 'Patient asked',
    });
    expect(done).toHaveBeenCalledWith({ ...APPOINTMENT, id: 'new' });
  });
});
