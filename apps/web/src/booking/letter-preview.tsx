import type { ReactElement } from 'react';
import type { Correspondence } from './booking-types.ts';
import { usePrintChoice } from './use-print-choice.ts';

/**
 * A reminder or did-not-attend letter as written (ROS 4.4). Print prints only the letter (the print
 * stylesheet hides the rest of the screen). The appointment letter has its enclosures: PatientDocuments.
 */
export function LetterPreview(props: { letter: Correspondence }): ReactElement {
  const { letter } = props;
  const printing = usePrintChoice<'letter'>();
  return (
    <section className="letter" aria-labelledby={`letter-${letter.id}-heading`}>
      <h3 id={`letter-${letter.id}-heading`}>{letter.kind.replaceAll('_', ' ')}</h3>
      <p className="hint">
        To {letter.recipient}; written {letter.createdAt.slice(0, 16).replace('T', ' ')} UTC.
      </p>
      <button
        type="button"
        onClick={() => {
          printing.print(['letter']);
        }}
      >
        Print letter
      </button>
      <div className="print-document letter-print" data-print={printing.mark('letter', false)}>
        <div className="letter-body">{letter.body}</div>
      </div>
    </section>
  );
}
