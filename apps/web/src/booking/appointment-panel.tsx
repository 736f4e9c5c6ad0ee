import type { ReactElement } from 'react';
import { ErrorAlert } from '../error-alert.tsx';
import { patientName } from '../referrals/referral-types.ts';
import { useApiData } from '../use-api-data.ts';
import { CancelAppointmentForm, DidNotAttendButton, RebookForm } from './appointment-actions.tsx';
import type { BookingDetail, CalendarAppointment } from './booking-types.ts';
import { LetterPreview } from './letter-preview.tsx';
import { shortDateTime } from './london-time.ts';
import { PatientDocuments } from './patient-documents.tsx';

/** One appointment: whose, when, its wait from referral, its letter, and cancel, rebook or did-not-attend. */
export function AppointmentPanel(props: {
  appointment: CalendarAppointment;
  scannerId: string;
  slot: { date: string; time: string } | null;
  now: Date;
  /** Bumped by the screen after a change, to load the letters again. */
  reload: number;
  /** After a change: what happened, and the appointment to keep open (null when none). */
  onChanged: (message: string, next: CalendarAppointment | null) => void;
  onSessionEnded: () => void;
}): ReactElement {
  const a = props.appointment;
  const load = useApiData<BookingDetail>(
    `/api/referrals/${a.referralId}/booking`,
    props.onSessionEnded,
    null,
    props.reload,
  );
  const detail = load.data;
  const booked = detail?.appointments.find((x) => x.id === a.id);
  const letters = detail?.correspondence.filter((c) => c.appointmentId === a.id) ?? [];
  const started = Date.parse(a.startsAt) <= props.now.getTime();
  return (
    <section className="appointment-panel" aria-labelledby="appointment-panel-heading">
      <h2 id="appointment-panel-heading">
        {patientName(a.patient)}, {shortDateTime(a.startsAt)} on {a.scannerId}
      </h2>
      <ErrorAlert message={load.error} />
      <p>
        NHS {a.patient.identifier}. {a.state.replaceAll('_', ' ')}
        {a.closeReason ? ` (${a.closeReason})` : ''}.
        {booked
          ? ` ${String(booked.daysFromReceipt)} days from referral to appointment: ${booked.withinSixWeeks ? 'within six weeks' : 'six weeks or more, a DM01 breach'}.`
          : ''}
        {a.scannerOverrideReason ? ` Not on the previous scanner: ${a.scannerOverrideReason}.` : ''}
        {a.reminderSentAt ? ` Reminder sent ${a.reminderSentAt.slice(0, 10)}.` : ''}
      </p>
      {a.state === 'booked' ? (
        <div className="appointment-actions">
          {started ? (
            <DidNotAttendButton
              appointmentId={a.id}
              onDone={(m) => {
                props.onChanged(m, { ...a, state: 'did_not_attend' });
              }}
              onSessionEnded={props.onSessionEnded}
            />
          ) : null}
          <RebookForm
            key={`${props.slot?.date ?? ''}${props.slot?.time ?? ''}`}
            appointment={a}
            scannerId={props.scannerId}
            slot={props.slot}
            onDone={(moved) => {
              props.onChanged(
                `Rebooked for ${shortDateTime(moved.startsAt)} on ${moved.scannerId}; a new letter is written.`,
                { ...moved, patient: a.patient },
              );
            }}
            onSessionEnded={props.onSessionEnded}
          />
          <CancelAppointmentForm
            appointmentId={a.id}
            onDone={() => {
              props.onChanged('Appointment cancelled; the referral is back in the queue to book.', null);
            }}
            onSessionEnded={props.onSessionEnded}
          />
        </div>
      ) : null}
      {detail
        ? letters.map((l) =>
            l.kind === 'appointment_letter' ? (
              <PatientDocuments
                key={l.id}
                letter={l}
                enclosures={detail.enclosures}
                leaflet={detail.documents.leaflet}
                questionnaire={detail.documents.questionnaire}
              />
            ) : (
              <LetterPreview key={l.id} letter={l} />
            ),
          )
        : null}
    </section>
  );
}
