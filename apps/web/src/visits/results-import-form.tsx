import { useState, type ReactElement, type SyntheticEvent } from 'react';
import { ApiError, apiJson } from '../api.ts';
import { FieldError, FormError, fieldProps } from '../forms/field-error.tsx';
import { useApiAction } from '../forms/use-api-action.ts';

const FORM = 'import';

/** A refusal the service answered, which imported nothing: not a lost answer nor an unfinished first try. */
function isAnsweredRefusal(e: unknown): boolean {
  return e instanceof ApiError && e.status >= 400 && e.status < 500 && e.field !== 'Idempotency-Key';
}

/**
 * The visit's results from the scanner's CSV export (POST /api/results/dxa/import). The Idempotency-Key
 * is kept while no answer came (the connection dropped, the server failed, the first attempt is still
 * running), so sending again never imports twice; after a refusal, which changed nothing, the next send
 * gets a new key (the service would otherwise give back the same refusal).
 */
export function ResultsImportForm(props: {
  visitId: string;
  onEntered: () => void;
  onSessionEnded: () => void;
}): ReactElement {
  const [vendor, setVendor] = useState('hologic');
  const [file, setFile] = useState<File | null>(null);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const action = useApiAction(props.onSessionEnded);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    if (file === null) return;
    void action.run(async () => {
      const csv = await file.text();
      try {
        await apiJson('/api/results/dxa/import', {
          method: 'POST',
          body: { visitId: props.visitId, vendor, csv },
          headers: { 'idempotency-key': key },
        });
      } catch (e) {
        if (isAnsweredRefusal(e)) setKey(crypto.randomUUID());
        throw e;
      }
      props.onEntered();
    });
  };
  return (
    <form className="results-import" onSubmit={submit} aria-label="Import the scanner's CSV">
      <label>
        Scanner export format
        <select
          value={vendor}
          {...fieldProps(action.error, FORM, 'vendor')}
          onChange={(e) => {
            setVendor(e.target.value);
            setKey(crypto.randomUUID());
          }}
        >
          <option value="hologic">Hologic</option>
          <option value="ge_lunar">GE Lunar</option>
        </select>
      </label>
      <FieldError error={action.error} formId={FORM} field="vendor" />
      <label>
        CSV file
        <input
          type="file"
          accept=".csv,text/csv"
          {...fieldProps(action.error, FORM, 'csv')}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setKey(crypto.randomUUID());
          }}
        />
      </label>
      <FieldError error={action.error} formId={FORM} field="csv" />
      <FormError error={action.error} fields={['vendor', 'csv']} />
      <button type="submit" disabled={action.busy || file === null}>
        {action.busy ? 'Importing…' : 'Import the file'}
      </button>
    </form>
  );
}
