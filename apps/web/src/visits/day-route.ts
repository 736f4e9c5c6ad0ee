import { useEffect, useState } from 'react';

// The addresses within the day's list: #/today, #/today/visit/<date>/<appointmentId> and
// #/today/results/<visitId>.

export type DayRoute =
  | { view: 'list' }
  | { view: 'visit'; date: string; appointmentId: string }
  | { view: 'results'; visitId: string };

export function dayRouteOf(hash: string): DayRoute {
  const visit = /^#\/today\/visit\/(\d{4}-\d{2}-\d{2})\/([0-9a-f-]{36})$/.exec(hash);
  if (visit?.[1] !== undefined && visit[2] !== undefined)
    return { view: 'visit', date: visit[1], appointmentId: visit[2] };
  const results = /^#\/today\/results\/([0-9a-f-]{36})$/.exec(hash);
  if (results?.[1] !== undefined) return { view: 'results', visitId: results[1] };
  return { view: 'list' };
}

export function visitHref(date: string, appointmentId: string): string {
  return `#/today/visit/${date}/${appointmentId}`;
}

export function resultsHref(visitId: string): string {
  return `#/today/results/${visitId}`;
}

/** The route within the day's list, following the address. */
export function useDayRoute(): DayRoute {
  const [route, setRoute] = useState(() => dayRouteOf(window.location.hash));
  useEffect(() => {
    const follow = (): void => {
      setRoute(dayRouteOf(window.location.hash));
    };
    window.addEventListener('hashchange', follow);
    return () => {
      window.removeEventListener('hashchange', follow);
    };
  }, []);
  return route;
}
