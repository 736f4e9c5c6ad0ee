import { useState, type ReactElement, type SyntheticEvent } from 'react';
import { apiJson } from '../api.ts';
import { FieldError, fieldProps, FormError } from '../forms/field-error.tsx';
import { useApiAction } from '../forms/use-api-action.ts';
import { FINDING_SEVERITIES, type FindingSeverity } from './audit-types.ts';

const FORM_ID = 'finding';
const FIELDS = ['severity', 'description'] as const;

/** A finding of the audit with its severity (ROS 9.2). */
export function FindingForm(props: {
  auditId: string;
  onAdded: () => void;
  onSessionEnded: () => void;
}): ReactElement {
  const [severity, setSeverity] = useState<FindingSeverity>('moderate');
  const [description, setDescription] = useState('');
  const action = useApiAction(props.onSessionEnded);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void action
      .run(async () => {
        await apiJson(`/api/audits/${encodeURIComponent(props.auditId)}/findings`, {
          method: 'POST',
          body: { severity, description },
        });
      })
      .then((done) => {
        if (!done) return;
        setDescription('');
        props.onAdded();
      });
  };
  return (
    <form onSubmit={submit} aria-labelledby={`${FORM_ID}-heading`}>
      <h3 id={`${FORM_ID}-heading`}>Record a finding</h3>
      <label>
        Severity
        <select
          value={severity}
          {...fieldProps(action.error, FORM_ID, 'severity')}
          onChange={(e) => {
            setSeverity(FINDING_SEVERITIES.find((s) => s === e.target.value) ?? 'moderate');
          }}
        >
          {FINDING_SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <FieldError error={action.error} formId={FORM_ID} field="severity" />
      <label>
        Finding
        <textarea
          rows={2}
          required
          maxLength={4000}
          value={description}
          {...fieldProps(action.error, FORM_ID, 'description')}
          onChange={(e) => {
            setDescription(e.target.value);
          }}
        />
      </label>
      <FieldError error={action.error} formId={FORM_ID} field="description" />
      <FormError error={action.error} fields={FIELDS} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Saving…' : 'Record the finding'}
      </button>
    </form>
  );
}
