import type { DxaAssessment, SerialChange } from '@quantrad/densitometry';
import type { ReportBlock, ReportSection } from '../../document/report-document.ts';
import { listOrNone, longDate } from '../../document/format-values.ts';
import { reportWording } from '../../reference/report-data.ts';
import { capitalise, type Pronouns } from '../../terminology/pronouns.ts';
import type { DxaReportContext } from '../dxa-report-context.ts';
import { fraxReliabilitySentences } from '../frax-reliability.ts';
import { reportedSites, resultsTable } from '../results-table.ts';
import { siteInWords } from '../site-names.ts';

function scoreUsed(a: DxaAssessment): string {
  if (a.population === 'adult_t_score')
    // WHO criteria as ISCD 2019 applies them: the lowest T-score of lumbar spine, total hip and femoral neck.
    return 'The T-score (comparison with a healthy young adult) was used to classify bone density, using the lowest T-score of the lower spine, total hip and femoral neck.';
  if (a.population === 'adult_z_score')
    // ISCD 2019: Z-scores, not T-scores, for premenopausal women and men under 50.
    return 'The Z-score (comparison with people of the same age and sex) was used, as for premenopausal women and men under 50, for whom the young-adult comparison and its categories do not apply.';
  // ISCD Pediatric 2019: Z-scores for all children.
  return 'The Z-score (comparison with children of the same age and sex) was used, as for all children and young people.';
}

function referenceDatabase(a: DxaAssessment): string {
  const sources = new Set(
    reportedSites(a)
      .map((s) => (a.population === 'adult_t_score' ? s.tScoreSource : s.zScoreSource))
      .filter((s) => s !== null),
  );
  const names = [...sources].map((s) =>
    s === 'scanner'
      ? `the scanner manufacturer's reference database (${a.exam.scanner?.manufacturer ?? 'manufacturer not recorded'})`
      : `the ${s.replace('reference:', '')} reference`,
  );
  const kind = a.population === 'adult_t_score' ? 'T-scores' : 'Z-scores';
  return `${kind} come from ${names.length === 0 ? 'no reference database (no scores were available)' : names.join(' and ')}.`;
}

/** A change in plain words: real or within measurement error, and whether it matters (ROS 4.6). */
export function changeInPlainWords(c: SerialChange): string {
  const where = siteInWords(c);
  const since = longDate(c.sinceDate);
  const size = `${Math.abs(c.changePercent).toFixed(1)}% (${Math.abs(c.changePercentPerYear).toFixed(1)}% a year)`;
  const moved =
    c.changeGcm2 < 0 ? `fallen by ${size}` : c.changeGcm2 > 0 ? `risen by ${size}` : 'not changed';
  const head = `Since ${since}, bone density at ${where} has ${moved}.`;
  // ROS 4.6: results from different scanners should not be used to guide clinical decisions, so no
  // figure is printed that a reader could act on.
  if (!c.comparable)
    return `The scan of ${since} was on a different scanner without a cross-calibration, so results at ${where} cannot be compared and no change is reported; this scan is the new starting point for future comparisons.`;
  if (c.significant === null || c.lscGcm2 === null)
    return `${head} The service has no measured precision for this scanner and site, so it cannot say whether this is a real change.`;
  const lsc = `${c.lscGcm2.toFixed(3)} g/cm²`;
  if (!c.significant)
    return `${head} This is within the scanner's measurement error (the smallest change it can reliably detect is ${lsc}), so bone density here is best described as stable.`;
  return c.direction === 'loss'
    ? `${head} This is larger than the smallest change this scanner can reliably detect (${lsc}), so it is a real loss of bone density, and it is clinically significant.`
    : `${head} This is larger than the smallest change this scanner can reliably detect (${lsc}), so it is a real gain in bone density.`;
}

function riskInputs(ctx: DxaReportContext): string | null {
  const a = ctx.assessment;
  const r = a.fractureRisk;
  if (r === null) return null;
  const height = a.exam.heightCm === null ? 'height not recorded' : `height ${String(a.exam.heightCm)} cm`;
  const weight = a.exam.weightKg === null ? 'weight not recorded' : `weight ${String(a.exam.weightKg)} kg`;
  return `Fracture risk was calculated with ${r.tool} ${r.withBmd ? 'including' : 'without'} bone density, using: age ${String(a.ageYears)}, sex ${a.exam.sex}, ${height}, ${weight}; risk factors: ${listOrNone(ctx.referral.fractureRiskFactors, 'none recorded')}.`;
}

function reliability(a: DxaAssessment): string[] {
  const items: string[] = [];
  for (const e of a.excludedVertebrae)
    items.push(
      `${e.vertebra} was left out of the spine result (${e.reason}), as ISCD advises for a vertebra affected by a fracture, artefact or local structural change.`,
    );
  for (const s of a.sites.filter(
    (site) => !site.usable && (site.vertebraeUsed === null || site.vertebraeUsed.length >= 2),
  )) {
    items.push(`${capitalise(siteInWords(s))} was not used: ${s.notUsableReason ?? 'not interpretable'}.`);
  }
  for (const n of a.exam.technicalNotes)
    items.push(
      `Noted at the scan (${n.kind}${n.site === null ? '' : `, ${n.side ? `${n.side} ` : ''}${n.site}`}): ${n.note}.`,
    );
  const scanner = a.exam.scanner;
  if (scanner !== null) {
    const changed = a.exam.priors.filter((p) => p.scannerId !== null && p.scannerId !== scanner.id);
    for (const p of changed)
      items.push(`The scan of ${longDate(p.date)} was on a different scanner (${p.scannerId ?? ''}).`);
  }
  const exclusionWarning = /excluded from the spine/;
  // Engine warnings name their source for the reporter; the report gives the words without it.
  const citation = /\s*\((?:ISCD|ROS|ACR|NOGG)[^)]*\)$/;
  for (const w of a.warnings.filter((w) => !exclusionWarning.test(w)))
    items.push(`Analysis note: ${w.replace(citation, '')}.`);
  return items.length > 0
    ? items
    : ['No artefacts or technical problems were recorded; the measurements are considered reliable.'];
}

/** ROS Appendix 4C: technical information and limitations of bone density and fracture risk. */
export function technicalSection(ctx: DxaReportContext, p: Pronouns): ReportSection {
  const a = ctx.assessment;
  const w = reportWording;
  const blocks: ReportBlock[] = [
    { kind: 'subheading', text: 'Bone mineral density' },
    {
      kind: 'paragraph',
      text: `${w.standardStatements.bmdIsPartOfRisk} ${w.standardStatements.notOnBmdAlone}`,
    },
    resultsTable(a),
    { kind: 'paragraph', text: scoreUsed(a) },
    { kind: 'paragraph', text: referenceDatabase(a) },
  ];
  if (a.changes.length > 0)
    blocks.push(
      { kind: 'subheading', text: 'Change since previous scans' },
      { kind: 'list', items: a.changes.map(changeInPlainWords) },
    );
  const inputs = riskInputs(ctx);
  if (inputs !== null) {
    blocks.push({ kind: 'subheading', text: 'Fracture risk score' }, { kind: 'paragraph', text: inputs });
    blocks.push({ kind: 'paragraph', text: fraxReliabilitySentences(a, ctx.referral, p).join(' ') });
  }
  blocks.push({ kind: 'subheading', text: 'Ethnicity' });
  const ethnicity = ctx.patient.ethnicity ?? a.exam.ethnicity;
  const ethnicityKnown =
    ethnicity === null ? 'Ethnicity was not recorded. ' : `Recorded ethnicity: ${ethnicity}. `;
  blocks.push({
    kind: 'paragraph',
    text:
      a.population === 'adult_t_score'
        ? `${ethnicityKnown}${w.ethnicity.tScoreReference} ${w.ethnicity.limitation}`
        : `${ethnicityKnown}Reference values for bone density come mostly from white populations, so comparisons with them may be less exact for people from minority ethnic backgrounds.`,
  });
  blocks.push(
    { kind: 'subheading', text: 'Reliability of the measurements' },
    { kind: 'list', items: reliability(a) },
  );
  return { id: 'technical-information', heading: 'Technical information and limitations', blocks };
}
