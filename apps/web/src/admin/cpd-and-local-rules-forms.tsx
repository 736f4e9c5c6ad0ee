import { useState, type ReactElement, type SyntheticEvent } from 'react';
import { apiJson } from '../api.ts';
import { FormError } from '../forms/field-error.tsx';
import { InputField } from '../forms/input-field.tsx';
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
        <InputField
          className="admin-field"
          formId={FORM}
          field="doneOn"
          label="Done on"
          error={error}
          type="date"
          value={doneOn}
          required
          onChange={setDoneOn}
        />
        <InputField
          className="admin-field"
          formId={FORM}
          field="hours"
          label="Hours"
          error={error}
          type="number"
          inputMode="decimal"
          step="0.25"
          min="0.25"
          value={hours}
          required
          onChange={setHours}
        />
        <InputField
          className="admin-field"
          formId={FORM}
          field="activity"
          label="Activity"
          error={error}
          value={activity}
          required
          onChange={setActivity}
        />
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
        <InputField
          className="admin-field"
          formId={FORM}
          field="version"
          label="Version"
          error={error}
          value={version}
          required
          onChange={setVersion}
        />
        <InputField
          className="admin-field"
          formId={FORM}
          field="readOn"
          label="Read on"
          error={error}
          type="date"
          value={readOn}
          required
          onChange={setReadOn}
        />
      </div>
      <FormError error={error} fields={['version', 'readOn']} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Saving…' : 'Record local rules read'}
      </button>
    </form>
  );
}
