import { useEffect, useState, type ReactElement, type SyntheticEvent } from 'react';
import { apiJson } from '../api.ts';
import { FieldError, fieldProps, FormError } from '../forms/field-error.tsx';
import { useApiAction } from '../forms/use-api-action.ts';
import { Pager } from '../lists/pager.tsx';
import {
  AUDIT_ACTIONS,
  auditTrailQuery,
  type AuditTrailFilter,
  type AuditTrailPage,
} from './audit-trail-types.ts';
import { ChainVerification } from './chain-verification.tsx';

const FORM_ID = 'audit-trail';
const FIELDS = ['actor', 'action', 'entityType', 'fromDate', 'toDate'] as const;
const PAGE_EVENTS = 25;
const NO_FILTER: AuditTrailFilter = { actor: '', action: '', entityType: '', fromDate: '', toDate: '' };

/**
 * The audit trail viewer (ROS 4.15; ACR: audit trails and logs): who did what to which record, when and
 * from where, newest first, filtered and paged; and the hash chain's verification.
 */
export function AuditTrailScreen(props: { onSessionEnded: () => void }): ReactElement {
  const [draft, setDraft] = useState<AuditTrailFilter>(NO_FILTER);
  const [applied, setApplied] = useState<AuditTrailFilter>(NO_FILTER);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<AuditTrailPage | null>(null);
  const load = useApiAction(props.onSessionEnded);
  const { run } = load;
  useEffect(() => {
    let current = true;
    void run(async () => {
      const answer = await apiJson<AuditTrailPage>(
        `/api/audit-trail?${auditTrailQuery(applied, offset, PAGE_EVENTS)}`,
      );
      if (current) setPage(answer);
    });
    return () => {
      current = false;
    };
  }, [run, applied, offset]);
  const field = (name: keyof AuditTrailFilter, value: string): void => {
    setDraft((d) => ({ ...d, [name]: value }));
  };
  const show = (event: SyntheticEvent): void => {
    event.preventDefault();
    setOffset(0);
    setApplied({ ...draft });
  };
  return (
    <section aria-labelledby="audit-trail-heading">
      <h1 id="audit-trail-heading">Audit trail</h1>
      <form onSubmit={show} className="audit-trail-filter">
        <label>
          Actor (part of the username)
          <input
            value={draft.actor}
            maxLength={100}
            {...fieldProps(load.error, FORM_ID, 'actor')}
            onChange={(e) => {
              field('actor', e.target.value);
            }}
          />
        </label>
        <FieldError error={load.error} formId={FORM_ID} field="actor" />
        <label>
          Action
          <select
            value={draft.action}
            {...fieldProps(load.error, FORM_ID, 'action')}
            onChange={(e) => {
              field('action', e.target.value);
            }}
          >
            <option value="">any</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a.replace('_', ' ')}
              </option>
            ))}
          </select>
        </label>
        <label>
          Record type
          <input
            value={draft.entityType}
            placeholder="e.g. patient, referral, scanner"
            maxLength={60}
            {...fieldProps(load.error, FORM_ID, 'entityType')}
            onChange={(e) => {
              field('entityType', e.target.value);
            }}
          />
        </label>
        <FieldError error={load.error} formId={FORM_ID} field="entityType" />
        <label>
          From
          <input
            type="date"
            value={draft.fromDate}
            {...fieldProps(load.error, FORM_ID, 'fromDate')}
            onChange={(e) => {
              field('fromDate', e.target.value);
            }}
          />
        </label>
        <FieldError error={load.error} formId={FORM_ID} field="fromDate" />
        <label>
          To
          <input
            type="date"
            value={draft.toDate}
            {...fieldProps(load.error, FORM_ID, 'toDate')}
            onChange={(e) => {
              field('toDate', e.target.value);
            }}
          />
        </label>
        <FieldError error={load.error} formId={FORM_ID} field="toDate" />
        <button type="submit" disabled={load.busy}>
          {load.busy ? 'Loading…' : 'Show'}
        </button>
      </form>
      <FormError error={load.error} fields={FIELDS} />
      {page ? (
        <>
          <p aria-live="polite">{`${page.total.toLocaleString('en-GB')} event(s) match.`}</p>
          <table className="audit-trail">
            <caption>Audit events, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">When (UTC)</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Record</th>
                <th scope="col">Patient</th>
                <th scope="col">Outcome</th>
                <th scope="col">From</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((e) => (
                <tr key={e.seq} className={e.outcome === 'success' ? undefined : `outcome-${e.outcome}`}>
                  <th scope="row">{e.seq}</th>
                  <td>{e.at.slice(0, 19).replace('T', ' ')}</td>
                  <td>{e.actorName === null ? 'no one signed in' : `${e.actorName} (${e.actorRoles})`}</td>
                  <td>{e.action.replace('_', ' ')}</td>
                  <td>{e.entityId === null ? e.entityType : `${e.entityType} ${e.entityId}`}</td>
                  <td>{e.patientId ?? '–'}</td>
                  <td>{e.outcome}</td>
                  <td>{e.fromAddress ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={page} label="Audit events" onOffset={setOffset} />
        </>
      ) : null}
      <ChainVerification onSessionEnded={props.onSessionEnded} />
    </section>
  );
}
