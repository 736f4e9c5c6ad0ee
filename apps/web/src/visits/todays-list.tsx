import { useState, type ReactElement } from 'react';
import { ErrorAlert } from '../error-alert.tsx';
import { useApiData } from '../use-api-data.ts';
import { resultsHref, visitHref } from './day-route.ts';
import { localIsoDate, localTime } from './local-date.ts';
import { qcStatusText } from './qc-gate.tsx';
import type { DayList, DayListEntry, ScannerStatus } from './visit-types.ts';

function stateText(entry: DayListEntry): string {
  if (entry.visit !== null)
    return entry.visit.outcome === 'scanned' ? 'attended: scanned' : 'attended: not scanned';
  return entry.appointment.state.replace(/_/g, ' ');
}

function Action(props: { entry: DayListEntry; date: string }): ReactElement | null {
  const { entry } = props;
  const name = `${entry.patient.givenNames} ${entry.patient.familyName}`;
  if (entry.visit?.outcome === 'scanned')
    return <a href={resultsHref(entry.visit.id)}>{`Results for ${name}`}</a>;
  if (entry.visit === null && entry.appointment.state === 'booked')
    return <a href={visitHref(props.date, entry.appointment.id)}>{`Open visit for ${name}`}</a>;
  return null;
}

/**
 * The day's list (ROS 4.5): each scanner's appointments by time, with the scanner's daily QC today at the
 * top, since no patient is scanned on a scanner whose QC has not passed (ROS 5.1).
 */
export function TodaysList(props: {
  onSessionEnded: () => void;
  date: string;
  onDateChange: (date: string) => void;
}): ReactElement {
  const [scannerFilter, setScannerFilter] = useState('');
  const scanners = useApiData<ScannerStatus[]>('/api/scanners', props.onSessionEnded);
  const day = useApiData<DayList>(
    /^\d{4}-\d{2}-\d{2}$/.test(props.date) ? `/api/visits/day?date=${props.date}` : null,
    props.onSessionEnded,
  );
  const isToday = props.date === localIsoDate(new Date());
  const shown = (scanners.data ?? []).filter((s) => scannerFilter === '' || s.id === scannerFilter);
  return (
    <section aria-labelledby="todays-list-heading" className="todays-list">
      <h1 id="todays-list-heading">Today&apos;s list</h1>
      <div className="filters">
        <label>
          Day
          <input
            type="date"
            value={props.date}
            onChange={(e) => {
              props.onDateChange(e.target.value);
            }}
          />
        </label>
        <label>
          Scanner
          <select
            value={scannerFilter}
            onChange={(e) => {
              setScannerFilter(e.target.value);
            }}
          >
            <option value="">All scanners</option>
            {(scanners.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.id}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorAlert message={scanners.error ?? day.error} />
      <h2>Daily QC today</h2>
      <ul className="qc-status-list">
        {shown.map((s) => (
          <li
            key={s.id}
            className={
              s.dailyQcToday === 'passed' && !s.withEngineer && !s.awaitingRelease
                ? 'qc-passed'
                : 'qc-not-passed'
            }
          >
            <strong>{s.id}</strong> {`(${s.model}): ${qcStatusText(s)}`}
            {s.dailyQcToday !== 'passed' && s.modality === 'dxa' && !s.awaitingRelease ? (
              <>
                {' '}
                <a href="#/phantom-qa">{`Record ${s.id}'s phantom scan`}</a>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {day.data === null && day.error === null ? <p aria-live="polite">Loading the list…</p> : null}
      {day.data
        ? shown.map((s) => {
            const entries = (day.data?.appointments ?? []).filter((e) => e.appointment.scannerId === s.id);
            return (
              <table key={s.id} className="day-list">
                <caption>{`${s.id}: ${String(entries.length)} appointment${entries.length === 1 ? '' : 's'}${isToday ? ' today' : ` on ${props.date}`}`}</caption>
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col">Patient</th>
                    <th scope="col">Born (age)</th>
                    <th scope="col">NHS number</th>
                    <th scope="col">Examination</th>
                    <th scope="col">State</th>
                    <th scope="col">
                      <span className="visually-hidden">Action</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {entries.length === 0 ? (
                    <tr>
                      <td colSpan={7}>No appointments.</td>
                    </tr>
                  ) : (
                    entries.map((e) => (
                      <tr key={e.appointment.id}>
                        <td>{localTime(e.appointment.startsAt)}</td>
                        <td>{`${e.patient.familyName}, ${e.patient.givenNames}`}</td>
                        <td>{`${e.patient.birthDate} (${String(e.patient.ageYears)})`}</td>
                        <td>{e.patient.identifier}</td>
                        <td>{e.examination.toUpperCase()}</td>
                        <td>{stateText(e)}</td>
                        <td>
                          <Action entry={e} date={props.date} />
                        </td>
                      </tr>
                    ))
                  )}
                </tbody>
              </table>
            );
          })
        : null}
    </section>
  );
}
