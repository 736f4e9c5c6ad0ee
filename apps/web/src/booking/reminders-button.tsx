import { useState, type ReactElement } from 'react';
import { apiJson } from '../api.ts';
import { FormError } from '../forms/field-error.tsx';
import { useApiAction } from '../forms/use-api-action.ts';

/** Writes the reminders now due (ROS 4.4: shortly before, to reduce non-attendance) and says how many. */
export function RemindersButton(props: { onSent: () => void; onSessionEnded: () => void }): ReactElement {
  const action = useApiAction(props.onSessionEnded);
  const [sent, setSent] = useState<string | null>(null);
  const send = (): void => {
    void action.run(async () => {
      const r = await apiJson<{ sent: number }>('/api/appointments/reminders', { method: 'POST', body: {} });
      setSent(
        r.sent === 0
          ? 'No reminders were due: every appointment in the reminder window already has one.'
          : `${String(r.sent)} reminder(s) written, one to each patient whose appointment is within the reminder window.`,
      );
      props.onSent();
    });
  };
  return (
    <div className="reminders">
      <button type="button" disabled={action.busy} onClick={send}>
        {action.busy ? 'Writing reminders…' : 'Send due reminders'}
      </button>
      {sent ? <span role="status">{sent}</span> : null}
      <FormError error={action.error} fields={[]} />
    </div>
  );
}
