import { useState, type ReactElement, type SyntheticEvent } from 'react';
import { apiJson } from '../api.ts';
import { FieldError, fieldProps, FormError } from '../forms/field-error.tsx';
import { useApiAction } from '../forms/use-api-action.ts';

const FORM_ID = 'daily-qc';
const FIELDS = ['passed', 'note'] as const;

/**
 * The day's QC on a scanner (ROS 5.1): passed, or failed with what failed and what was done. No patient is
 * scanned on it until the day's QC has passed; the latest entry of the day decides.
 */
export function DailyQcForm(props: {
  scannerId: string;
  onRecorded: () => void;
  onSessionEnded: () => void;
}): ReactElement {
  const [result, setResult] = useState<'passed' | 'failed' | ''>('');
  const [note, setNote] = useState('');
  const [recorded, setRecorded] = useState<string | null>(null);
  const action = useApiAction(props.onSessionEnded);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    setRecorded(null);
    void action
      .run(async () => {
        await apiJson(`/api/scanners/${encodeURIComponent(props.scannerId)}/daily-qc`, {
          method: 'POST',
          body: { passed: result === 'passed', note: note.trim() === '' ? null : note },
        });
      })
      .then((done) => {
        if (!done) return;
        setRecorded(
          result === 'passed'
            ? `Daily QC on ${props.scannerId} recorded as passed: patients can be scanned on it today.`
            : `Daily QC on ${props.scannerId} recorded as failed: no patient is scanned on it until it passes.`,
        );
        setResult('');
        setNote('');
        props.onRecorded();
      });
  };
  return (
    <form onSubmit={submit} className="daily-qc" aria-labelledby={`${FORM_ID}-heading`}>
      <h2 id={`${FORM_ID}-heading`}>{`Record today's QC on ${props.scannerId}`}</h2>
      <fieldset {...fieldProps(action.error, FORM_ID, 'passed')}>
        <legend>Result</legend>
        <label>
          <input
            type="radio"
            name="daily-qc-result"
            value="passed"
            required
            checked={result === 'passed'}
            onChange={() => {
              setResult('passed');
            }}
          />
          Passed
        </label>
        <label>
          <input
            type="radio"
            name="daily-qc-result"
            value="failed"
            checked={result === 'failed'}
            onChange={() => {
              setResult('failed');
            }}
          />
          Failed
        </label>
        <FieldError error={action.error} formId={FORM_ID} field="passed" />
      </fieldset>
      <label>
        {result === 'failed' ? 'Note: what failed and what was done (required)' : 'Note'}
        <textarea
          rows={2}
          maxLength={2000}
          value={note}
          {...fieldProps(action.error, FORM_ID, 'note')}
          onChange={(e) => {
            setNote(e.target.value);
          }}
        />
      </label>
      <FieldError error={action.error} formId={FORM_ID} field="note" />
      <FormError error={action.error} fields={FIELDS} />
      <button type="submit" disabled={action.busy || result === ''}>
        {action.busy ? 'Saving…' : 'Record daily QC'}
      </button>
      {recorded ? <p aria-live="polite">{recorded}</p> : null}
    </form>
  );
}
