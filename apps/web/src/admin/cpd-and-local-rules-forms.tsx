import { useState, type ReactElement, type SyntheticEvent } from 'react';
import { apiJson } from '../api.ts';
import { FieldError, fieldProps, FormError } from '../forms/field-error.tsx';
import { useApiAction } from '../forms/use-api-action.ts';

/** Records a CPD activity for a member of staff (ROS 9.1). */
export function CpdForm(props: {
  userId: string;
  today: string;
  onRecorded: () => void;
  onSessionEnded: () => void;
}): ReactElement {
  const FORM = 'record-cpd';
  const [doneOn, setDoneOn] = useState(props.today);
  const [hours, setHours] = useState('');
  const [activity, setActivity] = useState('');
  const action = useApiAction(props.onSessionEnded);
  const { error } = action;
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void action
      .run(async () => {
        await apiJson(`/api/users/${encodeURIComponent(props.userId)}/cpd`, {
          method: 'POST',
          body: { doneOn, hours: Number(hours), activity },
        });
      })
      .then((done) => {
        if (!done) return;
        setHours('');
        setActivity('');
        props.onRecorded();
      });
  };
  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby={`${FORM}-heading`}>
      <h3 id={`${FORM}-heading`}>Record CPD</h3>
      <div className="admin-fields">
        <div className="admin-field">
          <label>
            Done on
            <input
              type="date"
              value={doneOn}
              required
              {...fieldProps(error, FORM, 'doneOn')}
              onChange={(e) => {
                setDoneOn(e.target.value);
              }}
            />
          </label>
          <FieldError error={error} formId={FORM} field="doneOn" />
        </div>
        <div className="admin-field">
          <label>
            Hours
            <input
              type="number"
              inputMode="decimal"
              step="0.25"
              min="0.25"
              value={hours}
              required
              {...fieldProps(error, FORM, 'hours')}
              onChange={(e) => {
                setHours(e.target.value);
              }}
            />
          </label>
          <FieldError error={error} formId={FORM} field="hours" />
        </div>
        <div className="admin-field">
          <label>
            Activity
            <input
              value={activity}
              required
              {...fieldProps(error, FORM, 'activity')}
              onChange={(e) => {
                setActivity(e.target.value);
              }}
            />
          </label>
          <FieldError error={error} formId={FORM} field="activity" />
        </div>
      </div>
      <FormError error={error} fields={['doneOn', 'hours', 'activity']} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Saving…' : 'Record CPD'}
      </button>
    </form>
  );
}

/** Records that a member of staff has read a version of the local rules (Appendix 3). */
export function LocalRulesReadForm(props: {
  userId: string;
  today: string;
  currentVersion: string;
  onRecorded: () => void;
  onSessionEnded: () => void;
}): ReactElement {
  const FORM = 'record-local-rules';
  const [version, setVersion] = useState(props.currentVersion);
  const [readOn, setReadOn] = useState(props.today);
  const action = useApiAction(props.onSessionEnded);
  const { error } = action;
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void action
      .run(async () => {
        await apiJson(`/api/users/${encodeURIComponent(props.userId)}/local-rules-read`, {
          method: 'POST',
          body: { version, readOn },
        });
      })
      .then((done) => {
        if (done) props.onRecorded();
      });
  };
  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby={`${FORM}-heading`}>
      <h3 id={`${FORM}-heading`}>Record local rules read</h3>
      <div className="admin-fields">
        <div className="admin-field">
          <label>
            Version
            <input
              value={version}
              required
              {...fieldProps(error, FORM, 'version')}
              onChange={(e) => {
                setVersion(e.target.value);
              }}
            />
          </label>
          <FieldError error={error} formId={FORM} field="version" />
        </div>
        <div className="admin-field">
          <label>
            Read on
            <input
              type="date"
              value={readOn}
              required
              {...fieldProps(error, FORM, 'readOn')}
              onChange={(e) => {
                setReadOn(e.target.value);
              }}
            />
          </label>
          <FieldError error={error} formId={FORM} field="readOn" />
        </div>
      </div>
      <FormError error={error} fields={['version', 'readOn']} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Saving…' : 'Record local rules read'}
      </button>
    </form>
  );
}
