import { useState, type ReactElement } from 'react';
import { ErrorAlert } from '../error-alert.tsx';
import { useApiData } from '../use-api-data.ts';
import { HandOverForm, ReceiveBackForm } from './handover-forms.tsx';
import { MaintenanceEntryForm } from './maintenance-entry-form.tsx';
import { dayTime, MAINTENANCE_KIND_WORDS, type MaintenanceEntry } from './qa-types.ts';

function stateText(e: MaintenanceEntry): string {
  if (e.handedOverAt === null) return 'Logged; not handed over';
  if (e.returnedAt === null)
    return `With the engineer (${e.engineer ?? ''}) since ${dayTime(e.handedOverAt)}: out of clinical use`;
  return `Received back ${dayTime(e.returnedAt)}`;
}

/** A scanner's maintenance and fault log (ROS 5.2), newest first, with the handover to and from the engineer. */
export function MaintenanceLog(props: {
  scannerId: string;
  onChanged: () => void;
  onSessionEnded: () => void;
}): ReactElement {
  const [reload, setReload] = useState(0);
  const log = useApiData<MaintenanceEntry[]>(
    `/api/scanners/${encodeURIComponent(props.scannerId)}/maintenance`,
    props.onSessionEnded,
    null,
    reload,
  );
  const changed = (): void => {
    setReload((n) => n + 1);
    props.onChanged();
  };
  return (
    <section aria-labelledby="maintenance-heading">
      <h2 id="maintenance-heading">{`Maintenance and fault log: ${props.scannerId}`}</h2>
      <MaintenanceEntryForm
        scannerId={props.scannerId}
        onAdded={changed}
        onSessionEnded={props.onSessionEnded}
      />
      <ErrorAlert message={log.error} />
      {log.data && log.data.length === 0 ? <p>Nothing logged on this scanner.</p> : null}
      {log.data && log.data.length > 0 ? (
        <table className="maintenance-log">
          <caption>Log entries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Reported</th>
              <th scope="col">Kind</th>
              <th scope="col">Description</th>
              <th scope="col">Engineer</th>
            </tr>
          </thead>
          <tbody>
            {log.data.map((e) => (
              <tr key={e.id}>
                <td>{dayTime(e.reportedAt)}</td>
                <td>{MAINTENANCE_KIND_WORDS[e.kind]}</td>
                <td>{e.description}</td>
                <td>
                  <p>{stateText(e)}</p>
                  {e.returnedAt !== null ? (
                    <dl className="engineer-return">
                      <dt>Engineer&apos;s report</dt>
                      <dd>{e.engineerReport}</dd>
                      <dt>Checks on return</dt>
                      <dd>{e.checksOnReturn}</dd>
                    </dl>
                  ) : e.handedOverAt === null ? (
                    <HandOverForm entryId={e.id} onChanged={changed} onSessionEnded={props.onSessionEnded} />
                  ) : (
                    <ReceiveBackForm
                      entryId={e.id}
                      onChanged={changed}
                      onSessionEnded={props.onSessionEnded}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
