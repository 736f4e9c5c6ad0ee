import { useEffect, useRef, type ReactElement } from 'react';
import { shortDateTime } from '../booking/london-time.ts';
import { AuthoriseForm } from './authorise-form.tsx';
import { CancelReferralForm } from './cancel-referral-form.tsx';
import { ReferralHistory } from './referral-history.tsx';
import { ReturnForm } from './return-form.tsx';
import { patientName, type Referral, type ReferralListEntry } from './referral-types.ts';
import { WaitingClock } from './waiting-clock.tsx';

/** One referral: the clinical question, the written-criteria match, the clock, and what may be done. */
export function ReferralDetail(props: {
  referral: ReferralListEntry;
  onDecided: (r: Referral) => void;
  onSessionEnded: () => void;
}): ReactElement {
  const r = props.referral;
  const waiting = r.state === 'received' || r.state === 'authorised';
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened from the list: the keyboard moves to the referral, where its actions are.
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section className="referral-detail" aria-labelledby="referral-detail-heading">
      <h2 id="referral-detail-heading" tabIndex={-1} ref={heading}>
        {patientName(r.patient)} — NHS {r.patient.identifier}
      </h2>
      <dl className="facts">
        <dt>Born</dt>
        <dd>{r.patient.birthDate}</dd>
        <dt>Referrer</dt>
        <dd>{r.referrerName}</dd>
        <dt>Examination</dt>
        <dd>{r.examination.toUpperCase()}</dd>
        <dt>Received</dt>
        <dd>
          {r.receivedAt.slice(0, 10)} ({r.method.replaceAll('_', ' ')}
          {r.signedByReferrer ? ', signed' : ', NOT signed'})
        </dd>
        <dt>Six-week clock</dt>
        <dd>
          <WaitingClock
            waitingDays={r.waitingDays}
            offerBy={r.offerBy}
            breach={r.dm01Breach}
            waiting={waiting}
          />
        </dd>
        <dt>State</dt>
        <dd>
          {r.state}
          {r.authorisation ? ` (${r.authorisation.replaceAll('_', ' ')})` : ''}
          {r.decisionReason ? `: ${r.decisionReason}` : ''}
        </dd>
      </dl>
      <h3>Clinical information</h3>
      <p className="clinical">{r.clinicalInformation}</p>
      <h3>Written referral criteria ({r.criteriaMatch.criteriaVersion})</h3>
      <p className={r.criteriaMatch.meetsCriteria ? 'criteria-met' : 'criteria-unmet'}>
        {r.criteriaMatch.meetsCriteria
          ? 'Meets the written criteria: an operator may authorise.'
          : 'Does not meet the written criteria: the IR(ME)R practitioner justifies.'}
      </p>
      <ul className="criteria">
        {r.criteriaMatch.matched.map((m) => (
          <li key={m.id}>
            <span aria-hidden="true">✓ </span>Met: {m.text} <small>({m.source})</small>
          </li>
        ))}
        {r.criteriaMatch.unmatched.map((u) => (
          <li key={u.id}>
            <span aria-hidden="true">✗ </span>Not met: {u.id.replaceAll('_', ' ')} — {u.reason}
          </li>
        ))}
        {r.indications.length === 0 ? <li>No indication given by the referrer.</li> : null}
      </ul>
      <ReferralHistory referralId={r.id} onSessionEnded={props.onSessionEnded} />
      {r.state === 'received' ? (
        <div className="referral-actions">
          <AuthoriseForm
            referralId={r.id}
            criteriaMatch={r.criteriaMatch}
            onDone={props.onDecided}
            onSessionEnded={props.onSessionEnded}
          />
          <ReturnForm
            referralId={r.id}
            signedByReferrer={r.signedByReferrer}
            onDone={props.onDecided}
            onSessionEnded={props.onSessionEnded}
          />
          <CancelReferralForm
            referralId={r.id}
            onDone={props.onDecided}
            onSessionEnded={props.onSessionEnded}
          />
        </div>
      ) : r.state === 'authorised' ? (
        <div className="referral-actions">
          <p>
            {r.bookedFor ? `Booked for ${shortDateTime(r.bookedFor)} (UK time). ` : 'Waiting to be booked. '}
            <a href="#/booking">Go to booking</a>
          </p>
          <CancelReferralForm
            referralId={r.id}
            onDone={props.onDecided}
            onSessionEnded={props.onSessionEnded}
          />
        </div>
      ) : null}
    </section>
  );
}
