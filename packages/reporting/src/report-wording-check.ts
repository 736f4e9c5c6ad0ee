import type { ReportDocument } from './document/report-document.ts';
import type { AnyReportContext, ReportIssue } from './report-context.ts';
import { renderText } from './render/render-text.ts';
import { checkTerminology, type TerminologyContext } from './terminology/check-terminology.ts';
import { resolvePronouns } from './terminology/pronouns.ts';

function population(c: AnyReportContext): TerminologyContext['population'] {
  if (c.kind === 'dxa') return c.context.assessment.population;
  if (c.kind === 'qct') return c.context.qct.population;
  return 'unknown';
}

/** Typed-in text that goes into the report, by where it sits in CONTEXT.json. */
function freeText(c: AnyReportContext): [(string | number)[], string][] {
  const r = c.context.referral;
  const fields: [(string | number)[], string][] = [
    ...r.indications.map((t, i): [(string | number)[], string] => [['referral', 'indications', i], t]),
    ...r.fractures.flatMap((f, i): [(string | number)[], string][] =>
      f.description ? [[['referral', 'fractures', i, 'description'], f.description]] : [],
    ),
    ...r.osteoporosisTreatments.map((t, i): [(string | number)[], string] => [
      ['referral', 'osteoporosisTreatments', i],
      t,
    ]),
    ...r.fractureRiskFactors.map((t, i): [(string | number)[], string] => [
      ['referral', 'fractureRiskFactors', i],
      t,
    ]),
    ...r.fallsRiskFactors.map((t, i): [(string | number)[], string] => [
      ['referral', 'fallsRiskFactors', i],
      t,
    ]),
    ...r.fractureRiskAdjustments.map((t, i): [(string | number)[], string] => [
      ['referral', 'fractureRiskAdjustments', i],
      t,
    ]),
  ];
  if (c.kind === 'dxa') {
    const f = c.context.findings;
    if (f.vfa) fields.push([['findings', 'vfa', 'summary'], f.vfa.summary]);
    f.bloodTests.forEach((b, i) => fields.push([['findings', 'bloodTests', i, 'result'], b.result]));
    if (f.reporterComment) fields.push([['findings', 'reporterComment'], f.reporterComment]);
  }
  if (c.kind === 'qct') {
    c.context.qct.incidentalFindings.forEach((t, i) => fields.push([['qct', 'incidentalFindings', i], t]));
    c.context.qct.artefacts.forEach((t, i) => fields.push([['qct', 'artefacts', i], t]));
  }
  return fields;
}

/** Who the report is about, as the wording rules need it for a reporter's typed-in text (ROS 4.6). */
export function freeTextWordingContext(c: AnyReportContext): TerminologyContext {
  return {
    population: population(c),
    pronouns: c.context.patient.pronouns === undefined ? null : resolvePronouns(c.context.patient.pronouns),
    scope: 'free_text',
  };
}

/**
 * The wording rules (ROS 4.6, ISCD 2019) on a report: each typed-in field first, so the reporter is told
 * which field to fix, then the whole rendered report.
 */
export function checkReportWording(c: AnyReportContext, document: ReportDocument): ReportIssue[] {
  const context = freeTextWordingContext(c);
  const fieldIssues = freeText(c).flatMap(([path, text]) =>
    checkTerminology(text, context).map((v) => ({ path, message: v.message })),
  );
  if (fieldIssues.length > 0) return fieldIssues;
  return checkTerminology(renderText(document), { ...context, scope: 'report' }).map((v) => ({
    path: [],
    message: `${v.message}${v.excerpt ? `: "…${v.excerpt}…"` : ''}`,
  }));
}
