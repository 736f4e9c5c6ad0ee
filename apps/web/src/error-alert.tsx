import type { ReactElement } from 'react';

/** What went wrong, announced to screen readers (role="alert"); nothing when all is well. */
export function ErrorAlert(props: { message: string | null | undefined; id?: string }): ReactElement | null {
  if (props.message === null || props.message === undefined) return null;
  return (
    <p role="alert" className="error" {...(props.id !== undefined ? { id: props.id } : {})}>
      {props.message}
    </p>
  );
}
