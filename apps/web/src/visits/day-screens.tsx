import { useState, type ReactElement } from 'react';
import { useDayRoute } from './day-route.ts';
import { localIsoDate } from './local-date.ts';
import { ResultsScreen } from './results-screen.tsx';
import { TodaysList } from './todays-list.tsx';
import { VisitScreen } from './visit-screen.tsx';

/** The day's list and what opens from it: a scan visit, a visit's results. The chosen day is kept. */
export function DayScreens(props: { onSessionEnded: () => void }): ReactElement {
  const route = useDayRoute();
  const [date, setDate] = useState(() => localIsoDate(new Date()));
  if (route.view === 'visit')
    return (
      <VisitScreen
        key={route.appointmentId}
        date={route.date}
        appointmentId={route.appointmentId}
        onSessionEnded={props.onSessionEnded}
      />
    );
  if (route.view === 'results')
    return (
      <ResultsScreen key={route.visitId} visitId={route.visitId} onSessionEnded={props.onSessionEnded} />
    );
  return <TodaysList date={date} onDateChange={setDate} onSessionEnded={props.onSessionEnded} />;
}
