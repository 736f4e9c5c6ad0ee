import { useEffect, useState, type ReactElement, type SyntheticEvent } from 'react';
import { apiJson } from '../api.ts';
import { FieldError, FormError, fieldProps } from '../forms/field-error.tsx';
import { useApiAction } from '../forms/use-api-action.ts';
import { patientName } from '../referrals/referral-types.ts';
import type { BookedAppointment, BookingDetail, Scanner } from './booking-types.ts';
import { followUpSteer } from './follow-up-steer.ts';
import { londonToIso } from './london-time.ts';

const FORM = 'book';
const FIELDS = ['scannerId', 'startsAt', 'scannerOverrideReason'] as const;

/**
 * Books an authorised referral (POST /api/appointments; ROS 4.4). The scanner is the calendar's; a time
 * picked on the calendar fills the date and time, which can also be typed.
 */
export function BookForm(props: {
  detail: BookingDetail;
  scanners: readonly Scanner[];
  scannerId: string;
  onScanner: (id: string) => void;
  slot: { date: string; time: string } | null;
  onBooked: (a: BookedAppointment) => void;
  onSessionEnded: () => void;
}): ReactElement {
  const [date, setDate] = useState(props.slot?.date ?? '');
  const [time, setTime] = useState(props.slot?.time ?? '');
  const [overrideReason, setOverrideReason] = useState('');
  const action = useApiAction(props.onSessionEnded);
  useEffect(() => {
    if (props.slot) {
      setDate(props.slot.date);
      setTime(props.slot.time);
    }
  }, [props.slot]);
  const steer = followUpSteer(props.detail, props.scannerId);
  const r = props.detail.referral;
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void action.run(async () => {
      const booked = await apiJson<BookedAppointment>('/api/appointments', {
        method: 'POST',
        body: {
          referralId: r.id,
          scannerId: props.scannerId,
          startsAt: date !== '' && time !== '' ? londonToIso(date, time) : '',
          ...(steer?.overrideNeeded && overrideReason.trim() !== ''
            ? { scannerOverrideReason: overrideReason }
            : {}),
        },
      });
      props.onBooked(booked);
    });
  };
  return (
    <form onSubmit={submit} className="book-form" aria-labelledby={`${FORM}-heading`}>
      <h3 id={`${FORM}-heading`}>
        Book {patientName(props.detail.patient)} ({r.examination.toUpperCase()})
      </h3>
      {steer ? (
        <p className={steer.overrideNeeded ? 'steer steer-away' : 'steer'} role="note">
          {steer.text}
        </p>
      ) : (
        <p className="hint">First scan here: any {r.examination.toUpperCase()} scanner.</p>
      )}
      <div className="field">
        <label>
          Scanner
          <select
            value={props.scannerId}
            {...fieldProps(action.error, FORM, 'scannerId')}
            onChange={(e) => {
              props.onScanner(e.target.value);
            }}
          >
            {props.scanners.map((s) => (
              <option key={s.id} value={s.id}>
                {s.id} — {s.model}
              </option>
            ))}
          </select>
        </label>
        <FieldError error={action.error} formId={FORM} field="scannerId" />
      </div>
      <label>
        Date
        <input
          type="date"
          value={date}
          required
          {...fieldProps(action.error, FORM, 'startsAt')}
          onChange={(e) => {
            setDate(e.target.value);
          }}
        />
      </label>
      <div className="field">
        <label>
          Time (UK)
          <input
            type="time"
            value={time}
            required
            step={300}
            {...fieldProps(action.error, FORM, 'startsAt')}
            onChange={(e) => {
              setTime(e.target.value);
            }}
          />
        </label>
        <FieldError error={action.error} formId={FORM} field="startsAt" />
      </div>
      {steer?.overrideNeeded ? (
        <div className="field">
          <label>
            Reason for not using {props.detail.previousScan?.scannerId}
            <textarea
              rows={2}
              cols={40}
              value={overrideReason}
              {...fieldProps(action.error, FORM, 'scannerOverrideReason')}
              onChange={(e) => {
                setOverrideReason(e.target.value);
              }}
            />
          </label>
          <FieldError error={action.error} formId={FORM} field="scannerOverrideReason" />
        </div>
      ) : null}
      <FormError error={action.error} fields={FIELDS} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Booking…' : 'Book appointment'}
      </button>
    </form>
  );
}
