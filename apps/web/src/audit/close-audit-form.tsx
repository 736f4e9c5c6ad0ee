import { useState, type ReactElement, type SyntheticEvent } from 'react';
import { apiJson } from '../api.ts';
import { FieldError, fieldProps, FormError } from '../forms/field-error.tsx';
import { useApiAction } from '../forms/use-api-action.ts';

const FORM_ID = 'close-audit';

/**
 * The service manager closes the audit with its conclusion (ROS 9.2). The API refuses while an action is
 * open; its reason is shown here, and what was typed is kept.
 */
export function CloseAuditForm(props: {
  auditId: string;
  openActions: number;
  onClosed: () => void;
  onSessionEnded: () => void;
}): ReactElement {
  const [conclusion, setConclusion] = useState('');
  const action = useApiAction(props.onSessionEnded);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void action
      .run(async () => {
        await apiJson(`/api/audits/${encodeURIComponent(props.auditId)}/close`, {
          method: 'POST',
          body: { conclusion },
        });
      })
      .then((done) => {
        if (done) props.onClosed();
      });
  };
  return (
    <form onSubmit={submit} aria-labelledby={`${FORM_ID}-heading`}>
      <h3 id={`${FORM_ID}-heading`}>Close the audit</h3>
      <p>
        {props.openActions > 0
          ? `The service manager closes the audit once every action is closed: ${String(props.openActions)} still open.`
          : 'The service manager closes the audit with its conclusion.'}
      </p>
      <label>
        Conclusion
        <textarea
          rows={3}
          required
          maxLength={4000}
          value={conclusion}
          {...fieldProps(action.error, FORM_ID, 'conclusion')}
          onChange={(e) => {
            setConclusion(e.target.value);
          }}
        />
      </label>
      <FieldError error={action.error} formId={FORM_ID} field="conclusion" />
      <FormError error={action.error} fields={['conclusion']} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Closing…' : 'Close the audit'}
      </button>
    </form>
  );
}
