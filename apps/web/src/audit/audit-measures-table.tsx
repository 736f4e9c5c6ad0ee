import type { ReactElement } from 'react';
import type { AuditMeasures, WaitMeasure } from './audit-types.ts';

function ofText(part: number, whole: number): string {
  return whole === 0
    ? `${String(part)} of 0`
    : `${String(part)} of ${String(whole)} (${((100 * part) / whole).toFixed(0)}%)`;
}

function waitText(w: WaitMeasure): string {
  return `${ofText(w.withinTarget, w.measured)} within ${String(w.targetDays)} days; ${String(w.notMeasured)} not measurable yet`;
}

/** Each measure the audit's data gives, as "so many of so many", with what failed. */
function rowsOf(m: AuditMeasures): { measure: string; result: string; detail: string }[] {
  const rows: { measure: string; result: string; detail: string }[] = [];
  if (m.reportCompliance) {
    const r = m.reportCompliance;
    rows.push({
      measure: 'Reports compliant with the ROS wording',
      result: `${ofText(r.compliant, r.checked)}; ${String(r.notIssued)} not issued`,
      detail: r.failedRules.map((f) => `${f.message} (${String(f.reports)})`).join('; '),
    });
  }
  if (m.timeToScan) rows.push({ measure: 'Referral to scan', result: waitText(m.timeToScan), detail: '' });
  if (m.timeToReport) rows.push({ measure: 'Scan to report', result: waitText(m.timeToReport), detail: '' });
  const checks = [
    ['Referrer entitled', m.referrerEntitlement],
    ['Referral justified', m.justification],
    ['Patient identified', m.identification],
    ['Pregnancy enquiry made', m.pregnancyEnquiry],
  ] as const;
  for (const [measure, c] of checks) {
    if (!c) continue;
    rows.push({
      measure,
      result: ofText(c.compliant, c.checked),
      detail: c.failures.flatMap((f) => f.problems ?? f.messages ?? []).join('; '),
    });
  }
  if (m.dnaRate)
    rows.push({
      measure: 'Did not attend',
      result: `${String(m.dnaRate.didNotAttend)} of ${String(m.dnaRate.attendedOrMissed)}${m.dnaRate.percent === null ? '' : ` (${m.dnaRate.percent.toFixed(1)}%)`}`,
      detail: '',
    });
  return rows;
}

/** What the data shows for the audit's sample (ROS 9.2), where its type can be checked from data. */
export function AuditMeasuresTable(props: { measures: AuditMeasures }): ReactElement {
  const rows = rowsOf(props.measures);
  if (rows.length === 0)
    return <p>This audit type is not checked from the data: record what was found below.</p>;
  return (
    <table className="audit-measures">
      <caption>What the data shows</caption>
      <thead>
        <tr>
          <th scope="col">Measure</th>
          <th scope="col">Result</th>
          <th scope="col">What failed</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.measure}>
            <th scope="row">{r.measure}</th>
            <td>{r.result}</td>
            <td>{r.detail || '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
