import type { ReactElement } from 'react';
import { ErrorAlert } from '../error-alert.tsx';
import { shortDateTime } from '../booking/london-time.ts';
import { useApiData } from '../use-api-data.ts';

interface ReferralWithHistory {
  history: { seq: number; at: string; fromState: string | null; toState: string; reason: string | null }[];
}

/** Every change of the referral's state, oldest first, as GET /api/referrals/:id keeps them (ROS 4.3-4.4). */
export function ReferralHistory(props: { referralId: string; onSessionEnded: () => void }): ReactElement {
  const load = useApiData<ReferralWithHistory>(`/api/referrals/${props.referralId}`, props.onSessionEnded);
  return (
    <>
      <h3>History</h3>
      <ErrorAlert message={load.error} />
      <ol className="referral-history">
        {(load.data?.history ?? []).map((e) => (
          <li key={e.seq}>
            {shortDateTime(e.at)}: {e.fromState === null ? e.toState : `${e.fromState} → ${e.toState}`}
            {e.reason ? ` (${e.reason})` : ''}
          </li>
        ))}
      </ol>
    </>
  );
}
