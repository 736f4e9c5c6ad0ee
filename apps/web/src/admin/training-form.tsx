import { useState, type ReactElement, type SyntheticEvent } from 'react';
import { apiJson } from '../api.ts';
import { FieldError, fieldProps, FormError } from '../forms/field-error.tsx';
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
        <div className="admin-field">
          <label>
            Completed on
            <input
              type="date"
              value={completedOn}
              required
              {...fieldProps(error, FORM, 'completedOn')}
              onChange={(e) => {
                setCompletedOn(e.target.value);
              }}
            />
          </label>
          <FieldError error={error} formId={FORM} field="completedOn" />
        </div>
        <div className="admin-field">
          <label>
            Last day it counts (blank: the usual renewal period)
            <input
              type="date"
              value={expiresOn}
              {...fieldProps(error, FORM, 'expiresOn')}
              onChange={(e) => {
                setExpiresOn(e.target.value);
              }}
            />
          </label>
          <FieldError error={error} formId={FORM} field="expiresOn" />
        </div>
        <div className="admin-field">
          <label>
            Evidence (certificate, assessment)
            <input
              value={evidence}
              {...fieldProps(error, FORM, 'evidence')}
              onChange={(e) => {
                setEvidence(e.target.value);
              }}
            />
          </label>
          <FieldError error={error} formId={FORM} field="evidence" />
        </div>
      </div>
      <FormError error={error} fields={FIELDS} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Saving…' : 'Record training'}
      </button>
    </form>
  );
}
