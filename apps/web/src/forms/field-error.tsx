import type { ReactElement } from 'react';
import type { ApiError } from '../api.ts';

/**
 * The API names the field at fault by its path in the request body (`identification.nhsNumber`); a form
 * names each input the same way. The id ties the message to its input for screen readers.
 */
function errorId(formId: string, field: string): string {
  return `${formId}-${field.replaceAll('.', '-')}-error`;
}

/** Whether the refusal is about this field (or a part of it: `heightCm` covers `heightCm.value`). */
function isAbout(error: ApiError | null, field: string): boolean {
  return (
    error?.field !== null &&
    error?.field !== undefined &&
    (error.field === field || error.field.startsWith(`${field}.`))
  );
}

/** Props for an input: invalid and described by its message while the refusal is about it. */
export function fieldProps(
  error: ApiError | null,
  formId: string,
  field: string,
): { 'aria-invalid': boolean; 'aria-describedby'?: string } {
  return isAbout(error, field)
    ? { 'aria-invalid': true, 'aria-describedby': errorId(formId, field) }
    : { 'aria-invalid': false };
}

/** The refusal's message, shown beside its field (and nowhere else). */
export function FieldError(props: {
  error: ApiError | null;
  formId: string;
  field: string;
}): ReactElement | null {
  if (!isAbout(props.error, props.field)) return null;
  return (
    <span className="field-error" id={errorId(props.formId, props.field)} role="alert">
      {props.error?.message}
    </span>
  );
}

/** The refusal's message when no field of the form shows it (no field named, or one the form lacks). */
export function FormError(props: { error: ApiError | null; fields: readonly string[] }): ReactElement | null {
  const error = props.error;
  if (error === null || props.fields.some((f) => isAbout(error, f))) return null;
  return (
    <p role="alert" className="error">
      {error.message}
    </p>
  );
}
