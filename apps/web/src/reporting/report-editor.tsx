import { useMemo, useState, type ReactElement } from 'react';
import { apiJson } from '../api.ts';
import { ErrorAlert } from '../error-alert.tsx';
import { FieldError, FormError, fieldProps } from '../forms/field-error.tsx';
import { useApiAction } from '../forms/use-api-action.ts';
import { useApiData } from '../use-api-data.ts';
import { ReportVersionsList } from './report-versions-list.tsx';
import type { ReportFindings, ReportSummary, ReportVersions } from './reporting-types.ts';
import { useApiText } from './use-api-text.ts';
import { WordingFlags } from './wording-flags.tsx';
import { flagWording } from './wording-check.ts';
import { livePreviewHtml } from './live-preview.ts';

// The report editor (ROS 4.6, Appendix 4C): the drafted ROS report beside its rendering, the reporter's
// own words checked against the wording rules as they are typed (and again by the server), then sign,
// issue, and amend with a reason into a new signed version, every earlier version kept.

const FORM_ID = 'report-editor';
const COMMENT_FIELD = 'findings.reporterComment';
const REASON_FIELD = 'reason';

interface IssuedReport extends ReportSummary {
  copies: { to: string; recipient: string | null; sent: boolean; reason: string }[];
}

function findingsWith(findings: ReportFindings, comment: string): ReportFindings {
  const { reporterComment: _, ...rest } = findings;
  return comment.trim() === '' ? rest : { ...rest, reporterComment: comment };
}

export function ReportEditor(props: { reportId: string; onSessionEnded: () => void }): ReactElement {
  const [reload, setReload] = useState(0);
  const base = `/api/reports/${props.reportId}`;
  const { data: report, error: loadError } = useApiData<ReportVersions>(
    `${base}/versions`,
    props.onSessionEnded,
    null,
    reload,
  );
  const { text: reportText } = useApiText(base, props.onSessionEnded, reload);
  const { text: html } = useApiText(`${base}?format=html`, props.onSessionEnded, reload);
  // What the reporter types is kept here, whatever the server answers, until they change it.
  const [comment, setComment] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const action = useApiAction(props.onSessionEnded);
  const [busyWith, setBusyWith] = useState<string | null>(null);

  // Until the reporter types, the comment is the one saved in the latest version.
  const typed = comment ?? report?.findings.reporterComment ?? '';
  const flags = useMemo(() => (report ? flagWording(typed, report.wording) : []), [report, typed]);
  // Once the reporter types, the preview is the report as it will read with their words, rendered here;
  // while what is typed is what is saved (or cannot be rendered), it is the saved version as the server
  // renders it, signature and all.
  const unsaved = comment !== null && comment.trim() !== (report?.findings.reporterComment ?? '');
  const liveHtml = useMemo(
    () =>
      report && comment !== null && unsaved
        ? livePreviewHtml(report.context, comment, report.reportDate)
        : null,
    [report, comment, unsaved],
  );
  const previewHtml = liveHtml ?? html;

  if (!report) return <ErrorAlert message={loadError} />;
  const latest = report.versions.at(-1)?.version ?? 1;
  const draft = report.state === 'draft';
  const toIssue = !draft && report.issuedVersion !== latest;

  const send = async (what: string, call: () => Promise<string>): Promise<void> => {
    setBusyWith(what);
    setDone(null);
    let message: string | null = null;
    const ok = await action.run(async () => {
      message = await call();
    });
    setBusyWith(null);
    if (ok) {
      setDone(message);
      setReload((r) => r + 1);
    }
  };
  const revise = (): Promise<void> =>
    send('revise', async () => {
      await apiJson<ReportSummary>(`${base}/revise`, {
        method: 'POST',
        body: { findings: findingsWith(report.findings, typed) },
      });
      return 'The draft is saved.';
    });
  const sign = (): Promise<void> =>
    send('sign', async () => {
      const signed = await apiJson<ReportSummary>(`${base}/sign`, { method: 'POST', body: {} });
      return `Version ${String(signed.version)} is signed.`;
    });
  const issue = (): Promise<void> =>
    send('issue', async () => {
      const issued = await apiJson<IssuedReport>(`${base}/issue`, { method: 'POST', body: {} });
      const sentTo = issued.copies.filter((c) => c.sent).map((c) => c.recipient ?? c.to);
      const notSent = issued.copies.filter((c) => !c.sent).map((c) => `${c.to}: ${c.reason}`);
      return `Version ${String(issued.issuedVersion ?? issued.version)} is issued to ${sentTo.join(' and ')}.${notSent.length > 0 ? ` Not sent: ${notSent.join('; ')}.` : ''}`;
    });
  const amend = async (): Promise<void> => {
    // ROS 4.6: an amendment gives its reason; nothing is sent without one.
    if (reason.trim() === '') {
      setReasonMissing(true);
      return;
    }
    setReasonMissing(false);
    await send('amend', async () => {
      const amended = await apiJson<ReportSummary>(`${base}/amend`, {
        method: 'POST',
        body: { reason, findings: findingsWith(report.findings, typed) },
      });
      setReason('');
      return `Version ${String(amended.version)} is signed, with its reason.`;
    });
  };

  const busy = action.busy;
  const commentDescribedBy = [
    fieldProps(action.error, FORM_ID, COMMENT_FIELD)['aria-describedby'],
    'report-comment-flags',
  ]
    .filter((id) => id !== undefined)
    .join(' ');

  return (
    <section aria-labelledby="report-editor-heading" className="report-editor">
      <p>
        <a href="#/reporting">Back to the worklist</a>
      </p>
      <h1 id="report-editor-heading">{`Report for ${report.patientName}`}</h1>
      <p className="report-status">
        {`Version ${String(latest)}, ${report.state}; ${report.issuedVersion === null ? 'not issued' : `version ${String(report.issuedVersion)} issued`}`}
      </p>
      <div className="report-editor-columns">
        <div className="report-editor-text">
          <label htmlFor="report-comment">
            {draft ? "Reporter's comment" : "Reporter's comment (for an amendment)"}
          </label>
          <textarea
            id="report-comment"
            rows={5}
            value={typed}
            {...fieldProps(action.error, FORM_ID, COMMENT_FIELD)}
            aria-describedby={commentDescribedBy}
            onChange={(e) => {
              setComment(e.target.value);
            }}
          />
          <FieldError error={action.error} formId={FORM_ID} field={COMMENT_FIELD} />
          <WordingFlags id="report-comment-flags" flags={flags} />
          {draft ? (
            <div className="report-actions">
              <button type="button" disabled={busy} onClick={() => void revise()}>
                {busyWith === 'revise' ? 'Saving…' : 'Save draft'}
              </button>
              <button type="button" disabled={busy} onClick={() => void sign()}>
                {busyWith === 'sign' ? 'Signing…' : 'Sign report'}
              </button>
            </div>
          ) : (
            <div className="report-actions">
              <label htmlFor="amend-reason">Reason for the amendment</label>
              <input
                id="amend-reason"
                value={reason}
                {...(reasonMissing
                  ? { 'aria-invalid': true, 'aria-describedby': 'amend-reason-missing' }
                  : fieldProps(action.error, FORM_ID, REASON_FIELD))}
                onChange={(e) => {
                  setReason(e.target.value);
                  setReasonMissing(false);
                }}
              />
              {reasonMissing ? (
                <span className="field-error" id="amend-reason-missing" role="alert">
                  An amendment gives its reason.
                </span>
              ) : (
                <FieldError error={action.error} formId={FORM_ID} field={REASON_FIELD} />
              )}
              <button type="button" disabled={busy} onClick={() => void amend()}>
                {busyWith === 'amend' ? 'Amending…' : 'Amend and sign'}
              </button>
              {toIssue ? (
                <button type="button" disabled={busy} onClick={() => void issue()}>
                  {busyWith === 'issue' ? 'Issuing…' : `Issue version ${String(latest)}`}
                </button>
              ) : null}
            </div>
          )}
          <FormError error={action.error} fields={[COMMENT_FIELD, REASON_FIELD]} />
          {done !== null ? (
            <p className="report-done" role="status">
              {done}
            </p>
          ) : null}
          <h2 id="report-text-heading">Report text</h2>
          {/* A region, so that its name is read when the scrollable text takes the focus (ARIA 1.2 allows
              no name on a plain pre). */}
          <pre className="report-text" tabIndex={0} role="region" aria-labelledby="report-text-heading">
            {reportText ?? 'Loading…'}
          </pre>
        </div>
        <div className="report-editor-preview">
          <h2>Preview</h2>
          <p className="preview-note">{liveHtml !== null ? 'As typed, not yet saved' : 'As saved'}</p>
          {previewHtml !== null ? (
            <iframe className="report-preview" title="Report preview" sandbox="" srcDoc={previewHtml} />
          ) : (
            <p>Loading…</p>
          )}
        </div>
      </div>
      <ReportVersionsList report={report} reload={reload} onSessionEnded={props.onSessionEnded} />
    </section>
  );
}
