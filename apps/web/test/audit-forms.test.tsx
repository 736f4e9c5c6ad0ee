// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActionForm } from '../src/audit/action-forms.tsx';
import { CloseAuditForm } from '../src/audit/close-audit-form.tsx';
import { FindingForm } from '../src/audit/finding-form.tsx';
import { fakeApi, refusal } from './support/fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const AUDIT = '6f1c2b7e-3d7a-4c5e-9b1f-2a4d6e8f0a11';
const FINDING = '0d4e5f6a-7b8c-4d9e-8f0a-1b2c3d4e5f60';

describe('the finding form', () => {
  it('sends the severity and the finding, and clears it once recorded', async () => {
    const { sent } = fakeApi({ [`POST /api/audits/${AUDIT}/findings`]: () => ({ status: 201, body: {} }) });
    const added = vi.fn();
    render(<FindingForm auditId={AUDIT} onAdded={added} onSessionEnded={() => undefined} />);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Severity'), 'high');
    await user.type(screen.getByLabelText('Finding'), 'Two of 12 referrals lacked a clinical question');
    await user.click(screen.getByRole('button', { name: 'Record the finding' }));
    await vi.waitFor(() => {
      expect(added).toHaveBeenCalledTimes(1);
    });
    expect(sent[0]).toEqual({
      method: 'POST',
      path: `/api/audits/${AUDIT}/findings`,
      body: { severity: 'high', description: 'Two of 12 referrals lacked a clinical question' },
    });
    expect(screen.getByLabelText<HTMLTextAreaElement>('Finding').value).toBe('');
  });
});

describe('the action form', () => {
  it('sends the owner, due date and the finding it answers', async () => {
    const { sent } = fakeApi({ [`POST /api/audits/${AUDIT}/actions`]: () => ({ status: 201, body: {} }) });
    render(
      <ActionForm
        auditId={AUDIT}
        findings={[
          { id: FINDING, severity: 'high', description: 'Missing clinical question', recordedAt: '' },
        ]}
        onAdded={() => undefined}
        onSessionEnded={() => undefined}
      />,
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Action'), 'Write to the practices');
    await user.type(screen.getByLabelText(/^Owner/), 'Lead radiographer');
    await user.type(screen.getByLabelText('Due on'), '2026-12-15');
    await user.selectOptions(screen.getByLabelText('Answers the finding'), FINDING);
    await user.click(screen.getByRole('button', { name: 'Add the action' }));
    await vi.waitFor(() => {
      expect(sent).toHaveLength(1);
    });
    expect(sent[0]?.body).toEqual({
      description: 'Write to the practices',
      owner: 'Lead radiographer',
      dueOn: '2026-12-15',
      findingId: FINDING,
    });
  });

  it('shows a refused due date beside it and keeps what was typed', async () => {
    fakeApi({
      [`POST /api/audits/${AUDIT}/actions`]: () =>
        refusal(400, 'invalid', 'dueOn: must not be before the audit opened', 'dueOn'),
    });
    render(
      <ActionForm auditId={AUDIT} findings={[]} onAdded={() => undefined} onSessionEnded={() => undefined} />,
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Action'), 'Retrain on the checklist');
    await user.type(screen.getByLabelText(/^Owner/), 'Service manager');
    await user.type(screen.getByLabelText('Due on'), '2020-01-01');
    await user.click(screen.getByRole('button', { name: 'Add the action' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('dueOn: must not be before the audit opened');
    const due = screen.getByLabelText<HTMLInputElement>('Due on');
    expect(due.getAttribute('aria-describedby')).toBe(alert.id);
    expect(screen.getByLabelText<HTMLTextAreaElement>('Action').value).toBe('Retrain on the checklist');
    expect(screen.getByLabelText<HTMLInputElement>(/^Owner/).value).toBe('Service manager');
  });
});

describe('closing an audit', () => {
  it('shows why the API refuses while an action is open, and keeps the conclusion', async () => {
    const message = '1 action(s) are still open: close each with what was done before the audit';
    fakeApi({ [`POST /api/audits/${AUDIT}/close`]: () => refusal(409, 'conflict', message) });
    const closed = vi.fn();
    render(
      <CloseAuditForm auditId={AUDIT} openActions={1} onClosed={closed} onSessionEnded={() => undefined} />,
    );
    expect(screen.getByText(/1 still open/)).toBeTruthy();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Conclusion'), 'Referrals mostly compliant');
    await user.click(screen.getByRole('button', { name: 'Close the audit' }));
    expect((await screen.findByRole('alert')).textContent).toBe(message);
    expect(screen.getByLabelText<HTMLTextAreaElement>('Conclusion').value).toBe('Referrals mostly compliant');
    expect(closed).not.toHaveBeenCalled();
  });
});
