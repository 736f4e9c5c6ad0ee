import { useState, type ReactElement, type SyntheticEvent } from 'react';
import { ApiError, apiJson } from '../api.ts';
import { ErrorAlert } from '../error-alert.tsx';

interface PhantomScanResult {
  point: { inControl: boolean; signals: { text: string }[] };
  dailyQc: { passed: boolean; note: string | null };
}

/**
 * Today's spine phantom scan (ROS 5.1): the L1-L4 BMD the scanner gave, checked against the chart. It is
 * the day's QC: in control it passes; out of control it fails and raises an alert for the physicist.
 */
export function PhantomScanForm(props: {
  scannerId: string;
  onRecorded: () => void;
  onSessionEnded: () => void;
}): ReactElement {
  const [bmd, setBmd] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const record = (event: SyntheticEvent): void => {
    event.preventDefault();
    apiJson<PhantomScanResult>(`/api/scanners/${encodeURIComponent(props.scannerId)}/phantom-scans`, {
      method: 'POST',
      body: { bmdGcm2: Number(bmd) },
    })
      .then((r) => {
        setError(null);
        setBmd('');
        setOutcome(
          r.dailyQc.passed
            ? `In control: today's daily QC on ${props.scannerId} has passed.`
            : `Today's daily QC on ${props.scannerId} has failed: ${r.dailyQc.note ?? r.point.signals.map((s) => s.text).join('; ')}. No patient is scanned until it passes.`,
        );
        props.onRecorded();
      })
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) props.onSessionEnded();
        else setError(e instanceof ApiError ? e : new ApiError(0, 'network', String(e), null));
      });
  };
  return (
    <form onSubmit={record} className="phantom-scan">
      <label>
        Today&apos;s phantom L1–L4 BMD (g/cm²)
        <input
          type="number"
          inputMode="decimal"
          step="any"
          min="0.1"
          max="5"
          required
          value={bmd}
          aria-invalid={error?.field === 'bmdGcm2'}
          onChange={(e) => {
            setBmd(e.target.value);
          }}
        />
      </label>
      <button type="submit">Record phantom scan</button>
      <ErrorAlert message={error?.message} />
      {outcome ? <p aria-live="polite">{outcome}</p> : null}
    </form>
  );
}
