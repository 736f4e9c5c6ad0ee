import { useRef, type KeyboardEvent, type ReactElement } from 'react';
import { patientName } from '../referrals/referral-types.ts';
import type { CalendarAppointment } from './booking-types.ts';
import { coveredSlots, placeAppointment, slotTimes, weekDays, type Placement } from './calendar-geometry.ts';
import { dayLabel, londonWallTime } from './london-time.ts';

const STATE_WORDS: Record<CalendarAppointment['state'], string> = {
  booked: 'booked',
  attended: 'attended',
  did_not_attend: 'did not attend',
  cancelled: 'cancelled',
};

/**
 * One scanner's week: days across, half-hours down, each appointment a block (a button that opens it).
 * While a referral is being booked, each free half-hour is a button that picks that time. Arrow keys move
 * between the calendar's buttons by day and time; every one has a name that says what it is.
 */
export function WeekCalendar(props: {
  scannerId: string;
  monday: string;
  /** Today (UK): earlier slots are not offered. */
  today: string;
  appointments: readonly CalendarAppointment[];
  chosenAppointmentId: string | null;
  /** Free slots are offered only while a referral is chosen for booking. */
  offerSlots: boolean;
  chosenSlot: { date: string; time: string } | null;
  onSlot: (date: string, time: string) => void;
  onAppointment: (a: CalendarAppointment) => void;
}): ReactElement {
  const days = weekDays(props.monday);
  const times = slotTimes();
  const grid = useRef<HTMLDivElement>(null);
  // Cancelled appointments freed their slot; they are not drawn.
  const shown = props.appointments.filter((a) => a.state !== 'cancelled');
  const placed: { a: CalendarAppointment; p: Placement }[] = [];
  const outside: CalendarAppointment[] = [];
  for (const a of shown) {
    const p = placeAppointment(days, a.startsAt, a.durationMinutes);
    if (p) placed.push({ a, p });
    else if (days.includes(londonWallTime(a.startsAt).date)) outside.push(a);
  }
  const covered = coveredSlots(
    days,
    placed.map((x) => x.p),
  );
  const move = (event: KeyboardEvent<HTMLDivElement>): void => {
    const step = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] }[event.key];
    const from = (event.target as HTMLElement).closest<HTMLElement>('[data-day]');
    if (!step || !from || !grid.current) return;
    const day = Number(from.dataset['day']);
    const row = Number(from.dataset['row']);
    const cells = [...grid.current.querySelectorAll<HTMLButtonElement>('button[data-day]')];
    // The nearest button in that direction: the same day further down or up, or the next day over.
    const [dx, dy] = step as [number, number];
    const ahead = cells
      .filter((c) => {
        const cd = Number(c.dataset['day']);
        const cr = Number(c.dataset['row']);
        return dx !== 0 ? Math.sign(cd - day) === dx : cd === day && Math.sign(cr - row) === dy;
      })
      .sort((a, b) => {
        const dist = (c: HTMLElement): number =>
          Math.abs(Number(c.dataset['day']) - day) * 100 + Math.abs(Number(c.dataset['row']) - row);
        return dist(a) - dist(b);
      });
    const next = ahead[0];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };
  return (
    <div className="week-calendar-wrap">
      <div
        ref={grid}
        className="week-calendar"
        role="group"
        aria-label={`${props.scannerId}: week of ${dayLabel(props.monday)}`}
        onKeyDown={move}
        style={{ gridTemplateRows: `auto repeat(${String(times.length)}, 1.6rem)` }}
      >
        <span className="cal-corner" style={{ gridColumn: 1, gridRow: 1 }} />
        {days.map((d, i) => (
          <span
            key={d}
            className={d === props.today ? 'cal-day cal-today' : 'cal-day'}
            style={{ gridColumn: i + 2, gridRow: 1 }}
          >
            {dayLabel(d)}
          </span>
        ))}
        {times.map((t, r) => (
          <span key={t} className="cal-time" style={{ gridColumn: 1, gridRow: r + 2 }}>
            {t.endsWith(':00') ? t : ''}
          </span>
        ))}
        {days.flatMap((d, i) =>
          times.map((t, r) => {
            if (covered.has(`${d}|${t}`)) return null;
            const style = { gridColumn: i + 2, gridRow: r + 2 };
            const past = d < props.today;
            if (!props.offerSlots || past)
              return <span key={`${d}|${t}`} className="cal-slot" style={style} />;
            const chosen = props.chosenSlot?.date === d && props.chosenSlot.time === t;
            return (
              <button
                key={`${d}|${t}`}
                type="button"
                className={chosen ? 'cal-slot cal-free cal-chosen' : 'cal-slot cal-free'}
                style={style}
                data-day={i}
                data-row={r}
                aria-pressed={chosen}
                aria-label={`Free: ${dayLabel(d)} ${t}`}
                onClick={() => {
                  props.onSlot(d, t);
                }}
              />
            );
          }),
        )}
        {placed.map(({ a, p }) => (
          <button
            key={a.id}
            type="button"
            className={`cal-block cal-${a.state}${a.id === props.chosenAppointmentId ? ' cal-open' : ''}`}
            style={{ gridColumn: p.dayIndex + 2, gridRow: `${String(p.row + 2)} / span ${String(p.rows)}` }}
            data-day={p.dayIndex}
            data-row={p.row}
            aria-pressed={a.id === props.chosenAppointmentId}
            onClick={() => {
              props.onAppointment(a);
            }}
          >
            <span className="cal-block-time">{londonWallTime(a.startsAt).time}</span> {patientName(a.patient)}
            {a.state !== 'booked' ? ` (${STATE_WORDS[a.state]})` : ''}
          </button>
        ))}
      </div>
      {outside.length > 0 ? (
        <p>
          Outside the hours shown:{' '}
          {outside.map((a) => `${patientName(a.patient)} ${londonWallTime(a.startsAt).time}`).join('; ')}
        </p>
      ) : null}
    </div>
  );
}
