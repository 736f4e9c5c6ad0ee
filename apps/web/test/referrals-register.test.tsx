// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RegisterReferralForm } from '../src/referrals/register-referral-form.tsx';
import { fakeApi, refusal, type FakeHandler } from './support/fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const PATEL = {
  id: '0b6e3c1a-6f4e-4d7a-9b57-2f1c1f0c9a11',
  name: 'Dr A. Patel',
  profession: 'General practitioner',
  organisation: 'Riverside Surgery',
  role: 'gp',
  entitledFrom: '2025-01-01',
  entitledUntil: null,
};
const OKAFOR = { ...PATEL, id: '5a1f0f55-1d7e-4f39-8d0c-3b8a3bb2e7c2', name: 'Dr B. Okafor' };
const CRITERIA = {
  version: 'v1',
  indications: [
    {
      id: 'fragility_fracture',
      text: 'Fragility fracture at 50 or over',
      examinations: ['dxa', 'qct'],
      source: 'NOGG',
    },
    { id: 'frax_zone', text: 'FRAX in the assessment zone', examinations: ['dxa'], source: 'NOGG' },
    { id: 'qct_only', text: 'Severe scoliosis (QCT)', examinations: ['qct'], source: 'ACR' },
  ],
};
const REGISTERED = {
  id: '9f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b',
  patientId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  examination: 'dxa',
  criteriaMatch: { meetsCriteria: true, matched: [], unmatched: [], criteriaVersion: 'v1' },
};

function api(post: FakeHandler): { sent: { method: string; path: string; body: unknown }[] } {
  return fakeApi({
    'GET /api/referrers?limit=20': () => ({
      body: { items: [OKAFOR, PATEL], total: 2, limit: 20, offset: 0 },
    }),
    'GET /api/referrers?limit=20&name=pat': () => ({
      body: { items: [PATEL], total: 1, limit: 20, offset: 0 },
    }),
    'GET /api/referral-criteria': () => ({ body: CRITERIA }),
    'POST /api/referrals': post,
  });
}

/** Fills the whole form as an operator would from a faxed letter. */
async function fillIn(user: ReturnType<typeof userEvent.setup>): Promise<void> {
  await user.type(screen.getByLabelText('NHS number'), '9434765919');
  await user.type(screen.getByLabelText('Family name'), 'Fax');
  await user.type(screen.getByLabelText('Given names'), 'Freda May');
  fireEvent.change(screen.getByLabelText('Date of birth'), { target: { value: '1950-01-02' } });
  await user.selectOptions(screen.getByLabelText('Sex'), 'female');
  await user.type(screen.getByLabelText('Address'), '2 Mill Lane, Bath');
  await user.type(screen.getByLabelText('Find the referrer by name'), 'pat');
  // The filtered list (after the pause) offers only Dr Patel.
  await screen.findByRole('option', { name: /1 found/ });
  await user.selectOptions(screen.getByLabelText('Referrer'), PATEL.id);
  await user.selectOptions(screen.getByLabelText('Source'), 'fracture_liaison');
  await user.selectOptions(screen.getByLabelText('How it arrived'), 'fax');
  fireEvent.change(screen.getByLabelText('Received'), { target: { value: '2026-11-20T14:30' } });
  await user.click(screen.getByLabelText(/Fragility fracture at 50 or over/));
  await user.click(screen.getByLabelText(/FRAX in the assessment zone/));
  await user.type(screen.getByLabelText(/Clinical information/), 'Wrist fracture after a trip on the kerb.');
  await user.click(screen.getByLabelText('Signed by the referrer'));
  await user.click(screen.getByLabelText(/Copy the report/));
}

describe('registering a referral', () => {
  it('offers the written criteria for the examination and sends exactly what was typed', async () => {
    const { sent } = api(() => ({ status: 201, body: REGISTERED }));
    const done = vi.fn();
    render(<RegisterReferralForm onRegistered={done} onCancel={vi.fn()} onSessionEnded={vi.fn()} />);
    const user = userEvent.setup();
    await screen.findByLabelText(/Fragility fracture at 50 or over/);
    expect(screen.queryByLabelText(/Severe scoliosis/)).toBeNull();
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Register the referral' }));
    const posted = sent.filter((r) => r.method === 'POST');
    expect(posted).toEqual([
      {
        method: 'POST',
        path: '/api/referrals',
        body: {
          patient: {
            identifier: '9434765919',
            familyName: 'Fax',
            givenNames: 'Freda May',
            birthDate: '1950-01-02',
            sex: 'female',
            address: '2 Mill Lane, Bath',
            postcode: null,
            registeredGp: null,
          },
          referrerId: PATEL.id,
          source: 'fracture_liaison',
          examination: 'dxa',
          indications: ['fragility_fracture', 'frax_zone'],
          clinicalInformation: 'Wrist fracture after a trip on the kerb.',
          signedByReferrer: true,
          copyReportToGp: true,
          method: 'fax',
          receivedAt: new Date(2026, 10, 20, 14, 30).toISOString(),
        },
      },
    ]);
    expect(done).toHaveBeenCalledWith(REGISTERED, 'FAX, Freda May');
  });

  it('drops an indication the written criteria do not offer for QCT', async () => {
    const { sent } = api(() => ({ status: 201, body: REGISTERED }));
    render(<RegisterReferralForm onRegistered={vi.fn()} onCancel={vi.fn()} onSessionEnded={vi.fn()} />);
    const user = userEvent.setup();
    await fillIn(user);
    await user.selectOptions(screen.getByLabelText('Examination'), 'qct');
    await user.click(screen.getByRole('button', { name: 'Register the referral' }));
    const body = sent.find((r) => r.method === 'POST')?.body as {
      indications: string[];
      examination: string;
    };
    expect(body.examination).toBe('qct');
    expect(body.indications).toEqual(['fragility_fracture']);
  });

  it.each([
    ['patient.identifier', 'NHS number', 'patient.identifier: does not match the patient already recorded'],
    [
      'clinicalInformation',
      'Clinical information (the clinical question and history)',
      'the referrer must give the clinical question and history (ROS 4.3)',
    ],
  ])('shows a refusal of %s beside its field and keeps everything typed', async (field, label, message) => {
    api(() => refusal(field === 'clinicalInformation' ? 400 : 409, 'invalid', message, field));
    const done = vi.fn();
    render(<RegisterReferralForm onRegistered={done} onCancel={vi.fn()} onSessionEnded={vi.fn()} />);
    const user = userEvent.setup();
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Register the referral' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(message);
    const input = screen.getByLabelText(label);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe(alert.id);
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(done).not.toHaveBeenCalled();
    // Nothing typed is lost.
    expect(screen.getByLabelText<HTMLInputElement>('NHS number').value).toBe('9434765919');
    expect(screen.getByLabelText<HTMLInputElement>('Given names').value).toBe('Freda May');
    expect(screen.getByLabelText<HTMLInputElement>('Date of birth').value).toBe('1950-01-02');
    expect(screen.getByLabelText<HTMLSelectElement>('Referrer').value).toBe(PATEL.id);
    expect(screen.getByLabelText<HTMLSelectElement>('How it arrived').value).toBe('fax');
    expect(screen.getByLabelText<HTMLInputElement>('Received').value).toBe('2026-11-20T14:30');
    expect(screen.getByLabelText<HTMLInputElement>(/FRAX in the assessment zone/).checked).toBe(true);
    expect(screen.getByLabelText<HTMLTextAreaElement>(/Clinical information/).value).toBe(
      'Wrist fracture after a trip on the kerb.',
    );
    expect(screen.getByLabelText<HTMLInputElement>('Signed by the referrer').checked).toBe(true);
    expect(screen.getByRole('button', { name: 'Register the referral' })).toHaveProperty('disabled', false);
  });
});
