import { useState, type ReactElement, type SyntheticEvent } from 'react';
import { apiJson } from '../api.ts';
import { FieldError, fieldProps, FormError } from '../forms/field-error.tsx';
import { InputField } from '../forms/input-field.tsx';
import { useApiAction } from '../forms/use-api-action.ts';
import { TRAINING_KINDS } from './training-kinds.ts';

const FORM = 'record-training';
const FIELDS = ['kind', 'completedOn', 'expiresOn', 'evidence'] as const;

/**
 * Records a member of staff's training or competency (ROS 6.1, 9.1). Left blank, the expiry is the
 * kind's renewal period after completion, as the API works it out.
 */
export function TrainingForm(props: {
  userId: string;
  today: string;
  onRecorded: () => void;
  onSessionEnded: () => void;
}): ReactElement {
  const [kind, setKind] = useState(TRAINING_KINDS[0]?.id ?? '');
  const [completedOn, setCompletedOn] = useState(props.today);
  const [expiresOn, setExpiresOn] = useState('');
  const [evidence, setEvidence] = useState('');
  const action = useApiAction(props.onSessionEnded);
  const { error } = action;

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void action
      .run(async () => {
        await apiJson(`/api/users/${encodeURIComponent(props.userId)}/training`, {
          method: 'POST',
          body: {
            kind,
            completedOn,
            ...(expiresOn === '' ? {} : { expiresOn }),
            evidence: evidence.trim() === '' ? null : evidence,
          },
        });
      })
      .then((done) => {
        if (!done) return;
        setExpiresOn('');
        setEvidence('');
        props.onRecorded();
      });
  };

  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby={`${FORM}-heading`}>
      <h3 id={`${FORM}-heading`}>Record training</h3>
      <div className="admin-fields">
        <div className="admin-field">
          <label>
            Training
            <select
              value={kind}
              {...fieldProps(error, FORM, 'kind')}
              onChange={(e) => {
                setKind(e.target.value);
              }}
            >
              {TRAINING_KINDS.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.name}
                </option>
              ))}
            </select>
          </label>
          <FieldError error={error} formId={FORM} field="kind" />
        </div>
        <InputField
          className="admin-field"
          formId={FORM}
          field="completedOn"
          label="Completed on"
          error={error}
          type="date"
          value={completedOn}
          required
          onChange={setCompletedOn}
        />
        <InputField
          className="admin-field"
          formId={FORM}
          field="expiresOn"
          label="Last day it counts (blank: the usual renewal period)"
          error={error}
          type="date"
          value={expiresOn}
          onChange={setExpiresOn}
        />
        <InputField
          className="admin-field"
          formId={FORM}
          field="evidence"
          label="Evidence (certificate, assessment)"
          error={error}
          value={evidence}
          onChange={setEvidence}
        />
      </div>
      <FormError error={error} fields={FIELDS} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Saving…' : 'Record training'}
      </button>
    </form>
  );
}
