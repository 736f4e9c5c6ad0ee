import { useState, type ReactElement, type SyntheticEvent } from 'react';
import { apiJson } from '../api.ts';
import { FieldError, FormError, fieldProps } from '../forms/field-error.tsx';
import { useApiAction } from '../forms/use-api-action.ts';
import type { Appointment, BookedAppointment } from './booking-types.ts';
import { londonToIso, londonWallTime } from './london-time.ts';

/** Cancel at the patient's or the service's request; the referral stays open to book again. */
export function CancelAppointmentForm(props: {
  appointmentId: string;
  onDone: (a: Appointment) => void;
  onSessionEnded: () => void;
}): ReactElement {
  const FORM = 'cancel-appointment';
  const [requestedBy, setRequestedBy] = useState<'patient' | 'service'>('patient');
  const [reason, setReason] = useState('');
  const action = useApiAction(props.onSessionEnded);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void action.run(async () => {
      props.onDone(
        await apiJson<Appointment>(`/api/appointments/${props.appointmentId}/cancel`, {
          method: 'POST',
          body: { requestedBy, reason },
        }),
      );
    });
  };
  return (
    <form onSubmit={submit} className="appointment-action" aria-labelledby={`${FORM}-heading`}>
      <h3 id={`${FORM}-heading`}>Cancel</h3>
      <div className="field">
        <label>
          Asked for by
          <select
            value={requestedBy}
            {...fieldProps(action.error, FORM, 'requestedBy')}
            onChange={(e) => {
              setRequestedBy(e.target.value === 'service' ? 'service' : 'patient');
            }}
          >
            <option value="patient">The patient</option>
            <option value="service">The service</option>
          </select>
        </label>
        <FieldError error={action.error} formId={FORM} field="requestedBy" />
      </div>
      <div className="field">
        <label>
          Reason
          <input
            value={reason}
            {...fieldProps(action.error, FORM, 'reason')}
            onChange={(e) => {
              setReason(e.target.value);
            }}
          />
        </label>
        <FieldError error={action.error} formId={FORM} field="reason" />
      </div>
      <FormError error={action.error} fields={['requestedBy', 'reason']} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Cancelling…' : 'Cancel appointment'}
      </button>
    </form>
  );
}

/** Move to a new time (on this or another scanner): the old one is cancelled and a new letter written. */
export function RebookForm(props: {
  appointment: Appointment;
  scannerId: string;
  slot: { date: string; time: string } | null;
  onDone: (a: BookedAppointment) => void;
  onSessionEnded: () => void;
}): ReactElement {
  const FORM = 'rebook';
  const was = londonWallTime(props.appointment.startsAt);
  const [date, setDate] = useState(props.slot?.date ?? was.date);
  const [time, setTime] = useState(props.slot?.time ?? was.time);
  const [reason, setReason] = useState('');
  const action = useApiAction(props.onSessionEnded);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void action.run(async () => {
      props.onDone(
        await apiJson<BookedAppointment>(`/api/appointments/${props.appointment.id}/rebook`, {
          method: 'POST',
          body: {
            startsAt: londonToIso(date, time),
            ...(props.scannerId !== props.appointment.scannerId ? { scannerId: props.scannerId } : {}),
            reason,
          },
        }),
      );
    });
  };
  return (
    <form onSubmit={submit} className="appointment-action" aria-labelledby={`${FORM}-heading`}>
      <h3 id={`${FORM}-heading`}>Rebook on {props.scannerId}</h3>
      <label>
        New date
        <input
          type="date"
          required
          value={date}
          {...fieldProps(action.error, FORM, 'startsAt')}
          onChange={(e) => {
            setDate(e.target.value);
          }}
        />
      </label>
      <div className="field">
        <label>
          New time (UK)
          <input
            type="time"
            required
            step={300}
            value={time}
            {...fieldProps(action.error, FORM, 'startsAt')}
            onChange={(e) => {
              setTime(e.target.value);
            }}
          />
        </label>
        <FieldError error={action.error} formId={FORM} field="startsAt" />
      </div>
      <div className="field">
        <label>
          Reason
          <input
            value={reason}
            {...fieldProps(action.error, FORM, 'reason')}
            onChange={(e) => {
              setReason(e.target.value);
            }}
          />
        </label>
        <FieldError error={action.error} formId={FORM} field="reason" />
      </div>
      <FieldError error={action.error} formId={FORM} field="scannerId" />
      <FormError error={action.error} fields={['startsAt', 'reason', 'scannerId']} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Rebooking…' : 'Rebook'}
      </button>
    </form>
  );
}

interface DidNotAttendResult {
  action: 'rebook' | 'discharged';
  didNotAttendCount: number;
}

/** Records a did-not-attend; the local policy offers another appointment or discharges to the referrer. */
export function DidNotAttendButton(props: {
  appointmentId: string;
  onDone: (outcome: string) => void;
  onSessionEnded: () => void;
}): ReactElement {
  const action = useApiAction(props.onSessionEnded);
  const record = (): void => {
    void action.run(async () => {
      const r = await apiJson<DidNotAttendResult>(`/api/appointments/${props.appointmentId}/did-not-attend`, {
        method: 'POST',
        body: {},
      });
      props.onDone(
        r.action === 'discharged'
          ? `Did not attend (${String(r.didNotAttendCount)} missed): by the local policy the patient is discharged and the referrer has been written to.`
          : `Did not attend (${String(r.didNotAttendCount)} missed): by the local policy the patient is offered another appointment — book it from the queue.`,
      );
    });
  };
  return (
    <div className="appointment-action">
      <button type="button" disabled={action.busy} onClick={record}>
        {action.busy ? 'Recording…' : 'Did not attend'}
      </button>
      <FormError error={action.error} fields={[]} />
    </div>
  );
}
