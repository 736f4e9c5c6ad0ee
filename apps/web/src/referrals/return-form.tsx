import { useState, type ReactElement, type SyntheticEvent } from 'react';
import { apiJson } from '../api.ts';
import { FieldError, FormError, fieldProps } from '../forms/field-error.tsx';
import { useApiAction } from '../forms/use-api-action.ts';
import { RETURN_REASONS, type Referral, type ReturnReason } from './referral-types.ts';

const FORM = 'return';

/** Return to the referrer: inadequate information, inappropriate indication or unsigned (ROS 4.3). */
export function ReturnForm(props: {
  referralId: string;
  signedByReferrer: boolean;
  onDone: (r: Referral) => void;
  onSessionEnded: () => void;
}): ReactElement {
  const [reason, setReason] = useState<ReturnReason>(
    props.signedByReferrer ? 'inadequate_information' : 'unsigned',
  );
  const [note, setNote] = useState('');
  const action = useApiAction(props.onSessionEnded);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void action.run(async () => {
      props.onDone(
        await apiJson<Referral>(`/api/referrals/${props.referralId}/return`, {
          method: 'POST',
          body: { reason, note },
        }),
      );
    });
  };
  return (
    <form onSubmit={submit} className="referral-action" aria-labelledby={`${FORM}-heading`}>
      <h3 id={`${FORM}-heading`}>Return to the referrer</h3>
      <div className="field">
        <label>
          Reason
          <select
            value={reason}
            {...fieldProps(action.error, FORM, 'reason')}
            onChange={(e) => {
              setReason(e.target.value as ReturnReason);
            }}
          >
            {RETURN_REASONS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <FieldError error={action.error} formId={FORM} field="reason" />
      </div>
      <div className="field">
        <label>
          What the referrer must add or change
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
      <FormError error={action.error} fields={['reason', 'note']} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Returning…' : 'Return to referrer'}
      </button>
    </form>
  );
}
