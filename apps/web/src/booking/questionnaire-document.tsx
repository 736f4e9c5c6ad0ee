import type { ReactElement } from 'react';
import type { Questionnaire } from './booking-types.ts';
import { ukLongDate } from './uk-date.ts';

/**
 * The bone health questionnaire to fill in on paper and bring (ROS 4.4; Appendix 2): whose it is, and the
 * scan visit's own questions, each with labelled Yes and No boxes and a line to write on where it asks more.
 */
export function QuestionnaireDocument(props: {
  questionnaire: Questionnaire;
  headingId: string;
}): ReactElement {
  const { questionnaire: q, headingId } = props;
  return (
    <div className="questionnaire">
      <h3 id={headingId}>{q.title}</h3>
      <dl className="questionnaire-patient">
        <dt>Name</dt>
        <dd>{q.patient.name}</dd>
        <dt>Date of birth</dt>
        <dd>{ukLongDate(q.patient.birthDate)}</dd>
        <dt>NHS number</dt>
        <dd>{q.patient.identifier}</dd>
        <dt>Appointment</dt>
        <dd>{q.appointment ? `${q.appointment.when}, ${q.appointment.location}` : 'Not booked'}</dd>
      </dl>
      <p>{q.instructions}</p>
      <ol className="questionnaire-questions">
        {q.questions.map((question) => {
          const id = `${headingId}-${question.key}`;
          return (
            <li key={question.key}>
              <p id={id}>{question.text}</p>
              <ul className="answer-boxes" aria-labelledby={id}>
                {['Yes', 'No'].map((answer) => (
                  <li key={answer}>
                    <span className="tick-box" aria-hidden="true" /> {answer}
                  </li>
                ))}
              </ul>
              {question.writeIn ? <p className="write-in">Details:</p> : null}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
