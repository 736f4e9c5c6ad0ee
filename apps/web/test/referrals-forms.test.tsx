// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthoriseForm } from '../src/referrals/authorise-form.tsx';
import { CancelReferralForm } from '../src/referrals/cancel-referral-form.tsx';
import { ReturnForm } from '../src/referrals/return-form.tsx';
import { fakeApi, refusal } from './support/fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ID = '6d509ffd-7291-451a-accb-6c458827d006';
const MET = {
  meetsCriteria: true,
  matched: [{ id: 'glucocorticoids', text: 'Oral glucocorticoids for 3 months or more', source: 'NOGG' }],
  unmatched: [],
  criteriaVersion: 'v1',
};
const UNMET = {
  meetsCriteria: false,
  matched: [],
  unmatched: [{ id: 'made_up', reason: 'not in the local referral criteria' }],
  criteriaVersion: 'v1',
};

describe('the authorise form', () => {
  it('sends the practitioner’s justification with the note and hands back the authorised referral', async () => {
    const { sent } = fakeApi({
      [`POST /api/referrals/${ID}/authorise`]: () => ({ body: { id: ID, state: 'authorised' } }),
    });
    const done = vi.fn();
    render(<AuthoriseForm referralId={ID} criteriaMatch={MET} onDone={done} onSessionEnded={vi.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Note (optional)'), 'Steroids since May');
    await user.click(screen.getByRole('button', { name: 'Authorise' }));
    expect(sent).toEqual([
      {
        method: 'POST',
        path: `/api/referrals/${ID}/authorise`,
        body: { basis: 'practitioner_justified', note: 'Steroids since May' },
      },
    ]);
    expect(done).toHaveBeenCalledWith({ id: ID, state: 'authorised' });
  });

  it('offers the operator route only when an indication meets the written criteria', () => {
    fakeApi({});
    render(<AuthoriseForm referralId={ID} criteriaMatch={UNMET} onDone={vi.fn()} onSessionEnded={vi.fn()} />);
    const operator = screen.getByLabelText<HTMLInputElement>(
      'Authorised by me as operator under the written referral criteria',
    );
    expect(operator.disabled).toBe(true);
    expect(operator.getAttribute('aria-describedby')).toBe('authorise-criteria-note');
    expect(document.getElementById('authorise-criteria-note')?.textContent).toBe(
      'No indication meets the written criteria, so only the IR(ME)R practitioner can justify it (ROS 4.4).',
    );
  });

  it('shows the refusal beside the basis and keeps the note typed', async () => {
    const message =
      'no indication meets the written referral criteria: the IR(ME)R practitioner must justify';
    const { sent } = fakeApi({
      [`POST /api/referrals/${ID}/authorise`]: () => refusal(409, 'conflict', message, 'basis'),
    });
    const done = vi.fn();
    render(<AuthoriseForm referralId={ID} criteriaMatch={MET} onDone={done} onSessionEnded={vi.fn()} />);
    const user = userEvent.setup();
    await user.click(
      screen.getByLabelText('Authorised by me as operator under the written referral criteria'),
    );
    await user.type(screen.getByLabelText('Note (optional)'), 'Criteria met');
    await user.click(screen.getByRole('button', { name: 'Authorise' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(message);
    // Beside the basis: inside its fieldset, which the message describes.
    expect(alert.closest('fieldset')?.getAttribute('aria-describedby')).toBe(alert.id);
    expect(screen.getByLabelText<HTMLTextAreaElement>('Note (optional)').value).toBe('Criteria met');
    expect(sent[0]?.body).toEqual({ basis: 'operator_under_written_criteria', note: 'Criteria met' });
    expect(done).not.toHaveBeenCalled();
  });
});

describe('the return form', () => {
  it('sends the API’s reason and the note; a refused note shows beside it and stays typed', async () => {
    let answer = refusal(400, 'invalid', 'say what the referrer must add or change', 'note');
    const { sent } = fakeApi({ [`POST /api/referrals/${ID}/return`]: () => answer });
    const done = vi.fn();
    render(<ReturnForm referralId={ID} signedByReferrer={false} onDone={done} onSessionEnded={vi.fn()} />);
    const user = userEvent.setup();
    // An unsigned referral starts on the unsigned reason (ROS 4.3).
    expect(screen.getByLabelText<HTMLSelectElement>('Reason').value).toBe('unsigned');
    await user.selectOptions(screen.getByLabelText('Reason'), 'Inadequate clinical information');
    await user.type(screen.getByLabelText('What the referrer must add or change'), ' ');
    await user.click(screen.getByRole('button', { name: 'Return to referrer' }));
    const note = screen.getByLabelText<HTMLTextAreaElement>('What the referrer must add or change');
    expect((await screen.findByRole('alert')).textContent).toBe('say what the referrer must add or change');
    expect(note.getAttribute('aria-invalid')).toBe('true');
    expect(note.value).toBe(' ');
    expect(sent[0]?.body).toEqual({ reason: 'inadequate_information', note: ' ' });
    answer = { body: { id: ID, state: 'returned' } };
    await user.type(note, 'Please give the fracture history');
    await user.click(screen.getByRole('button', { name: 'Return to referrer' }));
    expect(sent[1]?.body).toEqual({
      reason: 'inadequate_information',
      note: ' Please give the fracture history',
    });
    expect(done).toHaveBeenCalledWith({ id: ID, state: 'returned' });
  });
});

describe('the cancel form', () => {
  it('shows a refusal that names no field under the form, keeping the reason', async () => {
    const { sent } = fakeApi({
      [`POST /api/referrals/${ID}/cancel`]: () =>
        refusal(409, 'conflict', 'the referral is already returned'),
    });
    render(<CancelReferralForm referralId={ID} onDone={vi.fn()} onSessionEnded={vi.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Reason for cancelling'), 'Scanned elsewhere');
    await user.click(screen.getByRole('button', { name: 'Cancel referral' }));
    expect((await screen.findByRole('alert')).textContent).toBe('the referral is already returned');
    expect(screen.getByLabelText<HTMLTextAreaElement>('Reason for cancelling').value).toBe(
      'Scanned elsewhere',
    );
    expect(sent).toEqual([
      { method: 'POST', path: `/api/referrals/${ID}/cancel`, body: { reason: 'Scanned elsewhere' } },
    ]);
  });

  it('ends the session on a 401 without losing the reason', async () => {
    fakeApi({ [`POST /api/referrals/${ID}/cancel`]: () => refusal(401, 'unauthenticated', 'sign in') });
    const ended = vi.fn();
    render(<CancelReferralForm referralId={ID} onDone={vi.fn()} onSessionEnded={ended} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Reason for cancelling'), 'Duplicate');
    await user.click(screen.getByRole('button', { name: 'Cancel referral' }));
    await screen.findByRole('alert');
    expect(ended).toHaveBeenCalledOnce();
    expect(screen.getByLabelText<HTMLTextAreaElement>('Reason for cancelling').value).toBe('Duplicate');
  });
});
