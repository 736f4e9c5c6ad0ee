import { useState, type ReactElement } from 'react';
import { ErrorAlert } from '../error-alert.tsx';
import { useApiData } from '../use-api-data.ts';
import { ROLE_NAMES, type StaffTrainingView } from './admin-types.ts';
import { CpdForm, LocalRulesReadForm } from './cpd-and-local-rules-forms.tsx';
import { TrainingForm } from './training-form.tsx';

const STATE_WORDS: Record<StaffTrainingView['training'][number]['state'], string> = {
  current: 'Current',
  lapsed: 'Lapsed',
  superseded: 'Superseded',
};

/**
 * A member of staff's training record (ROS 6.1, 9.1): what they hold and when it lapses, which of their
 * entitlements it supports today, the local rules read, CPD; and the forms to record more.
 */
export function TrainingRecords(props: {
  userId: string;
  today: string;
  onSessionEnded: () => void;
}): ReactElement {
  const [reload, setReload] = useState(0);
  const { data, error } = useApiData<StaffTrainingView>(
    `/api/users/${encodeURIComponent(props.userId)}/training`,
    props.onSessionEnded,
    null,
    reload,
  );
  const recorded = (): void => {
    setReload((n) => n + 1);
  };
  return (
    <section aria-labelledby="training-heading" className="admin-section">
      <h2 id="training-heading">Training records</h2>
      <ErrorAlert message={error} />
      {data ? (
        <>
          {data.training.length === 0 ? (
            <p>No training recorded.</p>
          ) : (
            <table>
              <caption>Training held</caption>
              <thead>
                <tr>
                  <th scope="col">Training</th>
                  <th scope="col">Completed</th>
                  <th scope="col">Last day it counts</th>
                  <th scope="col">State</th>
                  <th scope="col">Evidence</th>
                </tr>
              </thead>
              <tbody>
                {data.training.map((t) => (
                  <tr key={t.id} className={`training-${t.state}`}>
                    <th scope="row">{t.kindName}</th>
                    <td>{t.completedOn}</td>
                    <td>{t.expiresOn ?? 'does not lapse'}</td>
                    <td>{STATE_WORDS[t.state]}</td>
                    <td>{t.evidence ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <table>
            <caption>What it supports: entitlements held today</caption>
            <thead>
              <tr>
                <th scope="col">Entitlement</th>
                <th scope="col">Expires after</th>
                <th scope="col">Training it still needs</th>
              </tr>
            </thead>
            <tbody>
              {data.entitlements.map((e, i) => (
                <tr key={`${e.role}/${e.scope}/${String(i)}`}>
                  <th scope="row">{`${ROLE_NAMES[e.role]}${e.scope === '*' ? '' : ` (${e.scope})`}`}</th>
                  <td>{e.validUntil ?? 'no expiry'}</td>
                  <td className={e.shortfalls.length === 0 ? undefined : 'shortfall'}>
                    {e.shortfalls.length === 0
                      ? 'none: usable'
                      : e.shortfalls
                          .map((s) =>
                            s.expiresOn === null
                              ? `${s.name}: never recorded`
                              : `${s.name}: lapsed ${s.expiresOn}`,
                          )
                          .join('; ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            {`Local rules in force: version ${data.localRules.currentVersion}, `}
            {data.localRules.readCurrent ? 'read' : <strong>not yet read</strong>}
            {data.localRules.readings.length > 0
              ? ` (read: ${data.localRules.readings.map((r) => `${r.version} on ${r.readOn}`).join(', ')})`
              : ''}
          </p>
          {data.cpd.length === 0 ? (
            <p>No CPD recorded.</p>
          ) : (
            <table>
              <caption>CPD</caption>
              <thead>
                <tr>
                  <th scope="col">Done on</th>
                  <th scope="col">Hours</th>
                  <th scope="col">Activity</th>
                </tr>
              </thead>
              <tbody>
                {data.cpd.map((c) => (
                  <tr key={c.id}>
                    <td>{c.doneOn}</td>
                    <td>{c.hours}</td>
                    <td>{c.activity}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="admin-forms">
            <TrainingForm
              userId={props.userId}
              today={props.today}
              onRecorded={recorded}
              onSessionEnded={props.onSessionEnded}
            />
            <CpdForm
              userId={props.userId}
              today={props.today}
              onRecorded={recorded}
              onSessionEnded={props.onSessionEnded}
            />
            <LocalRulesReadForm
              userId={props.userId}
              today={props.today}
              currentVersion={data.localRules.currentVersion}
              onRecorded={recorded}
              onSessionEnded={props.onSessionEnded}
            />
          </div>
        </>
      ) : null}
    </section>
  );
}
