import { useState, type ReactElement, type SyntheticEvent } from 'react';
import { apiJson } from '../api.ts';
import { FieldError, fieldProps, FormError } from '../forms/field-error.tsx';
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
        <div className="admin-field">
          <label>
            Username
            <input
              value={username}
              autoComplete="off"
              required
              {...fieldProps(error, FORM, 'username')}
              onChange={(e) => {
                setUsername(e.target.value);
              }}
            />
          </label>
          <FieldError error={error} formId={FORM} field="username" />
        </div>
        <div className="admin-field">
          <label>
            Full name
            <input
              value={displayName}
              required
              {...fieldProps(error, FORM, 'displayName')}
              onChange={(e) => {
                setDisplayName(e.target.value);
              }}
            />
          </label>
          <FieldError error={error} formId={FORM} field="displayName" />
        </div>
        <div className="admin-field">
          <label>
            Password
            <input
              type="password"
              value={password}
              autoComplete="new-password"
              required
              {...fieldProps(error, FORM, 'password')}
              onChange={(e) => {
                setPassword(e.target.value);
              }}
            />
          </label>
          <FieldError error={error} formId={FORM} field="password" />
        </div>
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
          <div className="admin-field">
            <label>
              Valid from
              <input
                type="date"
                value={validFrom}
                required
                {...fieldProps(error, FORM, 'entitlements.0.validFrom')}
                onChange={(e) => {
                  setValidFrom(e.target.value);
                }}
              />
            </label>
            <FieldError error={error} formId={FORM} field="entitlements.0.validFrom" />
          </div>
          <div className="admin-field">
            <label>
              Expires after (blank: no expiry)
              <input
                type="date"
                value={validUntil}
                {...fieldProps(error, FORM, 'entitlements.0.validUntil')}
                onChange={(e) => {
                  setValidUntil(e.target.value);
                }}
              />
            </label>
            <FieldError error={error} formId={FORM} field="entitlements.0.validUntil" />
          </div>
        </div>
      </fieldset>
      <FormError error={error} fields={FIELDS} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Saving…' : 'Add user'}
      </button>
    </form>
  );
}
