import { useEffect, useState, type ReactElement } from 'react';
import { ErrorAlert } from '../error-alert.tsx';
import type { ReferralPage } from '../referrals/referral-types.ts';
import { useApiData } from '../use-api-data.ts';
import { AppointmentPanel } from './appointment-panel.tsx';
import { BookForm } from './book-form.tsx';
import { BookingQueue } from './booking-queue.tsx';
import {
  MODALITY_OF_EXAM,
  type BookingDetail,
  type CalendarAppointment,
  type Scanner,
} from './booking-types.ts';
import { addDays, dayLabel, londonWallTime, mondayOf, shortDateTime } from './london-time.ts';
import { RemindersButton } from './reminders-button.tsx';
import { WeekCalendar } from './week-calendar.tsx';

const QUEUE_SIZE = 10;

/**
 * Booking (ROS 4.4): authorised referrals waiting, oldest first with the six-week clock; a week's
 * calendar for one scanner; book on a free slot, with follow-ups steered to the previous scan's scanner;
 * the letter to print; reminders, did-not-attend, cancel and rebook.
 */
export function BookingScreen(props: { onSessionEnded: () => void }): ReactElement {
  const [now] = useState(() => new Date());
  const today = londonWallTime(now).date;
  const [monday, setMonday] = useState(() => mondayOf(today));
  const [chosenScanner, setChosenScanner] = useState<string | null>(null);
  const [queueOffset, setQueueOffset] = useState(0);
  const [referralId, setReferralId] = useState<string | null>(null);
  const [appointment, setAppointment] = useState<CalendarAppointment | null>(null);
  const [slot, setSlot] = useState<{ date: string; time: string } | null>(null);
  const [changed, setChanged] = useState(0);
  const [message, setMessage] = useState<string | null>(null);

  const scannerList = useApiData<Scanner[]>('/api/scanners', props.onSessionEnded);
  const scanners = (scannerList.data ?? []).filter((s) => s.active);
  // DXA is most of the work: its first scanner is shown until another is chosen.
  const scannerId = chosenScanner ?? (scanners.find((s) => s.modality === 'dxa') ?? scanners[0])?.id ?? null;
  const week = useApiData<CalendarAppointment[]>(
    scannerId === null
      ? null
      : `/api/appointments?from=${monday}&to=${addDays(monday, 6)}&scannerId=${encodeURIComponent(scannerId)}`,
    props.onSessionEnded,
    null,
    changed,
  );
  const queue = useApiData<ReferralPage>(
    `/api/referrals?awaitingBooking=true&limit=${String(QUEUE_SIZE)}&offset=${String(queueOffset)}`,
    props.onSessionEnded,
    null,
    changed,
  );
  const detailLoad = useApiData<BookingDetail>(
    referralId === null ? null : `/api/referrals/${referralId}/booking`,
    props.onSessionEnded,
  );
  const detail = detailLoad.data?.referral.id === referralId ? detailLoad.data : null;

  // Steering: a follow-up goes to the previous scan's scanner (ROS 4.4); otherwise a scanner that does
  // the examination. Done once as the referral is chosen; the booker may still choose another.
  const steeredFor = detail?.referral.id ?? null;
  useEffect(() => {
    if (!detail) return;
    const wanted = MODALITY_OF_EXAM[detail.referral.examination];
    const previous = detail.previousScan?.scannerId;
    setChosenScanner((current) => {
      if (previous !== undefined && scanners.some((s) => s.id === previous)) return previous;
      const currentScanner = scanners.find((s) => s.id === current);
      if (currentScanner?.modality === wanted) return current;
      return scanners.find((s) => s.modality === wanted)?.id ?? current;
    });
    // Only when another referral is chosen: the scanner list is read, not watched.
  }, [steeredFor]);

  const forExam = detail
    ? scanners.filter((s) => s.modality === MODALITY_OF_EXAM[detail.referral.examination])
    : [];
  const error = scannerList.error ?? week.error ?? queue.error ?? detailLoad.error;
  const changedBy = (m: string): void => {
    setMessage(m);
    setSlot(null);
    setChanged((n) => n + 1);
  };
  return (
    <section aria-labelledby="booking-heading" className="booking-screen">
      <h1 id="booking-heading">Booking</h1>
      <div className="booking-toolbar">
        <label>
          Scanner
          <select
            value={scannerId ?? ''}
            onChange={(e) => {
              setChosenScanner(e.target.value);
              setSlot(null);
            }}
          >
            {scanners.map((s) => (
              <option key={s.id} value={s.id}>
                {s.id} ({s.modality.toUpperCase()}) — {s.model}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={() => {
            setMonday(addDays(monday, -7));
          }}
        >
          Previous week
        </button>
        <span className="week-label" aria-live="polite">
          Week of {dayLabel(monday)}
        </span>
        <button
          type="button"
          onClick={() => {
            setMonday(addDays(monday, 7));
          }}
        >
          Next week
        </button>
        <button
          type="button"
          onClick={() => {
            setMonday(mondayOf(today));
          }}
        >
          This week
        </button>
        <RemindersButton
          onSent={() => {
            setChanged((n) => n + 1);
          }}
          onSessionEnded={props.onSessionEnded}
        />
      </div>
      <ErrorAlert message={error} />
      {message ? (
        <p role="status" className="outcome">
          {message}
        </p>
      ) : null}
      <div className="booking-layout">
        <div className="booking-side">
          {queue.data ? (
            <BookingQueue
              page={queue.data}
              chosenId={referralId}
              onChoose={(id) => {
                setReferralId(id === referralId ? null : id);
                setAppointment(null);
                setSlot(null);
                setMessage(null);
              }}
              onOffset={setQueueOffset}
            />
          ) : null}
          {detail && scannerId !== null ? (
            <BookForm
              key={detail.referral.id}
              detail={detail}
              scanners={forExam}
              scannerId={scannerId}
              onScanner={(id) => {
                setChosenScanner(id);
                setSlot(null);
              }}
              slot={slot}
              onBooked={(a) => {
                setReferralId(null);
                setAppointment({ ...a, patient: detail.patient });
                setMonday(mondayOf(londonWallTime(a.startsAt).date));
                changedBy(
                  `Booked ${detail.patient.givenNames} ${detail.patient.familyName} for ${shortDateTime(a.startsAt)} on ${a.scannerId}: ${String(a.daysFromReceipt)} days from referral, ${a.withinSixWeeks ? 'within six weeks' : 'six weeks or more (DM01 breach)'}. The letter is below.`,
                );
              }}
              onSessionEnded={props.onSessionEnded}
            />
          ) : null}
        </div>
        <div className="booking-main">
          {scannerId !== null && week.data ? (
            <WeekCalendar
              scannerId={scannerId}
              monday={monday}
              today={today}
              appointments={week.data}
              chosenAppointmentId={appointment?.id ?? null}
              offerSlots={detail !== null || appointment?.state === 'booked'}
              chosenSlot={slot}
              onSlot={(date, time) => {
                setSlot({ date, time });
              }}
              onAppointment={(a) => {
                setAppointment(a);
                setReferralId(null);
                setSlot(null);
                setMessage(null);
              }}
            />
          ) : null}
          {appointment && scannerId !== null ? (
            <AppointmentPanel
              key={appointment.id}
              appointment={week.data?.find((a) => a.id === appointment.id) ?? appointment}
              scannerId={scannerId}
              slot={slot}
              now={now}
              reload={changed}
              onChanged={(m, next) => {
                setAppointment(next);
                if (next) setMonday(mondayOf(londonWallTime(next.startsAt).date));
                changedBy(m);
              }}
              onSessionEnded={props.onSessionEnded}
            />
          ) : null}
        </div>
      </div>
    </section>
  );
}
