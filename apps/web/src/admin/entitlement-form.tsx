import { useState, type ReactElement, type SyntheticEvent } from 'react';
import { apiJson } from '../api.ts';
import { FieldError, fieldProps, FormError } from '../forms/field-error.tsx';
import { InputField } from '../forms/input-field.tsx';
import { useApiAction } from '../forms/use-api-action.ts';
import { ROLE_NAMES, ROLES, type Role } from './admin-types.ts';

const FORM = 'add-entitlement';
const FIELDS = ['role', 'scope', 'validFrom', 'validUntil', 'note'] as const;

/**
 * Gives a user an entitlement (ROS 4.1: duty holders entitled for defined tasks) from a date, until a
 * date or with no expiry; an expiry before the start is the API's to refuse, beside the expiry.
 */
export function EntitlementForm(props: {
  userId: string;
  today: string;
  onAdded: () => void;
  onSessionEnded: () => void;
}): ReactElement {
  const [role, setRole] = useState<Role>('operator');
  const [scope, setScope] = useState('*');
  const [validFrom, setValidFrom] = useState(props.today);
  const [validUntil, setValidUntil] = useState('');
  const [note, setNote] = useState('');
  const action = useApiAction(props.onSessionEnded);
  const { error } = action;

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void action
      .run(async () => {
        await apiJson(`/api/users/${encodeURIComponent(props.userId)}/entitlements`, {
          method: 'POST',
          body: {
            role,
            scope,
            validFrom,
            validUntil: validUntil === '' ? null : validUntil,
            note: note.trim() === '' ? null : note,
          },
        });
      })
      .then((done) => {
        if (!done) return;
        setValidUntil('');
        setNote('');
        props.onAdded();
      });
  };

  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby={`${FORM}-heading`}>
      <h3 id={`${FORM}-heading`}>Give an entitlement</h3>
      <div className="admin-fields">
        <div className="admin-field">
          <label>
            Role
            <select
              value={role}
              {...fieldProps(error, FORM, 'role')}
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
          <FieldError error={error} formId={FORM} field="role" />
        </div>
        <InputField
          className="admin-field"
          formId={FORM}
          field="scope"
          label="Scope (* for all)"
          error={error}
          value={scope}
          required
          onChange={setScope}
        />
        <InputField
          className="admin-field"
          formId={FORM}
          field="validFrom"
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
          field="validUntil"
          label="Expires after (blank: no expiry)"
          error={error}
          type="date"
          value={validUntil}
          onChange={setValidUntil}
        />
        <InputField
          className="admin-field"
          formId={FORM}
          field="note"
          label="Note"
          error={error}
          value={note}
          onChange={setNote}
        />
      </div>
      <FormError error={error} fields={FIELDS} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Saving…' : 'Give entitlement'}
      </button>
    </form>
  );
}
