import { useState, type ReactElement } from 'react';
import { ErrorAlert } from '../error-alert.tsx';
import { useApiData } from '../use-api-data.ts';
import { PrecisionStudyForm } from './precision-study-form.tsx';
import type { PrecisionStudyRecord, ScannerStatus } from './qa-types.ts';

function operatorVerdict(s: PrecisionStudyRecord): string {
  if (s.operatorId === null) return "Service's study";
  const checks = s.operatorPrecision ?? [];
  if (checks.length === 0) return 'One operator: too small a study to judge';
  return checks
    .map((o) =>
      o.acceptable
        ? `${o.site}: meets ISCD minimum ${o.minimumCvPercent.toFixed(1)}%`
        : `${o.site}: worse than ISCD minimum ${o.minimumCvPercent.toFixed(1)}%, retraining`,
    )
    .join('; ');
}

/** Precision studies (ISCD 2019) on a DXA scanner: the entry grid, its result and the studies so far. */
export function PrecisionScreen(props: { onSessionEnded: () => void }): ReactElement {
  const [chosen, setChosen] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const scanners = useApiData<ScannerStatus[]>('/api/scanners', props.onSessionEnded);
  const dxa = (scanners.data ?? []).filter((s) => s.modality === 'dxa');
  const scannerId = chosen ?? dxa[0]?.id ?? null;
  const studies = useApiData<PrecisionStudyRecord[]>(
    scannerId === null ? null : `/api/scanners/${encodeURIComponent(scannerId)}/precision-studies`,
    props.onSessionEnded,
    null,
    reload,
  );
  return (
    <section aria-labelledby="precision-heading">
      <h1 id="precision-heading">Precision studies</h1>
      <label>
        Scanner
        <select
          value={scannerId ?? ''}
          onChange={(e) => {
            setChosen(e.target.value);
          }}
        >
          {dxa.map((s) => (
            <option key={s.id} value={s.id}>{`${s.id} — ${s.model}, ${s.location}`}</option>
          ))}
        </select>
      </label>
      <ErrorAlert message={scanners.error ?? studies.error} />
      {studies.data ? (
        studies.data.length === 0 ? (
          <p>No precision study on this scanner yet.</p>
        ) : (
          <table className="precision-studies">
            <caption>Studies, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Scanned</th>
                <th scope="col">Site</th>
                <th scope="col">Degrees of freedom</th>
                <th scope="col">RMS-SD (g/cm²)</th>
                <th scope="col">%CV</th>
                <th scope="col">LSC (g/cm²)</th>
                <th scope="col">LSC set</th>
                <th scope="col">Operator</th>
              </tr>
            </thead>
            <tbody>
              {studies.data.flatMap((s) =>
                s.results.map((r) => (
                  <tr key={`${s.id}-${r.site}-${r.side ?? ''}`}>
                    <td>{`${s.performedFrom} to ${s.performedTo}`}</td>
                    <th scope="row">{r.side === null ? r.site : `${r.site} (${r.side})`}</th>
                    <td>
                      {r.iscdCompliant ? r.degreesOfFreedom : `${String(r.degreesOfFreedom)} (under 30)`}
                    </td>
                    <td>{r.rmsSdGcm2.toFixed(4)}</td>
                    <td>{r.cvPercent.toFixed(2)}</td>
                    <td>{r.lscGcm2.toFixed(4)}</td>
                    <td>{s.appliedToLsc && r.iscdCompliant ? 'Yes' : 'No'}</td>
                    <td>{operatorVerdict(s)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        )
      ) : null}
      {scannerId !== null ? (
        <PrecisionStudyForm
          key={scannerId}
          scannerId={scannerId}
          onRecorded={() => {
            setReload((n) => n + 1);
          }}
          onSessionEnded={props.onSessionEnded}
        />
      ) : null}
    </section>
  );
}
