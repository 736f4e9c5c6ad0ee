import { useState, type ReactElement, type SyntheticEvent } from 'react';
import { apiJson } from '../api.ts';
import { FieldError, fieldProps, FormError } from '../forms/field-error.tsx';
import { useApiAction } from '../forms/use-api-action.ts';
import type { AuditFinding } from './audit-types.ts';

const FORM_ID = 'audit-action';
const FIELDS = ['description', 'owner', 'dueOn', 'findingId'] as const;

/** An action with its owner and due date, optionally answering one finding (ROS 9.2). */
export function ActionForm(props: {
  auditId: string;
  findings: readonly AuditFinding[];
  onAdded: () => void;
  onSessionEnded: () => void;
}): ReactElement {
  const [description, setDescription] = useState('');
  const [owner, setOwner] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [findingId, setFindingId] = useState('');
  const action = useApiAction(props.onSessionEnded);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void action
      .run(async () => {
        await apiJson(`/api/audits/${encodeURIComponent(props.auditId)}/actions`, {
          method: 'POST',
          body: { description, owner, dueOn, ...(findingId === '' ? {} : { findingId }) },
        });
      })
      .then((done) => {
        if (!done) return;
        setDescription('');
        setOwner('');
        setDueOn('');
        setFindingId('');
        props.onAdded();
      });
  };
  return (
    <form onSubmit={submit} aria-labelledby={`${FORM_ID}-heading`}>
      <h3 id={`${FORM_ID}-heading`}>Add an action</h3>
      <label>
        Action
        <textarea
          rows={2}
          required
          maxLength={2000}
          value={description}
          {...fieldProps(action.error, FORM_ID, 'description')}
          onChange={(e) => {
            setDescription(e.target.value);
          }}
        />
      </label>
      <FieldError error={action.error} formId={FORM_ID} field="description" />
      <label>
        Owner (a named person or post)
        <input
          required
          maxLength={200}
          value={owner}
          {...fieldProps(action.error, FORM_ID, 'owner')}
          onChange={(e) => {
            setOwner(e.target.value);
          }}
        />
      </label>
      <FieldError error={action.error} formId={FORM_ID} field="owner" />
      <label>
        Due on
        <input
          type="date"
          required
          value={dueOn}
          {...fieldProps(action.error, FORM_ID, 'dueOn')}
          onChange={(e) => {
            setDueOn(e.target.value);
          }}
        />
      </label>
      <FieldError error={action.error} formId={FORM_ID} field="dueOn" />
      {props.findings.length > 0 ? (
        <label>
          Answers the finding
          <select
            value={findingId}
            {...fieldProps(action.error, FORM_ID, 'findingId')}
            onChange={(e) => {
              setFindingId(e.target.value);
            }}
          >
            <option value="">none in particular</option>
            {props.findings.map((f) => (
              <option key={f.id} value={f.id}>{`${f.severity}: ${f.description.slice(0, 60)}`}</option>
            ))}
          </select>
        </label>
      ) : null}
      <FieldError error={action.error} formId={FORM_ID} field="findingId" />
      <FormError error={action.error} fields={FIELDS} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Saving…' : 'Add the action'}
      </button>
    </form>
  );
}

/** Closes an action with what was done. */
export function CloseActionForm(props: {
  auditId: string;
  actionId: string;
  onClosed: () => void;
  onSessionEnded: () => void;
}): ReactElement {
  const formId = `close-action-${props.actionId}`;
  const [whatWasDone, setWhatWasDone] = useState('');
  const action = useApiAction(props.onSessionEnded);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void action
      .run(async () => {
        await apiJson(
          `/api/audits/${encodeURIComponent(props.auditId)}/actions/${encodeURIComponent(props.actionId)}/close`,
          { method: 'POST', body: { whatWasDone } },
        );
      })
      .then((done) => {
        if (done) props.onClosed();
      });
  };
  return (
    <form onSubmit={submit} className="inline-form">
      <label>
        What was done
        <textarea
          rows={2}
          required
          maxLength={4000}
          value={whatWasDone}
          {...fieldProps(action.error, formId, 'whatWasDone')}
          onChange={(e) => {
            setWhatWasDone(e.target.value);
          }}
        />
      </label>
      <FieldError error={action.error} formId={formId} field="whatWasDone" />
      <FormError error={action.error} fields={['whatWasDone']} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Closing…' : 'Close the action'}
      </button>
    </form>
  );
}
