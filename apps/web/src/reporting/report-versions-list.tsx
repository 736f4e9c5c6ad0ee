import { useState, type ReactElement } from 'react';
import { ErrorAlert } from '../error-alert.tsx';
import type { ReportVersions } from './reporting-types.ts';
import { useApiText } from './use-api-text.ts';

function when(iso: string | null): string {
  return iso === null ? '–' : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** Every version of a report, kept (ROS 4.6): who wrote and signed it, when, why; each one can be read. */
export function ReportVersionsList(props: {
  report: ReportVersions;
  reload: number;
  onSessionEnded: () => void;
}): ReactElement {
  const [shown, setShown] = useState<number | null>(null);
  const { text: html, error } = useApiText(
    shown === null ? null : `/api/reports/${props.report.id}/versions/${String(shown)}?format=html`,
    props.onSessionEnded,
    props.reload,
  );
  return (
    <section aria-labelledby="report-versions-heading" className="report-versions">
      <h2 id="report-versions-heading">Versions</h2>
      <table>
        <caption>{`${String(props.report.versions.length)} version${props.report.versions.length === 1 ? '' : 's'} kept`}</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Written</th>
            <th scope="col">Signed</th>
            <th scope="col">Reason</th>
            <th scope="col">Issued</th>
            <th scope="col">Read it</th>
          </tr>
        </thead>
        <tbody>
          {props.report.versions.map((v) => (
            <tr key={v.version}>
              <th scope="row">{v.version}</th>
              <td>
                <time dateTime={v.createdAt}>{when(v.createdAt)}</time>
                {` by ${v.createdBy}`}
              </td>
              <td>
                {v.signedAt === null ? (
                  'Not signed'
                ) : (
                  <>
                    <time dateTime={v.signedAt}>{when(v.signedAt)}</time>
                    {` by ${v.signedBy ?? ''}`}
                  </>
                )}
              </td>
              <td>{v.reason ?? '–'}</td>
              <td>{props.report.issuedVersion === v.version ? 'Issued' : '–'}</td>
              <td>
                <button
                  type="button"
                  aria-pressed={shown === v.version}
                  onClick={() => {
                    setShown(shown === v.version ? null : v.version);
                  }}
                >
                  {`View version ${String(v.version)}`}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorAlert message={error} />
      {shown !== null && html !== null ? (
        <iframe
          className="report-preview"
          title={`Report version ${String(shown)}`}
          sandbox=""
          srcDoc={html}
        />
      ) : null}
    </section>
  );
}
