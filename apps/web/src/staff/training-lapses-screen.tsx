import { useState, type ReactElement } from 'react';
import { ErrorAlert } from '../error-alert.tsx';
import { useApiData } from '../use-api-data.ts';

// The staff training lapse report (ROS 6.1, 9.1): who has lapsed, lapses within the window, or lacks
// training an entitlement needs, and whether that entitlement is refused today.

interface TrainingLapse {
  userId: string;
  username: string;
  displayName: string;
  requirement: string;
  name: string;
  state: 'lapsed' | 'lapsing' | 'missing';
  expiresOn: string | null;
  daysLeft: number | null;
  entitlementsAffected: string[];
  refusedNow: boolean;
}

interface TrainingLapseReport {
  today: string;
  withinDays: number;
  until: string;
  items: TrainingLapse[];
}

const WINDOWS_DAYS = [30, 90, 180, 365] as const;

const STATE_WORDS: Record<TrainingLapse['state'], string> = {
  lapsed: 'Lapsed',
  lapsing: 'Lapses soon',
  missing: 'Never recorded',
};

function whenText(l: TrainingLapse): string {
  if (l.expiresOn === null || l.daysLeft === null) return '–';
  if (l.daysLeft < 0) return `${l.expiresOn} (${String(-l.daysLeft)} days ago)`;
  return `${l.expiresOn} (in ${String(l.daysLeft)} days)`;
}

export function TrainingLapsesScreen(props: { onSessionEnded: () => void }): ReactElement {
  const [withinDays, setWithinDays] = useState<number>(90);
  const { data: report, error } = useApiData<TrainingLapseReport>(
    `/api/staff/training-lapses?within=${String(withinDays)}`,
    props.onSessionEnded,
  );

  return (
    <section aria-labelledby="lapses-heading">
      <h1 id="lapses-heading">Staff training</h1>
      <label>
        Lapsing within
        <select
          value={withinDays}
          onChange={(e) => {
            setWithinDays(Number(e.target.value));
          }}
        >
          {WINDOWS_DAYS.map((d) => (
            <option key={d} value={d}>{`${String(d)} days`}</option>
          ))}
        </select>
      </label>
      <ErrorAlert message={error} />
      {report ? (
        report.items.length === 0 ? (
          <p>{`No training lapses by ${report.until}.`}</p>
        ) : (
          <table>
            <caption>{`Training lapsed, or lapsing by ${report.until} (today ${report.today})`}</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Training</th>
                <th scope="col">State</th>
                <th scope="col">Last day it counts</th>
                <th scope="col">Entitlements that need it</th>
              </tr>
            </thead>
            <tbody>
              {report.items.map((l) => (
                <tr key={`${l.userId}/${l.requirement}`} className={`lapse-${l.state}`}>
                  <th scope="row">{`${l.displayName} (${l.username})`}</th>
                  <td>{l.name}</td>
                  <td>{STATE_WORDS[l.state]}</td>
                  <td>{whenText(l)}</td>
                  <td>
                    {l.entitlementsAffected.length === 0
                      ? 'none'
                      : `${l.entitlementsAffected.join(', ')}${l.refusedNow ? ': refused now' : ''}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </section>
  );
}
