// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BookForm } from '../src/booking/book-form.tsx';
import type { BookingDetail, Scanner } from '../src/booking/booking-types.ts';
import { londonToIso } from '../src/booking/london-time.ts';
import { fakeApi, refusal } from './support/fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const REFERRAL_ID = '0b7d8a4e-6f1c-4d1e-9f0a-0000000000aa';
const SCANNERS: Scanner[] = [
  { id: 'DXA-1', modality: 'dxa', model: 'Horizon A', location: 'Unit 1', active: true },
  { id: 'DXA-2', modality: 'dxa', model: 'Lunar iDXA', location: 'Unit 2', active: true },
];

function detail(previousScan: BookingDetail['previousScan']): BookingDetail {
  return {
    referral: {
      id: REFERRAL_ID,
      patientId: 'p',
      referrerId: 'r',
      source: 'gp',
      examination: 'dxa',
      indications: [],
      clinicalInformation: 'Wrist fracture',
      signedByReferrer: true,
      method: 'electronic',
      receivedAt: '2026-11-01T09:00:00.000Z',
      criteriaMatch: { meetsCriteria: true, matched: [], unmatched: [], criteriaVersion: 'v1' },
      state: 'authorised',
      authorisation: 'practitioner_justified',
      decisionReason: null,
      returnReason: null,
      waitingDays: 29,
      offerBy: '2026-12-13',
      dm01Breach: false,
    },
    patient: {
      familyName: 'Cole',
      givenNames: 'Janet',
      identifier: '485 777 3456',
      birthDate: '1956-03-10',
      address: '1 High Street',
    },
    previousScan,
    appointments: [],
    correspondence: [],
    enclosures: [],
    documents: {
      leaflet: {
        title: 'Leaflet',
        introduction: '',
        sections: [],
        contact: {
          heading: 'Contact',
          department: { name: null, address: null, telephone: null, email: null },
        },
      },
      questionnaire: {
        title: 'Questionnaire',
        instructions: '',
        patient: { name: 'Janet Cole', birthDate: '1956-03-10', identifier: '485 777 3456' },
        appointment: null,
        questions: [],
      },
    },
  };
}

function renderForm(
  d: BookingDetail,
  scannerId: string,
  slot: { date: string; time: string } | null = null,
): { onBooked: ReturnType<typeof vi.fn>; rerender: (slot: { date: string; time: string }) => void } {
  const onBooked = vi.fn();
  const element = (s: { date: string; time: string } | null): React.ReactElement => (
    <BookForm
      detail={d}
      scanners={SCANNERS}
      scannerId={scannerId}
      onScanner={vi.fn()}
      slot={s}
      onBooked={onBooked}
      onSessionEnded={vi.fn()}
    />
  );
  const { rerender } = render(element(slot));
  return {
    onBooked,
    rerender: (s) => {
      rerender(element(s));
    },
  };
}

describe('UK time for appointments', () => {
  it('turns a UK wall-clock time into the instant: GMT in winter, BST (UTC+1) in summer', () => {
    expect(londonToIso('2026-12-08', '10:30')).toBe('2026-12-08T10:30:00.000Z');
    expect(londonToIso('2027-06-08', '10:30')).toBe('2027-06-08T09:30:00.000Z');
    // The morning the clocks go forward (28 March 2027, 01:00 GMT): 09:00 is already BST.
    expect(londonToIso('2027-03-28', '09:00')).toBe('2027-03-28T08:00:00.000Z');
  });
});

describe('the booking form', () => {
  it('fills the date and time from the slot picked on the calendar and sends the booking', async () => {
    const { sent } = fakeApi({
      'POST /api/appointments': () => ({
        status: 201,
        body: { id: 'a1', startsAt: '2026-12-08T10:30:00.000Z' },
      }),
    });
    const form = renderForm(detail(null), 'DXA-1');
    expect(screen.getByText('First scan here: any DXA scanner.')).toBeTruthy();
    form.rerender({ date: '2026-12-08', time: '10:30' });
    expect(screen.getByLabelText<HTMLInputElement>('Date').value).toBe('2026-12-08');
    expect(screen.getByLabelText<HTMLInputElement>('Time (UK)').value).toBe('10:30');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Book appointment' }));
    expect(sent).toEqual([
      {
        method: 'POST',
        path: '/api/appointments',
        body: { referralId: REFERRAL_ID, scannerId: 'DXA-1', startsAt: '2026-12-08T10:30:00.000Z' },
      },
    ]);
    expect(form.onBooked).toHaveBeenCalledWith({ id: 'a1', startsAt: '2026-12-08T10:30:00.000Z' });
  });

  it('steers a follow-up to the previous scan’s scanner and says why (ROS 4.4)', () => {
    fakeApi({});
    renderForm(detail({ scannerId: 'DXA-1', startsAt: '2024-11-20T09:00:00.000Z' }), 'DXA-1');
    expect(screen.getByRole('note').textContent).toBe(
      'Follow-up: booked on DXA-1, the scanner of the previous scan (2024-11-20), so the results can be compared (ROS 4.4).',
    );
    expect(screen.queryByLabelText('Reason for not using DXA-1')).toBeNull();
  });

  it('asks for the reason when another scanner is chosen, and sends it', async () => {
    const { sent } = fakeApi({
      'POST /api/appointments': () => ({ status: 201, body: { id: 'a2' } }),
    });
    renderForm(detail({ scannerId: 'DXA-1', startsAt: '2024-11-20T09:00:00.000Z' }), 'DXA-2', {
      date: '2027-06-08',
      time: '10:30',
    });
    expect(screen.getByRole('note').textContent).toBe(
      'Follow-up: the previous scan (2024-11-20) was on DXA-1. Book it there so the results can be compared (ROS 4.4), or give the reason for using DXA-2.',
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Reason for not using DXA-1'), 'DXA-1 out of service');
    await user.click(screen.getByRole('button', { name: 'Book appointment' }));
    expect(sent[0]?.body).toEqual({
      referralId: REFERRAL_ID,
      scannerId: 'DXA-2',
      startsAt: '2027-06-08T09:30:00.000Z',
      scannerOverrideReason: 'DXA-1 out of service',
    });
  });

  it('shows a refused time beside the time and keeps what was typed', async () => {
    const message = 'startsAt: DXA-1 is already booked from 2026-12-08T10:30:00.000Z';
    fakeApi({ 'POST /api/appointments': () => refusal(409, 'conflict', message, 'startsAt') });
    const form = renderForm(detail(null), 'DXA-1', { date: '2026-12-08', time: '10:30' });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Book appointment' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(message);
    const time = screen.getByLabelText<HTMLInputElement>('Time (UK)');
    expect(time.getAttribute('aria-describedby')).toBe(alert.id);
    expect(time.getAttribute('aria-invalid')).toBe('true');
    expect(time.value).toBe('10:30');
    expect(screen.getByLabelText<HTMLInputElement>('Date').value).toBe('2026-12-08');
    expect(form.onBooked).not.toHaveBeenCalled();
  });
});
