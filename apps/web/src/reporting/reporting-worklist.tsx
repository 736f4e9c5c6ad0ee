import { useState, type ReactElement } from 'react';
import { apiJson } from '../api.ts';
import { ErrorAlert } from '../error-alert.tsx';
import { FormError } from '../forms/field-error.tsx';
import { useApiAction } from '../forms/use-api-action.ts';
import { Pager } from '../lists/pager.tsx';
import { useApiData } from '../use-api-data.ts';
import {
  STAGE_WORDS,
  WORKLIST_STAGES,
  reportHash,
  type ReportSummary,
  type WorklistItem,
  type WorklistPage,
  type WorklistStage,
} from './reporting-types.ts';

// The reporting worklist (ROS 4.6): scanned visits with results waiting for a report, drafts waiting for
// signature, signed reports whose latest version has not been issued; oldest visit first.

const PAGE_SIZE = 20;

function reportWords(item: WorklistItem): string {
  if (item.version === null || item.state === null) return 'Not yet drafted';
  const issued = item.issuedVersion === null ? 'not issued' : `version ${String(item.issuedVersion)} issued`;
  return `Version ${String(item.version)}, ${item.state}${item.state === 'draft' ? '' : `, ${issued}`}`;
}

export function ReportingWorklist(props: {
  onSessionEnded: () => void;
  /** Opens a report in the editor (defaults to following its address). */
  onOpen?: (reportId: string) => void;
}): ReactElement {
  const [stage, setStage] = useState<WorklistStage | ''>('');
  const [offset, setOffset] = useState(0);
  const [drafting, setDrafting] = useState<string | null>(null);
  const draft = useApiAction(props.onSessionEnded);
  const query = new URLSearchParams({
    ...(stage === '' ? {} : { stage }),
    limit: String(PAGE_SIZE),
    offset: String(offset),
  });
  const { data: page, error } = useApiData<WorklistPage>(
    `/api/reports?${query.toString()}`,
    props.onSessionEnded,
  );
  const open = (reportId: string): void => {
    if (props.onOpen) props.onOpen(reportId);
    else window.location.hash = reportHash(reportId);
  };
  const draftFor = async (visitId: string): Promise<void> => {
    setDrafting(visitId);
    const drafted: { id?: string } = {};
    await draft.run(async () => {
      drafted.id = (await apiJson<ReportSummary>('/api/reports', { method: 'POST', body: { visitId } })).id;
    });
    setDrafting(null);
    if (drafted.id !== undefined) open(drafted.id);
  };

  return (
    <section aria-labelledby="reporting-heading" className="reporting-worklist">
      <h1 id="reporting-heading">Reporting</h1>
      <label>
        Stage
        <select
          value={stage}
          onChange={(e) => {
            setStage(e.target.value as WorklistStage | '');
            setOffset(0);
          }}
        >
          <option value="">All stages</option>
          {WORKLIST_STAGES.map((s) => (
            <option key={s} value={s}>
              {STAGE_WORDS[s]}
            </option>
          ))}
        </select>
      </label>
      <ErrorAlert message={error} />
      <FormError error={draft.error} fields={[]} />
      {page ? (
        page.items.length === 0 ? (
          <p>Nothing is waiting at this stage.</p>
        ) : (
          <>
            <table>
              <caption>{`Reports waiting: ${String(page.total)}`}</caption>
              <thead>
                <tr>
                  <th scope="col">Patient</th>
                  <th scope="col">Scanned</th>
                  <th scope="col">Stage</th>
                  <th scope="col">Report</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((item) => (
                  <tr key={item.visitId} className={`stage-${item.stage}`}>
                    <th scope="row">
                      {item.patientName}
                      <span className="identifier">{` ${item.patientIdentifier}`}</span>
                    </th>
                    <td>
                      <time dateTime={item.visitAt}>{item.visitAt.slice(0, 10)}</time>
                    </td>
                    <td>{STAGE_WORDS[item.stage]}</td>
                    <td>{reportWords(item)}</td>
                    <td>
                      {item.reportId === null ? (
                        <button
                          type="button"
                          disabled={draft.busy}
                          aria-label={`Draft the report for ${item.patientName}`}
                          onClick={() => void draftFor(item.visitId)}
                        >
                          {drafting === item.visitId ? 'Drafting the report…' : 'Draft the report'}
                        </button>
                      ) : (
                        <a
                          href={reportHash(item.reportId)}
                          aria-label={`Open the report for ${item.patientName}`}
                        >
                          Open the report
                        </a>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager page={page} label="Reporting worklist" onOffset={setOffset} />
          </>
        )
      ) : null}
    </section>
  );
}
