import { useState, type ReactElement, type SyntheticEvent } from 'react';
import { apiJson } from '../api.ts';
import { FieldError, fieldProps, FormError } from '../forms/field-error.tsx';
import { useApiAction } from '../forms/use-api-action.ts';
import { useApiData } from '../use-api-data.ts';
import type { AuditSample, AuditType, ClinicalAudit } from './audit-types.ts';

const FORM_ID = 'open-audit';
const FIELDS = ['auditType', 'title', 'scope', 'periodFrom', 'periodTo', 'sampleId'] as const;

/** Opens an IR(ME)R or clinical quality audit over a period, on the month's sample when one was drawn. */
export function OpenAuditForm(props: {
  sample: AuditSample | null;
  onOpened: (audit: ClinicalAudit) => void;
  onSessionEnded: () => void;
}): ReactElement {
  const types = useApiData<AuditType[]>('/api/audit-types', props.onSessionEnded);
  const [auditType, setAuditType] = useState('');
  const [title, setTitle] = useState('');
  const [scope, setScope] = useState('');
  const [periodFrom, setPeriodFrom] = useState('');
  const [periodTo, setPeriodTo] = useState('');
  const [useSample, setUseSample] = useState(true);
  const action = useApiAction(props.onSessionEnded);
  const chosenType = auditType === '' ? (types.data?.[0]?.id ?? '') : auditType;
  const sample = props.sample;
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void action.run(async () => {
      const audit = await apiJson<ClinicalAudit>('/api/audits', {
        method: 'POST',
        body: {
          auditType: chosenType,
          ...(title.trim() === '' ? {} : { title }),
          scope,
          periodFrom,
          periodTo,
          ...(sample && useSample ? { sampleId: sample.id } : {}),
        },
      });
      props.onOpened(audit);
    });
  };
  const source = types.data?.find((t) => t.id === chosenType)?.source;
  return (
    <form onSubmit={submit} aria-labelledby={`${FORM_ID}-heading`}>
      <h2 id={`${FORM_ID}-heading`}>Open an audit</h2>
      <label>
        Audit type
        <select
          value={chosenType}
          {...fieldProps(action.error, FORM_ID, 'auditType')}
          onChange={(e) => {
            setAuditType(e.target.value);
          }}
        >
          {(types.data ?? []).map((t) => (
            <option key={t.id} value={t.id}>
              {t.title}
            </option>
          ))}
        </select>
      </label>
      {source !== undefined ? <p className="hint">{`Source: ${source}`}</p> : null}
      <FieldError error={action.error} formId={FORM_ID} field="auditType" />
      <label>
        Title (the type&apos;s when empty)
        <input
          maxLength={200}
          value={title}
          {...fieldProps(action.error, FORM_ID, 'title')}
          onChange={(e) => {
            setTitle(e.target.value);
          }}
        />
      </label>
      <FieldError error={action.error} formId={FORM_ID} field="title" />
      <label>
        Scope
        <textarea
          rows={2}
          required
          maxLength={2000}
          value={scope}
          {...fieldProps(action.error, FORM_ID, 'scope')}
          onChange={(e) => {
            setScope(e.target.value);
          }}
        />
      </label>
      <FieldError error={action.error} formId={FORM_ID} field="scope" />
      <label>
        Period from
        <input
          type="date"
          required
          value={periodFrom}
          {...fieldProps(action.error, FORM_ID, 'periodFrom')}
          onChange={(e) => {
            setPeriodFrom(e.target.value);
          }}
        />
      </label>
      <FieldError error={action.error} formId={FORM_ID} field="periodFrom" />
      <label>
        Period to
        <input
          type="date"
          required
          value={periodTo}
          {...fieldProps(action.error, FORM_ID, 'periodTo')}
          onChange={(e) => {
            setPeriodTo(e.target.value);
          }}
        />
      </label>
      <FieldError error={action.error} formId={FORM_ID} field="periodTo" />
      {sample ? (
        <label>
          <input
            type="checkbox"
            checked={useSample}
            onChange={(e) => {
              setUseSample(e.target.checked);
            }}
          />
          {`On the sample drawn: ${String(sample.itemIds.length)} ${sample.kind} of ${sample.month}`}
        </label>
      ) : null}
      <FieldError error={action.error} formId={FORM_ID} field="sampleId" />
      <FormError error={action.error} fields={FIELDS} />
      <button type="submit" disabled={action.busy || chosenType === ''}>
        {action.busy ? 'Opening…' : 'Open the audit'}
      </button>
    </form>
  );
}
