import { useState, type ReactElement } from 'react';
import { ErrorAlert } from '../error-alert.tsx';
import { useApiData } from '../use-api-data.ts';
import { ControlChart } from './control-chart.tsx';
import { PhantomScanForm } from './phantom-scan-form.tsx';
import { QaAlerts } from './qa-alerts.tsx';
import { isCusumSignal, type PhantomChartData, type ScannerSummary } from './phantom-chart-types.ts';

/** Phantom QA (ROS 5.1, Appendix 3): a DXA scanner's control chart, its signals and open alerts. */
export function PhantomQaScreen(props: { onSessionEnded: () => void }): ReactElement {
  const [chosen, setChosen] = useState<string | null>(null);
  const [recorded, setRecorded] = useState(0);
  const scannerList = useApiData<ScannerSummary[]>('/api/scanners', props.onSessionEnded);
  const scanners = (scannerList.data ?? []).filter((s) => s.modality === 'dxa');
  const scannerId = chosen ?? scanners[0]?.id ?? null;
  const chartLoad = useApiData<PhantomChartData>(
    scannerId === null ? null : `/api/scanners/${encodeURIComponent(scannerId)}/phantom-chart`,
    props.onSessionEnded,
    null,
    recorded,
  );
  const chart = chartLoad.data;
  const error = scannerList.error ?? chartLoad.error;

  const outOfControl = chart?.points.filter((p) => !p.inControl) ?? [];
  return (
    <section aria-labelledby="phantom-qa-heading">
      <h1 id="phantom-qa-heading">Phantom QA</h1>
      <label>
        Scanner
        <select
          value={scannerId ?? ''}
          onChange={(e) => {
            setChosen(e.target.value);
          }}
        >
          {scanners.map((s) => (
            <option key={s.id} value={s.id}>{`${s.id} — ${s.model}, ${s.location}`}</option>
          ))}
        </select>
      </label>
      <ErrorAlert message={error} />
      {chart && chart.baseline === null ? (
        <p>No phantom baseline yet: a medical physics expert sets one from at least 10 scans.</p>
      ) : null}
      {chart?.baseline ? (
        <>
          <p>
            {`Baseline ${chart.baseline.meanGcm2.toFixed(3)} g/cm² (SD ${chart.baseline.sdGcm2.toFixed(4)}) from ${String(chart.baseline.scans)} scans on ${chart.baseline.establishedAt.slice(0, 10)}: ${chart.baseline.reason}`}
          </p>
          <PhantomScanForm
            scannerId={chart.scannerId}
            onRecorded={() => {
              setRecorded((n) => n + 1);
            }}
            onSessionEnded={props.onSessionEnded}
          />
          <ControlChart baseline={chart.baseline} points={chart.points} />
          <QaAlerts
            alerts={chart.openAlerts}
            onClosed={() => {
              setRecorded((n) => n + 1);
            }}
            onSessionEnded={props.onSessionEnded}
          />
          {outOfControl.length > 0 ? (
            <table>
              <caption>Scans out of control</caption>
              <thead>
                <tr>
                  <th scope="col">Scanned</th>
                  <th scope="col">BMD (g/cm²)</th>
                  <th scope="col">Shewhart or tolerance</th>
                  <th scope="col">CUSUM drift</th>
                </tr>
              </thead>
              <tbody>
                {outOfControl.map((p) => (
                  <tr key={p.scannedAt}>
                    <td>{p.scannedAt.slice(0, 16).replace('T', ' ')}</td>
                    <td>{p.bmdGcm2.toFixed(3)}</td>
                    <td>
                      {p.signals
                        .filter((s) => !isCusumSignal(s.code))
                        .map((s) => s.text)
                        .join('; ') || '–'}
                    </td>
                    <td>
                      {p.signals
                        .filter((s) => isCusumSignal(s.code))
                        .map((s) => s.text)
                        .join('; ') || '–'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
