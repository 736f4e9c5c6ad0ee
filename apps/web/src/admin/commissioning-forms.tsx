import { useState, type ReactElement, type SyntheticEvent } from 'react';
import { apiJson } from '../api.ts';
import { FieldError, fieldProps, FormError } from '../forms/field-error.tsx';
import { InputField } from '../forms/input-field.tsx';
import { useApiAction } from '../forms/use-api-action.ts';
import type { CommissioningItemState } from './admin-types.ts';

// The physicist's and service manager's commissioning steps (ROS Appendix 3): start, record an item,
// release for clinical use. The API decides who may and what each item needs.

function scannerPath(scannerId: string): string {
  return `/api/scanners/${encodeURIComponent(scannerId)}/commissioning`;
}

export function StartCommissioningForm(props: {
  scannerId: string;
  onStarted: () => void;
  onSessionEnded: () => void;
}): ReactElement {
  const FORM = 'start-commissioning';
  const [replaces, setReplaces] = useState('');
  const action = useApiAction(props.onSessionEnded);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void action
      .run(async () => {
        await apiJson(scannerPath(props.scannerId), {
          method: 'POST',
          body: { replacesScannerId: replaces.trim() === '' ? null : replaces.trim() },
        });
      })
      .then((done) => {
        if (done) props.onStarted();
      });
  };
  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby={`${FORM}-heading`}>
      <h3 id={`${FORM}-heading`}>Start commissioning</h3>
      <p>From the start until a physicist releases it, no patient is scanned on {props.scannerId}.</p>
      <div className="admin-field">
        <label>
          Replaces scanner (blank: none)
          <input
            value={replaces}
            {...fieldProps(action.error, FORM, 'replacesScannerId')}
            onChange={(e) => {
              setReplaces(e.target.value);
            }}
          />
        </label>
        <FieldError error={action.error} formId={FORM} field="replacesScannerId" />
      </div>
      <FormError error={action.error} fields={['replacesScannerId']} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Saving…' : 'Start commissioning'}
      </button>
    </form>
  );
}

export function CheckItemForm(props: {
  scannerId: string;
  item: CommissioningItemState;
  onRecorded: () => void;
  onSessionEnded: () => void;
}): ReactElement {
  const FORM = 'commissioning-item';
  const { item } = props;
  const [outcome, setOutcome] = useState<'done' | 'not_applicable'>(
    item.status === 'not_applicable' ? 'not_applicable' : 'done',
  );
  const [note, setNote] = useState(item.detail ?? '');
  const [evidence, setEvidence] = useState(item.evidence ?? '');
  const action = useApiAction(props.onSessionEnded);
  const { error } = action;
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void action
      .run(async () => {
        await apiJson(`${scannerPath(props.scannerId)}/items/${encodeURIComponent(item.code)}`, {
          method: 'PUT',
          body: {
            outcome,
            note: note.trim() === '' ? null : note,
            evidence: evidence.trim() === '' ? null : evidence,
          },
        });
      })
      .then((done) => {
        if (done) props.onRecorded();
      });
  };
  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby={`${FORM}-heading`}>
      <h3 id={`${FORM}-heading`}>{`Record: ${item.text}`}</h3>
      <div className="admin-fields">
        <div className="admin-field">
          <label>
            Outcome
            <select
              value={outcome}
              {...fieldProps(error, FORM, 'outcome')}
              onChange={(e) => {
                setOutcome(e.target.value === 'not_applicable' ? 'not_applicable' : 'done');
              }}
            >
              <option value="done">Done</option>
              <option value="not_applicable">Not applicable</option>
            </select>
          </label>
          <FieldError error={error} formId={FORM} field="outcome" />
        </div>
        <InputField
          className="admin-field"
          formId={FORM}
          field="note"
          label={outcome === 'not_applicable' ? 'Why it does not apply' : 'Note'}
          error={error}
          value={note}
          onChange={setNote}
        />
        <div className="admin-field">
          <label>
            {item.evidenceRequired === true
              ? 'Evidence (report reference, required)'
              : 'Evidence (report reference)'}
            <input
              value={evidence}
              {...fieldProps(error, FORM, 'evidence')}
              onChange={(e) => {
                setEvidence(e.target.value);
              }}
            />
          </label>
          <FieldError error={error} formId={FORM} field="evidence" />
        </div>
      </div>
      <FormError error={error} fields={['outcome', 'note', 'evidence']} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Saving…' : 'Record item'}
      </button>
    </form>
  );
}

export function ReleaseForm(props: {
  scannerId: string;
  ready: boolean;
  onReleased: () => void;
  onSessionEnded: () => void;
}): ReactElement {
  const FORM = 'release-scanner';
  const [note, setNote] = useState('');
  const action = useApiAction(props.onSessionEnded);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void action
      .run(async () => {
        await apiJson(`${scannerPath(props.scannerId)}/release`, {
          method: 'POST',
          body: { note: note.trim() === '' ? null : note },
        });
      })
      .then((done) => {
        if (done) props.onReleased();
      });
  };
  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby={`${FORM}-heading`}>
      <h3 id={`${FORM}-heading`}>Release for clinical use (medical physics expert)</h3>
      {props.ready ? null : <p>Every item must be done or not applicable first.</p>}
      <div className="admin-field">
        <label>
          Release note
          <input
            value={note}
            {...fieldProps(action.error, FORM, 'note')}
            onChange={(e) => {
              setNote(e.target.value);
            }}
          />
        </label>
        <FieldError error={action.error} formId={FORM} field="note" />
      </div>
      <FormError error={action.error} fields={['note']} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Saving…' : 'Release scanner'}
      </button>
    </form>
  );
}
