import { useState, type ReactElement } from 'react';
import { ErrorAlert } from '../error-alert.tsx';
import { Pager } from '../lists/pager.tsx';
import type { SignedInUser } from '../session/signed-in-user.ts';
import { useApiData } from '../use-api-data.ts';
import { ReferralDetail } from './referral-detail.tsx';
import { RegisterReferralForm } from './register-referral-form.tsx';
import { REFERRAL_STATES, patientName, type Referral, type ReferralPage } from './referral-types.ts';
import { WaitingClock } from './waiting-clock.tsx';

const PAGE_SIZE = 20;
/** Service staff who register referrals that arrive on paper, by post, fax or email (ROS 4.3). */
const REGISTRARS: readonly string[] = ['operator', 'irmer_practitioner', 'service_manager', 'administrator'];

/**
 * The referrals inbox (ROS 4.3-4.4): new referrals oldest first, so the six-week clock is worked in order,
 * each with whether it meets the written criteria; open one to justify, return or cancel it.
 */
export function ReferralsScreen(props: { onSessionEnded: () => void }): ReactElement {
  const [state, setState] = useState<string>('received');
  const [offset, setOffset] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);
  const [changed, setChanged] = useState(0);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [registering, setRegistering] = useState(false);
  /** After registering, the inbox shows that patient's referrals, so the new one is seen wherever it falls. */
  const [patientFilter, setPatientFilter] = useState<{ id: string; name: string } | null>(null);
  const query = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(offset) });
  if (state !== '') query.set('state', state);
  if (patientFilter) query.set('patientId', patientFilter.id);
  const list = useApiData<ReferralPage>(
    `/api/referrals?${query.toString()}`,
    props.onSessionEnded,
    null,
    changed,
  );
  const page = list.data;
  const session = useApiData<SignedInUser>('/api/auth/session', props.onSessionEnded);
  const mayRegister = session.data?.roles.some((r) => REGISTRARS.includes(r.role)) ?? false;
  const open = page?.items.find((r) => r.id === openId) ?? null;
  const decided = (r: Referral): void => {
    const who = open ? patientName(open.patient) : 'The referral';
    setOutcome(`${who}: ${r.state}${r.authorisation ? ` (${r.authorisation.replaceAll('_', ' ')})` : ''}.`);
    setOpenId(null);
    setChanged((n) => n + 1);
  };
  const registered = (r: Referral, name: string): void => {
    // ROS 4.3: whether the referral meets the local written criteria decides who may authorise it.
    const criteria = r.criteriaMatch.meetsCriteria
      ? `meets the written criteria (${r.criteriaMatch.matched.map((m) => m.text).join('; ')})`
      : 'does not meet the written criteria: an IR(ME)R practitioner must justify it';
    setOutcome(`Registered the ${r.examination.toUpperCase()} referral for ${name}: it ${criteria}.`);
    setRegistering(false);
    setPatientFilter({ id: r.patientId, name });
    setState('received');
    setOffset(0);
    setOpenId(null);
    setChanged((n) => n + 1);
  };
  return (
    <section aria-labelledby="referrals-heading" className="referrals-screen">
      <h1 id="referrals-heading">Referrals inbox</h1>
      {registering ? (
        <RegisterReferralForm
          onRegistered={registered}
          onCancel={() => {
            setRegistering(false);
          }}
          onSessionEnded={props.onSessionEnded}
        />
      ) : mayRegister ? (
        <p className="register-referral-open">
          <button
            type="button"
            onClick={() => {
              setRegistering(true);
              setOutcome(null);
            }}
          >
            Register a referral
          </button>
        </p>
      ) : null}
      <label>
        State
        <select
          value={state}
          onChange={(e) => {
            setState(e.target.value);
            setOffset(0);
            setOpenId(null);
          }}
        >
          <option value="">All</option>
          {REFERRAL_STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <ErrorAlert message={list.error} />
      {outcome ? (
        <p role="status" className="outcome">
          {outcome}
        </p>
      ) : null}
      {page ? (
        <>
          <table className="referral-list">
            <caption>
              {`${String(page.total)} referral(s)${state ? ` ${state}` : ''}${patientFilter ? ` for ${patientFilter.name}` : ''}, oldest first (ROS 4.4: offer within six weeks)`}
            </caption>
            <thead>
              <tr>
                <th scope="col">Patient</th>
                <th scope="col">NHS number</th>
                <th scope="col">Referrer</th>
                <th scope="col">Exam</th>
                <th scope="col">Written criteria</th>
                <th scope="col">Six-week clock</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((r) => (
                <tr key={r.id} className={r.dm01Breach ? 'breach-row' : undefined}>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      aria-expanded={r.id === openId}
                      onClick={() => {
                        setOpenId(r.id === openId ? null : r.id);
                        setOutcome(null);
                      }}
                    >
                      {patientName(r.patient)}
                    </button>
                  </td>
                  <td className="nowrap">{r.patient.identifier}</td>
                  <td>{r.referrerName}</td>
                  <td>{r.examination.toUpperCase()}</td>
                  <td>
                    {r.criteriaMatch.meetsCriteria
                      ? `Met: ${r.criteriaMatch.matched.map((m) => m.text).join('; ')}`
                      : 'Not met: practitioner to justify'}
                  </td>
                  <td>
                    <WaitingClock
                      waitingDays={r.waitingDays}
                      offerBy={r.offerBy}
                      breach={r.dm01Breach}
                      waiting={r.state === 'received' || r.state === 'authorised'}
                    />
                  </td>
                  <td>{r.state}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {page.items.length === 0 ? <p>No referrals in this state.</p> : null}
          {patientFilter ? (
            <button
              type="button"
              onClick={() => {
                setPatientFilter(null);
                setOffset(0);
              }}
            >
              Show every patient’s referrals
            </button>
          ) : null}
          <Pager page={page} label="Referrals" onOffset={setOffset} />
        </>
      ) : null}
      {open ? (
        <ReferralDetail
          key={open.id}
          referral={open}
          onDecided={decided}
          onSessionEnded={props.onSessionEnded}
        />
      ) : null}
    </section>
  );
}
