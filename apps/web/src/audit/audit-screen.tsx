import { useState, type ReactElement, type SyntheticEvent } from 'react';
import { ErrorAlert } from '../error-alert.tsx';
import { ApiError, apiJson } from '../api.ts';
import { lastWholeMonth } from '../service-data/default-period.ts';
import { useApiData } from '../use-api-data.ts';
import { AuditDetail } from './audit-detail.tsx';
import type { AuditSample, ClinicalAudit } from './audit-types.ts';
import { OpenAuditForm } from './open-audit-form.tsx';

// The audit programme (ROS 9.2): each month's reproducible random 10% of referrals or scans, and the
// audits with whether they are open or closed.

function sampleText(s: AuditSample, drawn: boolean): string {
  const what = `${String(s.itemIds.length)} of ${String(s.populationSize)} ${s.kind} in ${s.month} (${String(s.samplePercent)}%), seed ${String(s.seed)}`;
  return drawn
    ? `Drawn: ${what}.`
    : `Already drawn on ${s.drawnAt.slice(0, 10)}: ${what}. The same sample is kept.`;
}

export function AuditScreen(props: { onSessionEnded: () => void }): ReactElement {
  const [month, setMonth] = useState(() => lastWholeMonth(new Date()).from.slice(0, 7));
  const [kind, setKind] = useState<'referrals' | 'scans'>('referrals');
  const [result, setResult] = useState<string | null>(null);
  const [drawError, setDrawError] = useState<ApiError | null>(null);
  const [sample, setSample] = useState<AuditSample | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const audits = useApiData<ClinicalAudit[]>('/api/audits', props.onSessionEnded, null, reload);
  const changed = (): void => {
    setReload((n) => n + 1);
  };

  const draw = (event: SyntheticEvent): void => {
    event.preventDefault();
    apiJson<{ sample: AuditSample; drawn: boolean }>('/api/audits/samples', {
      method: 'POST',
      body: { month, kind },
    })
      .then((r) => {
        setDrawError(null);
        setSample(r.sample);
        setResult(sampleText(r.sample, r.drawn));
      })
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) props.onSessionEnded();
        else setDrawError(e instanceof ApiError ? e : new ApiError(0, 'network', String(e), null));
      });
  };

  if (openId !== null)
    return (
      <section aria-labelledby="audit-heading">
        <h1 id="audit-heading">Audit programme</h1>
        <AuditDetail
          auditId={openId}
          onBack={() => {
            setOpenId(null);
          }}
          onChanged={changed}
          onSessionEnded={props.onSessionEnded}
        />
      </section>
    );
  return (
    <section aria-labelledby="audit-heading">
      <h1 id="audit-heading">Audit programme</h1>
      <h2>Monthly sample</h2>
      <form onSubmit={draw}>
        <label>
          Month
          <input
            type="month"
            value={month}
            aria-invalid={drawError?.field === 'month'}
            onChange={(e) => {
              setMonth(e.target.value);
            }}
          />
        </label>
        <label>
          Of
          <select
            value={kind}
            onChange={(e) => {
              setKind(e.target.value === 'scans' ? 'scans' : 'referrals');
            }}
          >
            <option value="referrals">referrals</option>
            <option value="scans">scans</option>
          </select>
        </label>
        <button type="submit">Draw sample</button>
      </form>
      <ErrorAlert message={drawError?.message} />
      {result ? <p aria-live="polite">{result}</p> : null}
      <OpenAuditForm
        sample={sample}
        onOpened={(a) => {
          changed();
          setOpenId(a.id);
        }}
        onSessionEnded={props.onSessionEnded}
      />
      <h2>Audits</h2>
      <ErrorAlert message={audits.error} />
      {audits.data && audits.data.length === 0 ? <p>No audits yet.</p> : null}
      {audits.data && audits.data.length > 0 ? (
        <table>
          <caption>Audits, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Audit</th>
              <th scope="col">Period</th>
              <th scope="col">State</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {audits.data.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.title}</th>
                <td>{`${a.periodFrom} to ${a.periodTo}`}</td>
                <td>
                  {a.closedAt === null ? 'open' : `closed ${a.closedAt.slice(0, 10)}: ${a.conclusion ?? ''}`}
                </td>
                <td>
                  <button
                    type="button"
                    aria-label={`Open ${a.title}`}
                    onClick={() => {
                      setOpenId(a.id);
                    }}
                  >
                    Open
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
