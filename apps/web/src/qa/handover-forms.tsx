import { useState, type ReactElement, type SyntheticEvent } from 'react';
import { apiJson } from '../api.ts';
import { FieldError, fieldProps, FormError } from '../forms/field-error.tsx';
import { useApiAction } from '../forms/use-api-action.ts';

// The AXREM handover (ROS 5.2): the scanner goes to the service engineer by name and time, and comes back
// into clinical use with the engineer's report and the checks made before patients are scanned again.

/** Hands the scanner over to the named engineer: out of clinical use from now. */
export function HandOverForm(props: {
  entryId: string;
  onChanged: () => void;
  onSessionEnded: () => void;
}): ReactElement {
  const formId = `hand-over-${props.entryId}`;
  const [engineer, setEngineer] = useState('');
  const action = useApiAction(props.onSessionEnded);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void action
      .run(async () => {
        await apiJson(`/api/maintenance/${encodeURIComponent(props.entryId)}/hand-over`, {
          method: 'POST',
          body: { engineer },
        });
      })
      .then((done) => {
        if (done) props.onChanged();
      });
  };
  return (
    <form onSubmit={submit} className="inline-form">
      <label>
        Engineer and company
        <input
          required
          maxLength={200}
          value={engineer}
          {...fieldProps(action.error, formId, 'engineer')}
          onChange={(e) => {
            setEngineer(e.target.value);
          }}
        />
      </label>
      <FieldError error={action.error} formId={formId} field="engineer" />
      <FormError error={action.error} fields={['engineer']} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Saving…' : 'Hand over to the engineer'}
      </button>
    </form>
  );
}

/** Receives the scanner back into clinical use with the engineer's report and the checks made. */
export function ReceiveBackForm(props: {
  entryId: string;
  onChanged: () => void;
  onSessionEnded: () => void;
}): ReactElement {
  const formId = `receive-back-${props.entryId}`;
  const [engineerReport, setEngineerReport] = useState('');
  const [checksOnReturn, setChecksOnReturn] = useState('');
  const action = useApiAction(props.onSessionEnded);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void action
      .run(async () => {
        await apiJson(`/api/maintenance/${encodeURIComponent(props.entryId)}/receive-back`, {
          method: 'POST',
          body: { engineerReport, checksOnReturn },
        });
      })
      .then((done) => {
        if (done) props.onChanged();
      });
  };
  return (
    <form onSubmit={submit} className="inline-form">
      <label>
        Engineer&apos;s report
        <textarea
          rows={2}
          required
          maxLength={4000}
          value={engineerReport}
          {...fieldProps(action.error, formId, 'engineerReport')}
          onChange={(e) => {
            setEngineerReport(e.target.value);
          }}
        />
      </label>
      <FieldError error={action.error} formId={formId} field="engineerReport" />
      <label>
        Checks made before patients are scanned again
        <textarea
          rows={2}
          required
          maxLength={2000}
          value={checksOnReturn}
          {...fieldProps(action.error, formId, 'checksOnReturn')}
          onChange={(e) => {
            setChecksOnReturn(e.target.value);
          }}
        />
      </label>
      <FieldError error={action.error} formId={formId} field="checksOnReturn" />
      <FormError error={action.error} fields={['engineerReport', 'checksOnReturn']} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Saving…' : 'Receive back into clinical use'}
      </button>
    </form>
  );
}
