import { useRef, useState, type KeyboardEvent, type ReactElement } from 'react';
import type { Correspondence, PatientLeaflet, Questionnaire } from './booking-types.ts';
import { LeafletDocument } from './leaflet-document.tsx';
import { QuestionnaireDocument } from './questionnaire-document.tsx';
import { usePrintChoice } from './use-print-choice.ts';

const DOCUMENTS = [
  ['letter', 'Appointment letter'],
  ['leaflet', 'Information leaflet'],
  ['questionnaire', 'Questionnaire'],
] as const;
type DocumentId = (typeof DOCUMENTS)[number][0];
const ALL: readonly DocumentId[] = DOCUMENTS.map(([id]) => id);

/**
 * The appointment letter and what goes in the envelope with it (ROS 4.4; Appendix 4B and 2), as tabs:
 * each printable on its own, or all three together, a page each. Only the documents print.
 */
export function PatientDocuments(props: {
  letter: Correspondence;
  enclosures: readonly string[];
  leaflet: PatientLeaflet;
  questionnaire: Questionnaire;
}): ReactElement {
  const { letter } = props;
  const [shown, setShown] = useState<DocumentId>('letter');
  const tabs = useRef<Partial<Record<DocumentId, HTMLButtonElement | null>>>({});
  const printing = usePrintChoice<DocumentId>();
  const base = `documents-${letter.id}`;
  const shownName = DOCUMENTS.find(([id]) => id === shown)?.[1] ?? '';

  function onTabKey(e: KeyboardEvent<HTMLButtonElement>): void {
    const at = ALL.indexOf(shown);
    const to =
      e.key === 'ArrowRight'
        ? (at + 1) % ALL.length
        : e.key === 'ArrowLeft'
          ? (at + ALL.length - 1) % ALL.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? ALL.length - 1
              : null;
    const next = to === null ? undefined : ALL[to];
    if (next === undefined) return;
    e.preventDefault();
    setShown(next);
    tabs.current[next]?.focus();
  }

  function panel(id: DocumentId, body: ReactElement, className = ''): ReactElement {
    return (
      <div
        role="tabpanel"
        id={`${base}-${id}`}
        aria-labelledby={`${base}-${id}-tab`}
        hidden={shown !== id}
        tabIndex={0}
        className={`print-document ${className}`}
        data-print={printing.mark(id, shown === id)}
      >
        {body}
      </div>
    );
  }

  return (
    <section className="patient-documents" aria-labelledby={`${base}-heading`}>
      <h3 id={`${base}-heading`}>Appointment letter and enclosures</h3>
      <p className="hint">
        To {letter.recipient}; written {letter.createdAt.slice(0, 16).replace('T', ' ')} UTC. Enclosed with
        it:
      </p>
      <ul>
        {props.enclosures.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
      <div className="document-actions">
        <button
          type="button"
          onClick={() => {
            printing.print([shown]);
          }}
        >
          Print {shownName.toLowerCase()}
        </button>
        <button
          type="button"
          onClick={() => {
            printing.print(ALL);
          }}
        >
          Print all
        </button>
      </div>
      <div role="tablist" aria-label="Documents for the patient" className="document-tabs">
        {DOCUMENTS.map(([id, name]) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`${base}-${id}-tab`}
            aria-controls={`${base}-${id}`}
            aria-selected={shown === id}
            tabIndex={shown === id ? 0 : -1}
            ref={(el) => {
              tabs.current[id] = el;
            }}
            onClick={() => {
              setShown(id);
            }}
            onKeyDown={onTabKey}
          >
            {name}
          </button>
        ))}
      </div>
      {panel('letter', <div className="letter-body">{letter.body}</div>, 'letter-print')}
      {panel('leaflet', <LeafletDocument leaflet={props.leaflet} headingId={`${base}-leaflet-heading`} />)}
      {panel(
        'questionnaire',
        <QuestionnaireDocument
          questionnaire={props.questionnaire}
          headingId={`${base}-questionnaire-heading`}
        />,
      )}
    </section>
  );
}
