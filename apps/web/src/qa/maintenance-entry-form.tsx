import { useState, type ReactElement, type SyntheticEvent } from 'react';
import { apiJson } from '../api.ts';
import { FieldError, fieldProps, FormError } from '../forms/field-error.tsx';
import { useApiAction } from '../forms/use-api-action.ts';
import { MAINTENANCE_KIND_WORDS, MAINTENANCE_KINDS, type MaintenanceKind } from './qa-types.ts';

const FORM_ID = 'maintenance-entry';
const FIELDS = ['kind', 'description'] as const;

/** A fault, maintenance visit or upgrade added to the scanner's log (ROS 5.2). */
export function MaintenanceEntryForm(props: {
  scannerId: string;
  onAdded: () => void;
  onSessionEnded: () => void;
}): ReactElement {
  const [kind, setKind] = useState<MaintenanceKind>('fault');
  const [description, setDescription] = useState('');
  const action = useApiAction(props.onSessionEnded);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void action
      .run(async () => {
        await apiJson(`/api/scanners/${encodeURIComponent(props.scannerId)}/maintenance`, {
          method: 'POST',
          body: { kind, description },
        });
      })
      .then((done) => {
        if (!done) return;
        setDescription('');
        props.onAdded();
      });
  };
  return (
    <form onSubmit={submit} className="maintenance-entry">
      <label>
        Kind
        <select
          value={kind}
          {...fieldProps(action.error, FORM_ID, 'kind')}
          onChange={(e) => {
            setKind(MAINTENANCE_KINDS.find((k) => k === e.target.value) ?? 'other');
          }}
        >
          {MAINTENANCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {MAINTENANCE_KIND_WORDS[k]}
            </option>
          ))}
        </select>
      </label>
      <FieldError error={action.error} formId={FORM_ID} field="kind" />
      <label>
        What happened or is planned
        <textarea
          rows={2}
          maxLength={4000}
          required
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
        {action.busy ? 'Saving…' : 'Add to the log'}
      </button>
    </form>
  );
}
