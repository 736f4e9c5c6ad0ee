import { useState, type ReactElement, type SyntheticEvent } from 'react';
import { apiJson } from '../api.ts';
import { FieldError, fieldProps, FormError } from '../forms/field-error.tsx';
import { InputField } from '../forms/input-field.tsx';
import { useApiAction } from '../forms/use-api-action.ts';

const FORM = 'add-scanner';
const TEXT_FIELDS = [
  ['id', 'Scanner id (e.g. DXA-2)', true],
  ['manufacturer', 'Manufacturer', true],
  ['model', 'Model', true],
  ['softwareVersion', 'Software version', false],
  ['serialNumber', 'Serial number', false],
  ['location', 'Location', true],
] as const;
type TextField = (typeof TEXT_FIELDS)[number][0];
const EMPTY: Record<TextField, string> = {
  id: '',
  manufacturer: '',
  model: '',
  softwareVersion: '',
  serialNumber: '',
  location: '',
};
const FIELDS = [...TEXT_FIELDS.map((f) => f[0]), 'modality', 'installedOn'] as const;

/** A medical physics expert or administrator adds a scanner; it is then commissioned before use. */
export function AddScannerForm(props: {
  onAdded: (id: string) => void;
  onSessionEnded: () => void;
}): ReactElement {
  const [text, setText] = useState<Record<TextField, string>>(EMPTY);
  const [modality, setModality] = useState<'dxa' | 'ct'>('dxa');
  const [installedOn, setInstalledOn] = useState('');
  const action = useApiAction(props.onSessionEnded);
  const { error } = action;
  const orNull = (v: string): string | null => (v.trim() === '' ? null : v);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void action
      .run(async () => {
        await apiJson('/api/scanners', {
          method: 'POST',
          body: {
            id: text.id,
            modality,
            manufacturer: text.manufacturer,
            model: text.model,
            softwareVersion: orNull(text.softwareVersion),
            serialNumber: orNull(text.serialNumber),
            location: text.location,
            installedOn: orNull(installedOn),
          },
        });
      })
      .then((done) => {
        if (!done) return;
        props.onAdded(text.id);
        setText(EMPTY);
        setInstalledOn('');
      });
  };
  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby={`${FORM}-heading`}>
      <h2 id={`${FORM}-heading`}>Add a scanner</h2>
      <div className="admin-fields">
        {TEXT_FIELDS.map(([field, label, required]) => (
          <div className="admin-field">
            <label key={field}>
              {label}
              <input
                value={text[field]}
                required={required}
                {...fieldProps(error, FORM, field)}
                onChange={(e) => {
                  setText((t) => ({ ...t, [field]: e.target.value }));
                }}
              />
            </label>
            <FieldError error={error} formId={FORM} field={field} />
          </div>
        ))}
        <div className="admin-field">
          <label>
            Modality
            <select
              value={modality}
              {...fieldProps(error, FORM, 'modality')}
              onChange={(e) => {
                setModality(e.target.value === 'ct' ? 'ct' : 'dxa');
              }}
            >
              <option value="dxa">DXA</option>
              <option value="ct">CT (QCT)</option>
            </select>
          </label>
          <FieldError error={error} formId={FORM} field="modality" />
        </div>
        <InputField
          className="admin-field"
          formId={FORM}
          field="installedOn"
          label="Installed on"
          error={error}
          type="date"
          value={installedOn}
          onChange={setInstalledOn}
        />
      </div>
      <FormError error={error} fields={FIELDS} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Saving…' : 'Add scanner'}
      </button>
    </form>
  );
}
