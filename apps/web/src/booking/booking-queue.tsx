import type { ReactElement } from 'react';
import { Pager } from '../lists/pager.tsx';
import { patientName, type ReferralPage } from '../referrals/referral-types.ts';
import { WaitingClock } from '../referrals/waiting-clock.tsx';

/** Authorised referrals with no appointment yet, oldest first, each with its six-week clock (ROS 4.4; DM01). */
export function BookingQueue(props: {
  page: ReferralPage;
  chosenId: string | null;
  onChoose: (id: string) => void;
  onOffset: (offset: number) => void;
}): ReactElement {
  const breaches = props.page.items.filter((r) => r.dm01Breach).length;
  return (
    <section aria-labelledby="booking-queue-heading" className="booking-queue">
      <h2 id="booking-queue-heading">Waiting to be booked ({props.page.total})</h2>
      {breaches > 0 ? (
        <p className="error">
          {breaches === 1
            ? '1 on this page has waited six weeks or more: a DM01 breach (ROS 4.4).'
            : `${String(breaches)} on this page have waited six weeks or more: DM01 breaches (ROS 4.4).`}
        </p>
      ) : null}
      {props.page.items.length === 0 ? <p>No authorised referral is waiting to be booked.</p> : null}
      <ul className="queue-list">
        {props.page.items.map((r) => (
          <li key={r.id} className={r.dm01Breach ? 'breach-row' : undefined}>
            <button
              type="button"
              aria-pressed={r.id === props.chosenId}
              onClick={() => {
                props.onChoose(r.id);
              }}
            >
              {patientName(r.patient)} · {r.examination.toUpperCase()}
            </button>{' '}
            <span className="hint">NHS {r.patient.identifier}</span>
            <br />
            <WaitingClock waitingDays={r.waitingDays} offerBy={r.offerBy} breach={r.dm01Breach} waiting />
          </li>
        ))}
      </ul>
      <Pager page={props.page} label="Waiting to be booked" onOffset={props.onOffset} />
    </section>
  );
}
