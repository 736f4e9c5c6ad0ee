import type { DxaAssessment, FractureRiskResult, FractureRiskThresholds } from '@quantrad/densitometry';
import type { ReportBlock, ReportSection } from '../../document/report-document.ts';
import { signedScore } from '../../document/format-values.ts';
import type { DxaReportContext } from '../dxa-report-context.ts';
import { integratedStatement } from '../integrated-statement.ts';
import { primaryCareCodes } from '../primary-care-codes.ts';
import { siteInWords } from '../site-names.ts';

/** A probability as the reader needs it: one decimal place at most. */
function percent(value: number): string {
  return `${String(Number(value.toFixed(1)))}%`;
}

function aboveOrBelow(percent: number, t: FractureRiskThresholds): string {
  return percent >= t.interventionPercent ? 'above' : 'below';
}

/** ROS Appendix 4A: fracture risk with its thresholds, and whether it is above or below intervention. */
export function fractureRiskLines(r: FractureRiskResult, ageYears: number): string[] {
  const method = `${r.tool} ${r.withBmd ? 'with' : 'without'} bone density`;
  const lines = [
    `${method}: 10-year probability of a major osteoporotic fracture ${String(r.majorOsteoporoticPercent)}%, of a hip fracture ${String(r.hipPercent)}%.`,
  ];
  if (r.thresholds !== null && r.thresholdAgeYears !== null) {
    const t = r.thresholds;
    // A provisional table's figures are not NOGG's own: said as approximate (see the fracture-risk reasons).
    const about = r.thresholdsProvisional ? 'about ' : '';
    lines.push(
      `NOGG intervention thresholds at age ${String(ageYears)}${ageYears > r.thresholdAgeYears ? ` (the same from age ${String(r.thresholdAgeYears)})` : ''}: major osteoporotic fracture ${about}${percent(t.majorOsteoporotic.interventionPercent)} (the result is ${aboveOrBelow(r.majorOsteoporoticPercent, t.majorOsteoporotic)} it); hip fracture ${about}${percent(t.hip.interventionPercent)} (the result is ${aboveOrBelow(r.hipPercent, t.hip)} it).`,
      // ROS 4.6: "increased (very high) fracture risk", never "very high risk" alone.
      `NOGG thresholds for increased (very high) fracture risk: major osteoporotic fracture ${about}${percent(t.majorOsteoporotic.veryHighRiskPercent)}, hip fracture ${about}${percent(t.hip.veryHighRiskPercent)}.`,
    );
    if (r.thresholdsProvisional) {
      lines.push(
        'These thresholds are approximate: they were derived by the NOGG method, not taken from the published NOGG table.',
      );
    }
  } else {
    lines.push('The NOGG thresholds do not cover this result, so it was not compared with them.');
  }
  return lines;
}

function classifyingSentence(a: DxaAssessment): string | null {
  const c = a.classification;
  if (c === null) return null;
  const kind =
    c.scoreKind === 't_score' ? 'T-score' : c.scoreKind === 'z_score' ? 'Z-score' : 'height-adjusted Z-score';
  return `The bone density category is based on the lowest result, at ${siteInWords(c)}: ${kind} ${signedScore(c.score)}.`;
}

/** ROS Appendix 4C: diagnosis and results summary. */
export function diagnosisSection(ctx: DxaReportContext, clinicalDiagnosis: string | null): ReportSection {
  const a = ctx.assessment;
  const blocks: ReportBlock[] = [
    { kind: 'paragraph', text: integratedStatement(a, clinicalDiagnosis), emphasis: true },
  ];
  const deciding = classifyingSentence(a);
  if (deciding !== null) blocks.push({ kind: 'paragraph', text: deciding });
  if (clinicalDiagnosis !== null) {
    blocks.push({
      kind: 'paragraph',
      // ROS Appendix 4A: a clinical diagnosis of osteoporosis in the pre-agreed circumstances.
      text: `The clinical diagnosis of osteoporosis is made because of a ${clinicalDiagnosis}; it does not depend on the bone density result.`,
    });
  }
  const codes = primaryCareCodes(a, clinicalDiagnosis);
  if (codes.length > 0) {
    blocks.push({ kind: 'subheading', text: 'Primary care codes (SNOMED CT)' });
    blocks.push({ kind: 'list', items: codes.map((c) => `${c.code}: ${c.wording}`) });
  }
  if (a.fractureRisk !== null) {
    blocks.push({ kind: 'subheading', text: 'Fracture risk estimates' });
    blocks.push({ kind: 'list', items: fractureRiskLines(a.fractureRisk, a.ageYears) });
  }
  if (ctx.findings.vfa !== undefined) {
    blocks.push({ kind: 'subheading', text: 'Vertebral fracture assessment (VFA)' });
    blocks.push({ kind: 'paragraph', text: ctx.findings.vfa.summary });
  }
  if (ctx.findings.bloodTests.length > 0) {
    blocks.push({ kind: 'subheading', text: 'Blood test results' });
    blocks.push({ kind: 'list', items: ctx.findings.bloodTests.map((b) => `${b.test}: ${b.result}`) });
  }
  return { id: 'diagnosis-and-results-summary', heading: 'Diagnosis and results summary', blocks };
}
