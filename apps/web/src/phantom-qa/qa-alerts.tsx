import { useState, type ReactElement, type SyntheticEvent } from 'react';
import { apiJson } from '../api.ts';
import { FieldError, fieldProps, FormError } from '../forms/field-error.tsx';
import { useApiAction } from '../forms/use-api-action.ts';
import { isCusumSignal, type QaAlert } from './phantom-chart-types.ts';

/** A medical physics expert closes an alert with what was found and done (ROS 5.1). */
function CloseAlertForm(props: {
  alert: QaAlert;
  onClosed: () => void;
  onSessionEnded: () => void;
}): ReactElement {
  const formId = `close-alert-${props.alert.id}`;
  const [note, setNote] = useState('');
  const action = useApiAction(props.onSessionEnded);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void action
      .run(async () => {
        await apiJson(`/api/qa-alerts/${encodeURIComponent(props.alert.id)}/close`, {
          method: 'POST',
          body: { note },
        });
      })
      .then((done) => {
        if (done) props.onClosed();
      });
  };
  return (
    <form onSubmit={submit} className="inline-form">
      <label>
        What was found and done
        <textarea
          rows={2}
          required
          maxLength={2000}
          value={note}
          {...fieldProps(action.error, formId, 'note')}
          onChange={(e) => {
            setNote(e.target.value);
          }}
        />
      </label>
      <FieldError error={action.error} formId={formId} field="note" />
      <FormError error={action.error} fields={['note']} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Closing…' : 'Close the alert'}
      </button>
    </form>
  );
}

function signalsText(alert: QaAlert): string {
  const signals = alert.detail.signals ?? [];
  if (signals.length === 0) return 'phantom out of control';
  return signals.map((s) => `${isCusumSignal(s.code) ? 'CUSUM' : 'Shewhart'}: ${s.text}`).join('; ');
}

/** The scanner's open QA alerts: daily QC cannot pass until a physicist closes each. */
export function QaAlerts(props: {
  alerts: readonly QaAlert[];
  onClosed: () => void;
  onSessionEnded: () => void;
}): ReactElement {
  if (props.alerts.length === 0) return <p aria-live="polite">No open alerts.</p>;
  return (
    <section aria-labelledby="qa-alerts-heading" className="qa-alerts">
      <h2 id="qa-alerts-heading">{`${String(props.alerts.length)} open alert(s)`}</h2>
      <p>Daily QC cannot pass until a medical physics expert closes them.</p>
      <ul>
        {props.alerts.map((a) => (
          <li key={a.id}>
            <p>{`Raised ${a.raisedAt.slice(0, 16).replace('T', ' ')}: ${signalsText(a)}`}</p>
            <CloseAlertForm alert={a} onClosed={props.onClosed} onSessionEnded={props.onSessionEnded} />
          </li>
        ))}
      </ul>
    </section>
  );
}
