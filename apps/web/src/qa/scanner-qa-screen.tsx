import { useState, type ReactElement } from 'react';
import { ErrorAlert } from '../error-alert.tsx';
import { useApiData } from '../use-api-data.ts';
import { DailyQcForm } from './daily-qc-form.tsx';
import { MaintenanceLog } from './maintenance-log.tsx';
import type { ScannerStatus } from './qa-types.ts';

const QC_WORDS: Record<ScannerStatus['dailyQcToday'], string> = {
  passed: 'Passed',
  failed: 'Failed: no patient scans',
  not_done: 'Not done yet: no patient scans',
};

/** Scanner QA (ROS 5.1-5.2): today's QC on every scanner, the day's QC entry and the maintenance log. */
export function ScannerQaScreen(props: { onSessionEnded: () => void }): ReactElement {
  const [chosen, setChosen] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const scanners = useApiData<ScannerStatus[]>('/api/scanners', props.onSessionEnded, null, reload);
  const list = scanners.data ?? [];
  const scannerId = chosen ?? list[0]?.id ?? null;
  const changed = (): void => {
    setReload((n) => n + 1);
  };
  return (
    <section aria-labelledby="scanner-qa-heading">
      <h1 id="scanner-qa-heading">Scanner QA</h1>
      <ErrorAlert message={scanners.error} />
      {list.length > 0 ? (
        <table className="qc-today">
          <caption>Today&apos;s daily QC</caption>
          <thead>
            <tr>
              <th scope="col">Scanner</th>
              <th scope="col">Today&apos;s QC</th>
              <th scope="col">With the engineer</th>
              <th scope="col">Replacement</th>
            </tr>
          </thead>
          <tbody>
            {list.map((s) => (
              <tr key={s.id} className={`qc-${s.dailyQcToday}`}>
                <th scope="row">{`${s.id} — ${s.model}, ${s.location}`}</th>
                <td>{QC_WORDS[s.dailyQcToday]}</td>
                <td>{s.withEngineer ? 'Yes: out of clinical use' : 'No'}</td>
                <td>{s.replacementWarning ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <label>
        Scanner
        <select
          value={scannerId ?? ''}
          onChange={(e) => {
            setChosen(e.target.value);
          }}
        >
          {list.map((s) => (
            <option key={s.id} value={s.id}>{`${s.id} — ${s.model}, ${s.location}`}</option>
          ))}
        </select>
      </label>
      {scannerId !== null ? (
        <>
          <DailyQcForm
            key={`qc-${scannerId}`}
            scannerId={scannerId}
            onRecorded={changed}
            onSessionEnded={props.onSessionEnded}
          />
          <MaintenanceLog
            key={`log-${scannerId}`}
            scannerId={scannerId}
            onChanged={changed}
            onSessionEnded={props.onSessionEnded}
          />
        </>
      ) : null}
    </section>
  );
}
