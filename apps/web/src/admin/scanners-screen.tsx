import { useState, type ReactElement } from 'react';
import { ErrorAlert } from '../error-alert.tsx';
import { useApiData } from '../use-api-data.ts';
import { AddScannerForm } from './add-scanner-form.tsx';
import type { ScannerStatus } from './admin-types.ts';
import { SCANNERS_PATH } from './admin-paths.ts';

const QC_WORDS: Record<ScannerStatus['dailyQcToday'], string> = {
  passed: 'Passed',
  failed: 'Failed',
  not_done: 'Not done yet',
};

/** The scanners, with today's QC and whether each is with the engineer; add one. */
export function ScannersScreen(props: { onSessionEnded: () => void }): ReactElement {
  const [reload, setReload] = useState(0);
  const [added, setAdded] = useState<string | null>(null);
  const { data, error } = useApiData<ScannerStatus[]>('/api/scanners', props.onSessionEnded, null, reload);
  return (
    <section aria-labelledby="scanners-heading" className="admin-screen">
      <h1 id="scanners-heading">Scanners</h1>
      <ErrorAlert message={error} />
      {data ? (
        <table className="scanners-table">
          <caption>{`Scanners: ${String(data.length)}`}</caption>
          <thead>
            <tr>
              <th scope="col">Scanner</th>
              <th scope="col">Make and model</th>
              <th scope="col">Location</th>
              <th scope="col">Installed</th>
              <th scope="col">Active</th>
              <th scope="col">Daily QC today</th>
            </tr>
          </thead>
          <tbody>
            {data.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <a href={`${SCANNERS_PATH}/${encodeURIComponent(s.id)}`}>{s.id}</a>
                </th>
                <td>
                  {`${s.manufacturer} ${s.model} (${s.modality.toUpperCase()})`}
                  {s.softwareVersion !== null ? `, software ${s.softwareVersion}` : ''}
                  {s.serialNumber !== null ? `, serial ${s.serialNumber}` : ''}
                </td>
                <td>{s.location}</td>
                <td>
                  {s.installedOn ?? '–'}
                  {s.replacementWarning !== null ? (
                    <span className="warning replacement-warning">{s.replacementWarning}</span>
                  ) : null}
                </td>
                <td>{s.withEngineer ? 'With the engineer' : s.active ? 'Yes' : 'No'}</td>
                <td>{QC_WORDS[s.dailyQcToday]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {added !== null ? (
        <p role="status">
          {`Added ${added}: `}
          <a href={`${SCANNERS_PATH}/${encodeURIComponent(added)}`}>commission it</a>
        </p>
      ) : null}
      <AddScannerForm
        onAdded={(id) => {
          setAdded(id);
          setReload((n) => n + 1);
        }}
        onSessionEnded={props.onSessionEnded}
      />
    </section>
  );
}
