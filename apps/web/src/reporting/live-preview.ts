// The report as it will read with what the reporter is typing, rendered in the browser by the reporting
// package's own code (build the ROS report from its stored context, render it to HTML), not a copy of it.
import { buildReport } from '../../../../packages/reporting/src/build-report.ts';
import { renderHtml } from '../../../../packages/reporting/src/render/render-html.ts';
import { parseReportContext } from '../../../../packages/reporting/src/report-context.ts';

/** The report's HTML with this comment in place of the stored one; null when the context does not read. */
export function livePreviewHtml(
  context: Record<string, unknown>,
  comment: string,
  reportDate: string,
): string | null {
  const stored = context.findings;
  const findings: Record<string, unknown> =
    typeof stored === 'object' && stored !== null ? { ...(stored as Record<string, unknown>) } : {};
  delete findings.reporterComment;
  // The server keeps the comment trimmed, and none at all when it is empty.
  const trimmed = comment.trim();
  if (trimmed !== '') findings.reporterComment = trimmed;
  const parsed = parseReportContext({ ...context, findings });
  if (!parsed.ok) return null;
  return renderHtml(buildReport(parsed.value, reportDate));
}
