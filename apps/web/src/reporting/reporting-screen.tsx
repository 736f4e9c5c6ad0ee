import { useEffect, useState, type ReactElement } from 'react';
import { ReportEditor } from './report-editor.tsx';
import { ReportingWorklist } from './reporting-worklist.tsx';

/** The report an address names (#/reporting/<reportId>), or null for the worklist (#/reporting). */
export function reportIdOf(hash: string): string | null {
  const match = /^#\/reporting\/([0-9a-f-]{36})$/i.exec(hash);
  return match?.[1] ?? null;
}

/** Reporting: the worklist, or one report in the editor, as the address says. */
export function ReportingScreen(props: { onSessionEnded: () => void }): ReactElement {
  const [reportId, setReportId] = useState(() => reportIdOf(window.location.hash));
  useEffect(() => {
    const follow = (): void => {
      setReportId(reportIdOf(window.location.hash));
    };
    window.addEventListener('hashchange', follow);
    return () => {
      window.removeEventListener('hashchange', follow);
    };
  }, []);
  return reportId === null ? (
    <ReportingWorklist onSessionEnded={props.onSessionEnded} />
  ) : (
    <ReportEditor key={reportId} reportId={reportId} onSessionEnded={props.onSessionEnded} />
  );
}
