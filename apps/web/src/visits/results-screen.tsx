import { useState, type ReactElement } from 'react';
import { ErrorAlert } from '../error-alert.tsx';
import { useApiData } from '../use-api-data.ts';
import { AssessmentView } from './assessment-view.tsx';
import { ResultsEntryForm } from './results-entry-form.tsx';
import { ResultsImportForm } from './results-import-form.tsx';
import type { VisitResults } from './visit-types.ts';

/** A scanned visit's results: enter or import the site values, then see what the engine made of them. */
export function ResultsScreen(props: { visitId: string; onSessionEnded: () => void }): ReactElement {
  const [entered, setEntered] = useState(0);
  const loaded = useApiData<VisitResults>(
    `/api/visits/${props.visitId}/results`,
    props.onSessionEnded,
    null,
    entered,
  );
  const r = loaded.data;
  const onEntered = (): void => {
    setEntered((n) => n + 1);
  };
  return (
    <section aria-labelledby="results-heading" className="results-screen">
      <p>
        <a href="#/today">Back to the day&apos;s list</a>
      </p>
      <h1 id="results-heading">
        {r
          ? `Results: ${r.patient.givenNames} ${r.patient.familyName}, born ${r.patient.birthDate}`
          : 'Results'}
      </h1>
      <ErrorAlert message={loaded.error} />
      {r === null && loaded.error === null ? <p aria-live="polite">Loading…</p> : null}
      {r ? (
        <>
          <p>
            {`Scanned on ${r.visit.scannerId}, ${r.visit.recordedAt.slice(0, 10)}: ${r.visit.sitesScanned.map((s) => s.replace(/_/g, ' ')).join(', ')}. Height ${r.visit.heightCm === null ? '—' : `${String(r.visit.heightCm)} cm`}, weight ${r.visit.weightKg === null ? '—' : `${String(r.visit.weightKg)} kg`}.`}
          </p>
          {r.latest ? (
            <p
              role="status"
              className="results-version"
            >{`Results version ${String(r.latest.version)} (${r.latest.source}), entered ${r.latest.enteredAt.slice(0, 16).replace('T', ' ')}. Entering again makes a corrected version; earlier ones are kept.`}</p>
          ) : null}
          <div className="results-entry-area">
            <section aria-labelledby="enter-heading">
              <h2 id="enter-heading">Enter site values</h2>
              <ResultsEntryForm
                visitId={r.visit.id}
                sitesScanned={r.visit.sitesScanned}
                onEntered={onEntered}
                onSessionEnded={props.onSessionEnded}
              />
            </section>
            <section aria-labelledby="import-heading">
              <h2 id="import-heading">Or import the scanner&apos;s CSV</h2>
              <ResultsImportForm
                visitId={r.visit.id}
                onEntered={onEntered}
                onSessionEnded={props.onSessionEnded}
              />
            </section>
          </div>
          {r.latest ? <AssessmentView assessment={r.latest.assessment} /> : null}
        </>
      ) : null}
    </section>
  );
}
