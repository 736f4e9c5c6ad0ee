import { useEffect, useState, type ReactElement } from 'react';
import { ApiError, apiJson } from '../api.ts';
import { ErrorAlert } from '../error-alert.tsx';
import { useApiData } from '../use-api-data.ts';
import type { CommissioningItemState, CommissioningState, CrossCalibration } from './admin-types.ts';
import { SCANNERS_PATH } from './admin-paths.ts';
import { CheckItemForm, ReleaseForm, StartCommissioningForm } from './commissioning-forms.tsx';

const STAGE_NAMES: Record<string, string> = {
  prior_to_installation: 'Prior to installation',
  at_installation: 'At installation',
  acceptance_testing: 'Acceptance testing',
  after_installation: 'After installation',
};

const STATUS_WORDS: Record<CommissioningItemState['status'], string> = {
  done: 'Done',
  not_applicable: 'Not applicable',
  outstanding: 'Outstanding',
};

const STATUS_MARKS: Record<CommissioningItemState['status'], string> = {
  done: '✓',
  not_applicable: '–',
  outstanding: '○',
};

/** The commissioning record, or 'none' when the scanner has none yet (the API answers 404). */
function useCommissioning(
  scannerId: string,
  reload: number,
  onSessionEnded: () => void,
): { state: CommissioningState | 'none' | null; error: string | null } {
  const [state, setState] = useState<CommissioningState | 'none' | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    apiJson<CommissioningState>(`/api/scanners/${encodeURIComponent(scannerId)}/commissioning`)
      .then((s) => {
        if (current) {
          setState(s);
          setError(null);
        }
      })
      .catch((e: unknown) => {
        if (!current) return;
        if (e instanceof ApiError && e.status === 401) onSessionEnded();
        else if (e instanceof ApiError && e.status === 404) setState('none');
        else setError(e instanceof ApiError ? e.message : String(e));
      });
    return () => {
      current = false;
    };
  }, [scannerId, reload, onSessionEnded]);
  return { state, error };
}

/** A scanner's commissioning checklist (ROS Appendix 3) and its cross-calibrations (ISCD 2019). */
export function ScannerDetailScreen(props: { scannerId: string; onSessionEnded: () => void }): ReactElement {
  const [reload, setReload] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const { state, error } = useCommissioning(props.scannerId, reload, props.onSessionEnded);
  const { data: calibrations, error: calibrationError } = useApiData<CrossCalibration[]>(
    `/api/scanners/${encodeURIComponent(props.scannerId)}/cross-calibrations`,
    props.onSessionEnded,
  );
  const changed = (): void => {
    setSelected(null);
    setReload((n) => n + 1);
  };
  const commissioning = state !== null && state !== 'none' ? state : null;
  const released = commissioning?.commissioning.releasedAt ?? null;
  const selectedItem = commissioning?.items.find((i) => i.code === selected) ?? null;
  const done = commissioning?.items.filter((i) => i.status !== 'outstanding').length ?? 0;
  return (
    <section aria-labelledby="scanner-heading" className="admin-screen">
      <p>
        <a href={SCANNERS_PATH}>All scanners</a>
      </p>
      <h1 id="scanner-heading">{`Scanner ${props.scannerId}`}</h1>
      <h2>Commissioning</h2>
      <ErrorAlert message={error} />
      {state === 'none' ? (
        <>
          <p>No commissioning record: this scanner is not being commissioned.</p>
          <StartCommissioningForm
            scannerId={props.scannerId}
            onStarted={changed}
            onSessionEnded={props.onSessionEnded}
          />
        </>
      ) : null}
      {commissioning ? (
        <>
          <p>
            {`Started ${commissioning.commissioning.startedAt.slice(0, 10)}`}
            {commissioning.commissioning.replacesScannerId !== null
              ? `, replacing ${commissioning.commissioning.replacesScannerId}`
              : ''}
            {'. '}
            {released !== null
              ? `Released for clinical use ${released.slice(0, 10)}.`
              : `${String(done)} of ${String(commissioning.items.length)} items done or not applicable; out of clinical use until released.`}
          </p>
          <table className="commissioning-table">
            <caption>Commissioning checklist (ROS Appendix 3)</caption>
            <thead>
              <tr>
                <th scope="col">Stage</th>
                <th scope="col">Item</th>
                <th scope="col">Status</th>
                <th scope="col">Evidence or note</th>
                {released === null ? <th scope="col">Record</th> : null}
              </tr>
            </thead>
            <tbody>
              {commissioning.items.map((i) => (
                <tr key={i.code} className={`item-${i.status}`}>
                  <td>{STAGE_NAMES[i.stage] ?? i.stage}</td>
                  <th scope="row">{i.text}</th>
                  <td>
                    <span aria-hidden="true">{`${STATUS_MARKS[i.status]} `}</span>
                    {STATUS_WORDS[i.status]}
                  </td>
                  <td>{[i.evidence, i.detail].filter((t) => t !== null).join('; ') || '–'}</td>
                  {released === null ? (
                    <td>
                      {i.verifiedBy === undefined ? (
                        <button
                          type="button"
                          aria-label={`Record ${i.text}`}
                          onClick={() => {
                            setSelected(i.code);
                          }}
                        >
                          Record
                        </button>
                      ) : (
                        'from the record'
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
          {selectedItem !== null && released === null ? (
            <CheckItemForm
              key={selectedItem.code}
              scannerId={props.scannerId}
              item={selectedItem}
              onRecorded={changed}
              onSessionEnded={props.onSessionEnded}
            />
          ) : null}
          {released === null ? (
            <ReleaseForm
              scannerId={props.scannerId}
              ready={commissioning.readyForRelease}
              onReleased={changed}
              onSessionEnded={props.onSessionEnded}
            />
          ) : null}
        </>
      ) : null}
      <h2>Cross-calibrations</h2>
      <ErrorAlert message={calibrationError} />
      {calibrations ? (
        calibrations.length === 0 ? (
          <p>No cross-calibrations to or from this scanner.</p>
        ) : (
          <table>
            <caption>Cross-calibrations, newest first</caption>
            <thead>
              <tr>
                <th scope="col">From → to</th>
                <th scope="col">Site</th>
                <th scope="col">Method</th>
                <th scope="col">Performed</th>
                <th scope="col">New = slope × old + intercept</th>
                <th scope="col">LSC (g/cm²)</th>
              </tr>
            </thead>
            <tbody>
              {calibrations.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{`${c.fromScannerId} → ${c.toScannerId}`}</th>
                  <td>{c.site ?? 'all sites'}</td>
                  <td>{c.method}</td>
                  <td>{`${c.performedFrom} to ${c.performedTo}`}</td>
                  <td>{`${c.slope.toFixed(4)} × old ${c.interceptGcm2 >= 0 ? '+' : '−'} ${Math.abs(c.interceptGcm2).toFixed(4)} g/cm²`}</td>
                  <td>{c.lscGcm2 === null ? '–' : c.lscGcm2.toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </section>
  );
}
