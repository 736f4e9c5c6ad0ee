import { useState, type ReactElement, type SyntheticEvent } from 'react';
import { apiJson } from '../api.ts';
import { FieldError, fieldProps, FormError } from '../forms/field-error.tsx';
import { InputField } from '../forms/input-field.tsx';
import { useApiAction } from '../forms/use-api-action.ts';
import { ROLE_NAMES, ROLES, type Role } from './admin-types.ts';

const FORM = 'add-user';
const FIELDS = [
  'username',
  'displayName',
  'password',
  'entitlements.0.role',
  'entitlements.0.validFrom',
  'entitlements.0.validUntil',
] as const;

/**
 * An administrator adds a user with their first entitlement, from a date and until a date (blank: no
 * end). The API judges the username and password; its refusal is shown beside the field it names.
 */
export function AddUserForm(props: {
  today: string;
  onAdded: (user: { id: string; username: string }) => void;
  onSessionEnded: () => void;
}): ReactElement {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [validFrom, setValidFrom] = useState(props.today);
  const [validUntil, setValidUntil] = useState('');
  const action = useApiAction(props.onSessionEnded);
  const { error } = action;

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void action
      .run(async () => {
        const added = await apiJson<{ id: string; username: string }>('/api/users', {
          method: 'POST',
          body: {
            username,
            displayName,
            password,
            entitlements: [
              { role, scope: '*', validFrom, validUntil: validUntil === '' ? null : validUntil },
            ],
          },
        });
        props.onAdded(added);
      })
      .then((done) => {
        if (!done) return;
        setUsername('');
        setDisplayName('');
        setPassword('');
        setValidUntil('');
      });
  };

  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby={`${FORM}-heading`}>
      <h2 id={`${FORM}-heading`}>Add a user</h2>
      <div className="admin-fields">
        <InputField
          className="admin-field"
          formId={FORM}
          field="username"
          label="Username"
          error={error}
          value={username}
          autoComplete="off"
          required
          onChange={setUsername}
        />
        <InputField
          className="admin-field"
          formId={FORM}
          field="displayName"
          label="Full name"
          error={error}
          value={displayName}
          required
          onChange={setDisplayName}
        />
        <InputField
          className="admin-field"
          formId={FORM}
          field="password"
          label="Password"
          error={error}
          type="password"
          value={password}
          autoComplete="new-password"
          required
          onChange={setPassword}
        />
      </div>
      <fieldset>
        <legend>Entitlement</legend>
        <div className="admin-fields">
          <div className="admin-field">
            <label>
              Role
              <select
                value={role}
                {...fieldProps(error, FORM, 'entitlements.0.role')}
                onChange={(e) => {
                  setRole(e.target.value as Role);
                }}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_NAMES[r]}
                  </option>
                ))}
              </select>
            </label>
            <FieldError error={error} formId={FORM} field="entitlements.0.role" />
          </div>
          <InputField
            className="admin-field"
            formId={FORM}
            field="entitlements.0.validFrom"
            label="Valid from"
            error={error}
            type="date"
            value={validFrom}
            required
            onChange={setValidFrom}
          />
          <InputField
            className="admin-field"
            formId={FORM}
            field="entitlements.0.validUntil"
            label="Expires after (blank: no expiry)"
            error={error}
            type="date"
            value={validUntil}
            onChange={setValidUntil}
          />
        </div>
      </fieldset>
      <FormError error={error} fields={FIELDS} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Saving…' : 'Add user'}
      </button>
    </form>
  );
}
