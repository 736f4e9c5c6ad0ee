import { useState, type ReactElement } from 'react';
import { ErrorAlert } from '../error-alert.tsx';
import { useApiData } from '../use-api-data.ts';
import { ActionForm, CloseActionForm } from './action-forms.tsx';
import { AuditMeasuresTable } from './audit-measures-table.tsx';
import type { AuditView } from './audit-types.ts';
import { CloseAuditForm } from './close-audit-form.tsx';
import { FindingForm } from './finding-form.tsx';

/** One audit (ROS 9.2): its sample, what the data shows, findings, actions and its closure. */
export function AuditDetail(props: {
  auditId: string;
  onBack: () => void;
  onChanged: () => void;
  onSessionEnded: () => void;
}): ReactElement {
  const [reload, setReload] = useState(0);
  const view = useApiData<AuditView>(
    `/api/audits/${encodeURIComponent(props.auditId)}`,
    props.onSessionEnded,
    null,
    reload,
  );
  const changed = (): void => {
    setReload((n) => n + 1);
    props.onChanged();
  };
  const v = view.data;
  const open = v?.audit.closedAt === null;
  const findingText = (id: string | null): string =>
    id === null ? '–' : (v?.findings.find((f) => f.id === id)?.description.slice(0, 60) ?? '–');
  const openActions = v?.actions.filter((a) => a.closedAt === null).length ?? 0;
  return (
    <section aria-labelledby="audit-detail-heading" className="audit-detail">
      <button type="button" onClick={props.onBack}>
        Back to the audits
      </button>
      <ErrorAlert message={view.error} />
      {v ? (
        <>
          <h2 id="audit-detail-heading">{v.audit.title}</h2>
          <dl className="audit-facts">
            <dt>Type</dt>
            <dd>{`${v.type.title} (${v.type.source})`}</dd>
            <dt>Scope</dt>
            <dd>{v.audit.scope}</dd>
            <dt>Period</dt>
            <dd>{`${v.audit.periodFrom} to ${v.audit.periodTo}`}</dd>
            <dt>Sample</dt>
            <dd>
              {v.sample
                ? `${String(v.sample.itemIds.length)} of ${String(v.sample.populationSize)} ${v.sample.kind} in ${v.sample.month} (${String(v.sample.samplePercent)}%), seed ${String(v.sample.seed)}`
                : 'None: the whole period'}
            </dd>
            <dt>State</dt>
            <dd>
              {v.audit.closedAt === null
                ? 'Open'
                : `Closed ${v.audit.closedAt.slice(0, 10)}: ${v.audit.conclusion ?? ''}`}
            </dd>
          </dl>
          <h3>What the data shows</h3>
          <AuditMeasuresTable measures={v.measures} />
          <h3>Findings</h3>
          {v.findings.length === 0 ? (
            <p>No findings recorded.</p>
          ) : (
            <table className="audit-findings">
              <caption>Findings</caption>
              <thead>
                <tr>
                  <th scope="col">Severity</th>
                  <th scope="col">Finding</th>
                  <th scope="col">Recorded</th>
                </tr>
              </thead>
              <tbody>
                {v.findings.map((f) => (
                  <tr key={f.id} className={`severity-${f.severity}`}>
                    <td>{f.severity}</td>
                    <td>{f.description}</td>
                    <td>{f.recordedAt.slice(0, 10)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {open ? (
            <FindingForm auditId={v.audit.id} onAdded={changed} onSessionEnded={props.onSessionEnded} />
          ) : null}
          <h3>Actions</h3>
          {v.actions.length === 0 ? (
            <p>No actions.</p>
          ) : (
            <table className="audit-actions">
              <caption>{`Actions: ${String(openActions)} open`}</caption>
              <thead>
                <tr>
                  <th scope="col">Action</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Due</th>
                  <th scope="col">Finding</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {v.actions.map((a) => (
                  <tr key={a.id}>
                    <td>{a.description}</td>
                    <td>{a.owner}</td>
                    <td>{a.dueOn}</td>
                    <td>{findingText(a.findingId)}</td>
                    <td>
                      {a.closedAt === null ? (
                        <CloseActionForm
                          auditId={v.audit.id}
                          actionId={a.id}
                          onClosed={changed}
                          onSessionEnded={props.onSessionEnded}
                        />
                      ) : (
                        `Closed ${a.closedAt.slice(0, 10)}: ${a.whatWasDone ?? ''}`
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {open ? (
            <>
              <ActionForm
                auditId={v.audit.id}
                findings={v.findings}
                onAdded={changed}
                onSessionEnded={props.onSessionEnded}
              />
              <CloseAuditForm
                auditId={v.audit.id}
                openActions={openActions}
                onClosed={changed}
                onSessionEnded={props.onSessionEnded}
              />
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
