import type { InputHTMLAttributes, ReactElement, ReactNode, SelectHTMLAttributes } from 'react';
import type { ApiError } from '../api.ts';
import { FieldError, fieldProps } from './field-error.tsx';

/** What every field of a form shares: its label, the request body path it fills, and the refusal. */
interface FieldFrame {
  /** The form's id, which the error message's id is built from. */
  formId: string;
  /** The request body path the API names when it refuses this field (`entitlements.0.validUntil`). */
  field: string;
  label: ReactNode;
  error: ApiError | null;
  /** The wrapper's class (each screen lays its fields out its own way). */
  className?: string;
  value: string;
  onChange: (value: string) => void;
}

/** A labelled input with the API's refusal shown beside it and tied to it for screen readers. */
export function InputField(
  props: FieldFrame & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'className'>,
): ReactElement {
  const { formId, field, label, error, className = 'form-field', value, onChange, ...input } = props;
  return (
    <div className={className}>
      <label>
        {label}
        <input
          {...input}
          value={value}
          {...fieldProps(error, formId, field)}
          onChange={(e) => {
            onChange(e.target.value);
          }}
        />
      </label>
      <FieldError error={error} formId={formId} field={field} />
    </div>
  );
}

/** A labelled choice from a list, with the API's refusal beside it. */
export function SelectField(
  props: FieldFrame & {
    options: readonly { value: string; label: string }[];
  } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'className'>,
): ReactElement {
  const {
    formId,
    field,
    label,
    error,
    className = 'form-field',
    value,
    onChange,
    options,
    ...select
  } = props;
  return (
    <div className={className}>
      <label>
        {label}
        <select
          {...select}
          value={value}
          {...fieldProps(error, formId, field)}
          onChange={(e) => {
            onChange(e.target.value);
          }}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <FieldError error={error} formId={formId} field={field} />
    </div>
  );
}
