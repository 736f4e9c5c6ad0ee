import type { ReactElement } from 'react';
import type { Correspondence } from './booking-types.ts';

/**
 * The appointment letter as written to the patient (ROS 4.4; Appendix 4B), with what goes in the envelope.
 * Print prints only the letter (the print stylesheet hides the rest of the screen).
 */
export function LetterPreview(props: {
  letter: Correspondence;
  enclosures: readonly string[];
}): ReactElement {
  const { letter, enclosures } = props;
  return (
    <section className="letter" aria-labelledby={`letter-${letter.id}-heading`}>
      <h3 id={`letter-${letter.id}-heading`}>
        {letter.kind === 'appointment_letter' ? 'Appointment letter' : letter.kind.replaceAll('_', ' ')}
      </h3>
      <p className="hint">
        To {letter.recipient}; written {letter.createdAt.slice(0, 16).replace('T', ' ')} UTC.
      </p>
      <button
        type="button"
        onClick={() => {
          window.print();
        }}
      >
        Print letter
      </button>
      <div className="letter-print">
        <div className="letter-body">{letter.body}</div>
      </div>
      {letter.kind === 'appointment_letter' ? (
        <>
          <h4>Enclosed with it</h4>
          <ul>
            {enclosures.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
