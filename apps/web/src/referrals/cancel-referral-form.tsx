import { useState, type ReactElement, type SyntheticEvent } from 'react';
import { apiJson } from '../api.ts';
import { FieldError, FormError, fieldProps } from '../forms/field-error.tsx';
import { useApiAction } from '../forms/use-api-action.ts';
import type { Referral } from './referral-types.ts';

const FORM = 'cancel-referral';

/** Cancel the referral with the reason (the employer's procedures provide for it, ROS 4.3). */
export function CancelReferralForm(props: {
  referralId: string;
  onDone: (r: Referral) => void;
  onSessionEnded: () => void;
}): ReactElement {
  const [reason, setReason] = useState('');
  const action = useApiAction(props.onSessionEnded);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void action.run(async () => {
      props.onDone(
        await apiJson<Referral>(`/api/referrals/${props.referralId}/cancel`, {
          method: 'POST',
          body: { reason },
        }),
      );
    });
  };
  return (
    <form onSubmit={submit} className="referral-action" aria-labelledby={`${FORM}-heading`}>
      <h3 id={`${FORM}-heading`}>Cancel the referral</h3>
      <div className="field">
        <label>
          Reason for cancelling
          <textarea
            rows={2}
            cols={50}
            value={reason}
            {...fieldProps(action.error, FORM, 'reason')}
            onChange={(e) => {
              setReason(e.target.value);
            }}
          />
        </label>
        <FieldError error={action.error} formId={FORM} field="reason" />
      </div>
      <FormError error={action.error} fields={['reason']} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Cancelling…' : 'Cancel referral'}
      </button>
    </form>
  );
}
