import { useEffect, useState, type SyntheticEvent, type ReactElement } from 'react';
import { ErrorAlert } from '../error-alert.tsx';
import { ApiError, apiJson, apiText } from '../api.ts';
import { lastWholeMonth } from './default-period.ts';
import { ServiceDataCharts } from './service-data-charts.tsx';
import type { ServiceData } from './service-data-types.ts';

/** Service data (ROS 5) for a chosen period: charts, every measure with what it counts, and a CSV export. */
export function ServiceDataDashboard(props: { onSessionEnded: () => void }): ReactElement {
  const [period, setPeriod] = useState(() => lastWholeMonth(new Date()));
  const [draft, setDraft] = useState(period);
  const [data, setData] = useState<ServiceData | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);
  const { onSessionEnded } = props;

  useEffect(() => {
    let current = true;
    setLoading(true);
    apiJson<ServiceData>(`/api/service-data?from=${period.from}&to=${period.to}`)
      .then((d) => {
        if (current) {
          setData(d);
          setError(null);
        }
      })
      .catch((e: unknown) => {
        if (!current) return;
        if (e instanceof ApiError && e.status === 401) onSessionEnded();
        else setError(e instanceof ApiError ? e : new ApiError(0, 'network', String(e), null));
      })
      .finally(() => {
        if (current) setLoading(false);
      });
    return () => {
      current = false;
    };
  }, [period, onSessionEnded]);

  const show = (event: SyntheticEvent): void => {
    event.preventDefault();
    setPeriod(draft);
  };
  // Exports the figures on screen (their period, not one typed since), or says why it could not.
  const exportCsv = async (shown: ServiceData): Promise<void> => {
    try {
      const csv = await apiText(`/api/service-data.csv?from=${shown.from}&to=${shown.to}`);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      link.download = `service-data-${shown.from}-to-${shown.to}.csv`;
      link.click();
      setTimeout(() => {
        URL.revokeObjectURL(link.href);
      }, 1000);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) onSessionEnded();
      else setError(e instanceof ApiError ? e : new ApiError(0, 'network', String(e), null));
    }
  };
  const fieldError = (field: string): string | null => (error?.field === field ? error.message : null);

  return (
    <section aria-labelledby="service-data-heading">
      <h1 id="service-data-heading">Service data</h1>
      <form onSubmit={show} className="period">
        <label>
          From
          <input
            type="date"
            value={draft.from}
            aria-invalid={fieldError('from') !== null}
            onChange={(e) => {
              setDraft({ ...draft, from: e.target.value });
            }}
          />
        </label>
        <label>
          To
          <input
            type="date"
            value={draft.to}
            aria-invalid={fieldError('to') !== null}
            onChange={(e) => {
              setDraft({ ...draft, to: e.target.value });
            }}
          />
        </label>
        <button type="submit">Show</button>
        <button
          type="button"
          onClick={() => {
            if (data) void exportCsv(data);
          }}
          disabled={data === null}
        >
          Export CSV
        </button>
      </form>
      <ErrorAlert message={error?.message} />
      {loading ? <p aria-live="polite">Loading the service data…</p> : null}
      {data ? (
        <>
          <p>
            {`${data.from} to ${data.to}, generated ${data.generatedAt.slice(0, 16).replace('T', ' ')} UTC`}
          </p>
          <ServiceDataCharts data={data} />
          <table>
            <caption>Every measure and what it counts</caption>
            <thead>
              <tr>
                <th scope="col">Measure</th>
                <th scope="col">Value</th>
                <th scope="col">Of</th>
                <th scope="col">%</th>
                <th scope="col">What is counted</th>
              </tr>
            </thead>
            <tbody>
              {data.measures.map((m) => (
                <tr key={`${m.section}/${m.measure}`}>
                  <th scope="row">{m.measure}</th>
                  <td>{m.value === null ? '–' : `${String(m.value)} ${m.unit}`}</td>
                  <td>{m.denominator ?? ''}</td>
                  <td>{m.percent ?? ''}</td>
                  <td>{m.definition}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
