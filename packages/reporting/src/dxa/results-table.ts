import type { AssessedSite, DxaAssessment, SerialChange } from '@quantrad/densitometry';
import type { ReportBlock } from '../document/report-document.ts';
import { signedPercent, signedScore } from '../document/format-values.ts';
import { siteArea, siteGroup } from './site-names.ts';

/** The sites a reader needs: spine composites, hips and forearm (single vertebrae stay in the printout). */
export function reportedSites(a: DxaAssessment): AssessedSite[] {
  return a.sites.filter((s) => s.usable && (s.vertebraeUsed === null || s.vertebraeUsed.length >= 2));
}

function changeCell(site: AssessedSite, changes: readonly SerialChange[]): string {
  const c = changes.find((ch) => ch.site === site.site && ch.side === site.side);
  if (c === undefined) return '–';
  if (!c.comparable) return `not comparable (since ${c.sinceDate})`;
  return `${signedPercent(c.changePercent)} since ${c.sinceDate}`;
}

/** ROS Appendix 4C example results table; children and Z-score adults have no T-score column (ISCD 2019). */
export function resultsTable(a: DxaAssessment): ReportBlock {
  const showT = a.population === 'adult_t_score';
  const heightAdjusted = a.sites.some((s) => s.zScoreHeightAdjusted !== null);
  const columns = [
    'Site',
    'Area',
    'Date of measurement',
    'BMD g/cm²',
    ...(showT ? ['T-score (young adult)'] : []),
    heightAdjusted ? 'Z-score (age matched, height adjusted)' : 'Z-score (age matched)',
    'Change since previous scan',
  ];
  const rows = reportedSites(a).map((s) => [
    siteGroup(s),
    siteArea(s),
    a.exam.date,
    s.bmdGcm2.toFixed(3),
    ...(showT ? [signedScore(s.tScore)] : []),
    signedScore(s.zScoreHeightAdjusted ?? s.zScore),
    changeCell(s, a.changes),
  ]);
  return { kind: 'table', caption: 'Results', columns, rows };
}
