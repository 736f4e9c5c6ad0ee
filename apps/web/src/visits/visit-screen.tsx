import { useState, type ReactElement } from 'react';
import { ErrorAlert } from '../error-alert.tsx';
import { useApiData } from '../use-api-data.ts';
import { resultsHref } from './day-route.ts';
import { localTime } from './local-date.ts';
import { ScanVisitForm, type RecordedVisit } from './scan-visit-form.tsx';
import type { DayList, ScannerStatus } from './visit-types.ts';

/** One appointment's scan visit, opened from the day's list. */
export function VisitScreen(props: {
  date: string;
  appointmentId: string;
  onSessionEnded: () => void;
}): ReactElement {
  const [recorded, setRecorded] = useState<RecordedVisit | null>(null);
  const day = useApiData<DayList>(`/api/visits/day?date=${props.date}`, props.onSessionEnded);
  const scanners = useApiData<ScannerStatus[]>('/api/scanners', props.onSessionEnded);
  const entry = day.data?.appointments.find((e) => e.appointment.id === props.appointmentId);
  const scanner = scanners.data?.find((s) => s.id === entry?.appointment.scannerId);
  const visit: RecordedVisit | null =
    recorded ?? (entry?.visit ? { ...entry.visit, notScannedReason: null } : null);
  return (
    <section aria-labelledby="visit-heading" className="visit-screen">
      <p>
        <a href="#/today">Back to the day&apos;s list</a>
      </p>
      <h1 id="visit-heading">
        {entry
          ? `Scan visit: ${entry.patient.givenNames} ${entry.patient.familyName}, ${localTime(entry.appointment.startsAt)} on ${entry.appointment.scannerId}`
          : 'Scan visit'}
      </h1>
      <ErrorAlert message={day.error ?? scanners.error} />
      {day.data && !entry ? <p role="alert">No such appointment on {props.date}.</p> : null}
      {visit !== null ? (
        <div role="status" className="visit-recorded">
          <p>
            {visit.outcome === 'scanned'
              ? `Visit recorded: scanned (${visit.sitesScanned.map((s) => s.replace(/_/g, ' ')).join(', ')}).`
              : `Visit recorded: not scanned${visit.notScannedReason !== null ? ` (${visit.notScannedReason})` : ''}.`}
          </p>
          {visit.outcome === 'scanned' ? <a href={resultsHref(visit.id)}>Enter the results</a> : null}
        </div>
      ) : entry && scanners.data && day.data ? (
        <ScanVisitForm
          entry={entry}
          scanner={scanner}
          enquiryAgeYears={day.data.pregnancyEnquiryAgeYears}
          onRecorded={setRecorded}
          onSessionEnded={props.onSessionEnded}
        />
      ) : day.error === null ? (
        <p aria-live="polite">Loading…</p>
      ) : null}
    </section>
  );
}
