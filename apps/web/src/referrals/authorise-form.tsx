import { useState, type ReactElement, type SyntheticEvent } from 'react';
import { apiJson } from '../api.ts';
import { FieldError, FormError, fieldProps } from '../forms/field-error.tsx';
import { useApiAction } from '../forms/use-api-action.ts';
import type { CriteriaMatch, Referral } from './referral-types.ts';

type Basis = 'practitioner_justified' | 'operator_under_written_criteria';
const FORM = 'authorise';

/**
 * Justify and authorise (ROS 4.4; IR(ME)R): the IR(ME)R practitioner justifies on the clinical information;
 * an operator may authorise under the practitioner's written criteria only when an indication meets them.
 */
export function AuthoriseForm(props: {
  referralId: string;
  criteriaMatch: CriteriaMatch;
  onDone: (r: Referral) => void;
  onSessionEnded: () => void;
}): ReactElement {
  const [basis, setBasis] = useState<Basis>('practitioner_justified');
  const [note, setNote] = useState('');
  const action = useApiAction(props.onSessionEnded);
  const criteriaMet = props.criteriaMatch.meetsCriteria;
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void action.run(async () => {
      const done = await apiJson<Referral>(`/api/referrals/${props.referralId}/authorise`, {
        method: 'POST',
        body: { basis, ...(note.trim() !== '' ? { note } : {}) },
      });
      props.onDone(done);
    });
  };
  return (
    <form onSubmit={submit} className="referral-action" aria-labelledby={`${FORM}-heading`}>
      <h3 id={`${FORM}-heading`}>Justify and authorise</h3>
      <fieldset {...fieldProps(action.error, FORM, 'basis')}>
        <legend>Basis</legend>
        <label className="choice">
          <input
            type="radio"
            name="basis"
            value="practitioner_justified"
            checked={basis === 'practitioner_justified'}
            onChange={() => {
              setBasis('practitioner_justified');
            }}
          />
          Justified by me as IR(ME)R practitioner, on the clinical information
        </label>
        <label className="choice">
          <input
            type="radio"
            name="basis"
            value="operator_under_written_criteria"
            checked={basis === 'operator_under_written_criteria'}
            disabled={!criteriaMet}
            aria-describedby={`${FORM}-criteria-note`}
            onChange={() => {
              setBasis('operator_under_written_criteria');
            }}
          />
          Authorised by me as operator under the written referral criteria
        </label>
        <p id={`${FORM}-criteria-note`} className="hint">
          {criteriaMet
            ? `Meets the written criteria: ${props.criteriaMatch.matched.map((m) => m.text).join('; ')}.`
            : 'No indication meets the written criteria, so only the IR(ME)R practitioner can justify it (ROS 4.4).'}
        </p>
        <FieldError error={action.error} formId={FORM} field="basis" />
      </fieldset>
      <div className="field">
        <label>
          Note (optional)
          <textarea
            rows={2}
            cols={50}
            value={note}
            {...fieldProps(action.error, FORM, 'note')}
            onChange={(e) => {
              setNote(e.target.value);
            }}
          />
        </label>
        <FieldError error={action.error} formId={FORM} field="note" />
      </div>
      <FormError error={action.error} fields={['basis', 'note']} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Authorising…' : 'Authorise'}
      </button>
    </form>
  );
}
