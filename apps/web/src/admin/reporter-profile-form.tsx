import { useState, type ReactElement, type SyntheticEvent } from 'react';
import { apiJson } from '../api.ts';
import { FieldError, fieldProps, FormError } from '../forms/field-error.tsx';
import { InputField } from '../forms/input-field.tsx';
import { useApiAction } from '../forms/use-api-action.ts';
import type { ReporterProfile } from './admin-types.ts';

const FORM = 'reporter-profile';
const FIELDS = ['title', 'registrationBody', 'registrationNumber'] as const;
const BODIES: readonly ReporterProfile['registrationBody'][] = ['GMC', 'HCPC', 'NMC', 'GPhC', 'other'];

/** A reporter's title and professional registration, as their reports show them (ROS App. 4C). */
export function ReporterProfileForm(props: {
  userId: string;
  profile: ReporterProfile | null;
  onSaved: () => void;
  onSessionEnded: () => void;
}): ReactElement {
  const [title, setTitle] = useState(props.profile?.title ?? '');
  const [body, setBody] = useState<ReporterProfile['registrationBody']>(
    props.profile?.registrationBody ?? 'GMC',
  );
  const [number, setNumber] = useState(props.profile?.registrationNumber ?? '');
  const [saved, setSaved] = useState(false);
  const action = useApiAction(props.onSessionEnded);
  const { error } = action;
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    setSaved(false);
    void action
      .run(async () => {
        await apiJson(`/api/users/${encodeURIComponent(props.userId)}/reporter-profile`, {
          method: 'PUT',
          body: { title, registrationBody: body, registrationNumber: number },
        });
      })
      .then((done) => {
        if (!done) return;
        setSaved(true);
        props.onSaved();
      });
  };
  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby={`${FORM}-heading`}>
      <h3 id={`${FORM}-heading`}>Reporter profile</h3>
      <div className="admin-fields">
        <InputField
          className="admin-field"
          formId={FORM}
          field="title"
          label="Title"
          error={error}
          value={title}
          required
          onChange={setTitle}
        />
        <div className="admin-field">
          <label>
            Registration body
            <select
              value={body}
              {...fieldProps(error, FORM, 'registrationBody')}
              onChange={(e) => {
                setBody(e.target.value as ReporterProfile['registrationBody']);
              }}
            >
              {BODIES.map((b) => (
                <option key={b} value={b}>
                  {b}
                </option>
              ))}
            </select>
          </label>
          <FieldError error={error} formId={FORM} field="registrationBody" />
        </div>
        <InputField
          className="admin-field"
          formId={FORM}
          field="registrationNumber"
          label="Registration number"
          error={error}
          value={number}
          required
          onChange={setNumber}
        />
      </div>
      <FormError error={error} fields={FIELDS} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Saving…' : 'Save reporter profile'}
      </button>
      {saved ? <p role="status">Reporter profile saved.</p> : null}
    </form>
  );
}
