import type { DxaAssessment, SerialChange } from '@quantrad/densitometry';
import type { ReportBlock, ReportSection } from '../../document/report-document.ts';
import { longDate } from '../../document/format-values.ts';
import { reportWording } from '../../reference/report-data.ts';
import { be, capitalise, type Pronouns } from '../../terminology/pronouns.ts';
import type { DxaReportContext } from '../dxa-report-context.ts';
import { bmdPhrase } from '../integrated-statement.ts';
import { siteInWords } from '../site-names.ts';

// ROS Appendix 4C: clinical interpretation and recommendations, in lay language, actions as "consider"
// (INDEX: "consider" encourages shared decision-making).

function layResult(a: DxaAssessment, p: Pronouns, clinicalDiagnosis: boolean): string {
  const c = a.classification;
  if (c === null)
    return 'The scan could not be used to classify bone density (see the technical information).';
  const where = siteInWords(c);
  switch (c.category) {
    case 'osteoporosis':
      return `The scan shows osteoporotic bone density: bone density is low enough to be in the osteoporosis range, lowest at ${where}.`;
    case 'low_bone_density':
      // ROS 4.6: one WHO term per report, so the osteoporosis range is not named here.
      return `The scan shows low bone density (osteopenia), lowest at ${where}: bone density is a little below the average for a healthy young adult.${clinicalDiagnosis ? '' : ' This is common with age and is not a disease in itself.'}`;
    case 'normal':
      return 'The scan shows normal bone density.';
    case 'within_expected_range':
      return `The scan shows ${bmdPhrase(a)}: bone density is within the range expected for ${p.possessive} age.`;
    case 'below_expected_range':
      return `The scan shows ${bmdPhrase(a)}: bone density is lower than expected for ${p.possessive} age, lowest at ${where}.`;
  }
}

function treatmentAdvice(ctx: DxaReportContext, p: Pronouns, specialistReferrer: boolean): string[] {
  const a = ctx.assessment;
  const onTreatment =
    a.exam.clinical.onOsteoporosisTreatment === true || ctx.referral.osteoporosisTreatments.length > 0;
  if (a.population === 'paediatric') {
    return specialistReferrer
      ? [
          'Treatment decisions for children and young people rest with the paediatric bone team; the fracture risk thresholds for adults do not apply.',
        ]
      : [
          'Consider discussing this result with a paediatric bone specialist: treatment decisions for children and young people rest with them, and the fracture risk thresholds for adults do not apply.',
        ];
  }
  const category = a.fractureRisk?.category ?? null;
  const lines: string[] = [];
  if (onTreatment) {
    lines.push(
      `${capitalise(p.subject)} ${be(p)} already taking bone-strengthening medicine: consider continuing it, and reviewing it as set out under follow up.`,
    );
  }
  if (category === 'very_high') {
    lines.push(
      specialistReferrer
        ? 'Consider bone-strengthening medicine: the fracture risk is increased (very high), and for increased (very high) fracture risk NOGG advises considering a bone-building (anabolic) medicine first.'
        : 'Consider bone-strengthening medicine: the fracture risk is increased (very high), and for increased (very high) fracture risk NOGG advises considering referral to a specialist for a bone-building (anabolic) medicine first.',
    );
  } else if (category === 'high') {
    lines.push(
      `Consider bone-strengthening medicine: the fracture risk is above the NOGG intervention threshold for ${p.possessive} age.`,
    );
  } else if (category === 'intermediate') {
    lines.push(
      'Consider recalculating the fracture risk with FRAX including the femoral neck bone density from this scan, and comparing it with the NOGG thresholds, before deciding about medicine.',
    );
  } else if (category === 'low') {
    lines.push(
      a.exam.clinical.priorFragilityFracture === true || ctx.referral.fractures.some((f) => f.lowTrauma)
        ? 'Consider bone-strengthening medicine even though the calculated fracture risk is below the NOGG intervention threshold, because of the previous low-trauma fracture (NOGG advises considering treatment after a fragility fracture).'
        : 'Bone-strengthening medicine is not indicated by the NOGG thresholds at present: the fracture risk is below the intervention threshold for this age.',
    );
  } else if (a.population === 'adult_t_score') {
    lines.push(
      'Consider calculating the fracture risk with FRAX, including the femoral neck bone density from this scan, and comparing it with the NOGG intervention thresholds before deciding about medicine.',
    );
  } else if (a.classification?.category === 'below_expected_range') {
    lines.push(
      'Consider looking for the cause of the low bone density before deciding about medicine: at this age the cause matters more than the number.',
    );
  }
  return lines;
}

function changeSentence(c: SerialChange, onTreatment: boolean): string | null {
  const since = longDate(c.sinceDate);
  const where = siteInWords(c);
  if (!c.comparable)
    return `The previous scan of ${where} (${since}) was on a different scanner and cannot be reliably compared, so it should not be used to judge a change.`;
  if (c.significant === true && c.direction === 'gain') {
    return onTreatment
      ? `Bone density at ${where} has increased since ${since} by more than the scanner's measurement error, which suggests a positive response to treatment.`
      : `Bone density at ${where} has increased since ${since} by more than the scanner's measurement error.`;
  }
  if (c.significant === true && c.direction === 'loss') {
    return onTreatment
      ? `Bone density at ${where} has fallen since ${since} by more than the scanner's measurement error despite treatment: consider checking that the medicine is being taken as prescribed and looking for other causes of bone loss.`
      : `Bone density at ${where} has fallen since ${since} by more than the scanner's measurement error: consider looking for causes of bone loss.`;
  }
  if (c.significant === false) {
    return onTreatment
      ? `Bone density at ${where} is stable since ${since} (no change beyond the scanner's measurement error), which is an expected response to treatment.`
      : `Bone density at ${where} is stable since ${since} (no change beyond the scanner's measurement error).`;
  }
  return null;
}

function investigations(a: DxaAssessment, treatmentConsidered: boolean): string[] {
  const lines: string[] = [];
  for (const f of a.flags) {
    if (f.code === 'vfa_indicated')
      lines.push(
        'Consider a vertebral fracture assessment (VFA) or a spine X-ray to look for spinal fractures.',
      );
    if (f.code === 'low_z_score' || f.code === 'unexplained_bone_loss')
      lines.push('Consider tests for other medical causes of low bone density or bone loss.');
    if (f.code === 'forearm_scan_indicated')
      lines.push('Consider a forearm bone density scan: the spine or hip result cannot be relied on alone.');
    if (f.code === 'spine_reanalysis_needed')
      lines.push('The spine result needs re-analysis by the service before it is relied on.');
  }
  if (
    treatmentConsidered &&
    a.population !== 'paediatric' &&
    !lines.some((l) => l.includes('medical causes'))
  ) {
    lines.push(
      'Consider blood tests to look for other causes of low bone density before starting treatment, as NOGG advises.',
    );
  }
  return [...new Set(lines)];
}

function onwardReferrals(a: DxaAssessment, specialistReferrer: boolean): string[] {
  if (specialistReferrer) return []; // ROS 4.6: never recommend a specialist referral to a specialist.
  if (a.population === 'adult_z_score' && a.flags.some((f) => f.code === 'low_z_score')) {
    return [
      'Consider referral to a bone specialist to find the cause of bone density below the expected range for age.',
    ];
  }
  return [];
}

/** ROS Appendix 4C: clinical interpretation and recommendations. */
export function interpretationSection(
  ctx: DxaReportContext,
  p: Pronouns,
  clinicalDiagnosis: string | null,
): ReportSection {
  const a = ctx.assessment;
  const specialistReferrer = ctx.referral.referrer.role === 'specialist';
  const onTreatment =
    a.exam.clinical.onOsteoporosisTreatment === true || ctx.referral.osteoporosisTreatments.length > 0;
  const treatment = treatmentAdvice(ctx, p, specialistReferrer);
  const treatmentConsidered = treatment.some((t) => t.startsWith('Consider bone-strengthening'));
  const blocks: ReportBlock[] = [{ kind: 'paragraph', text: layResult(a, p, clinicalDiagnosis !== null) }];
  blocks.push({ kind: 'paragraph', text: reportWording.standardStatements.bmdIsPartOfRisk, emphasis: true });
  blocks.push({ kind: 'paragraph', text: reportWording.standardStatements.notOnBmdAlone, emphasis: true });
  if (treatment.length > 0)
    blocks.push({ kind: 'subheading', text: 'Medicine' }, { kind: 'list', items: treatment });
  if (a.changes.length > 0) {
    const changes = a.changes
      .map((c) => changeSentence(c, onTreatment))
      .filter((s): s is string => s !== null);
    if (changes.length > 0)
      blocks.push(
        { kind: 'subheading', text: 'Comparison with previous scans' },
        { kind: 'list', items: changes },
      );
  }
  blocks.push(
    { kind: 'subheading', text: 'Lifestyle' },
    {
      kind: 'list',
      // Smoking and alcohol advice is for adults (ROS 4.6: individualised recommendations).
      items: [
        ...reportWording.lifestyle.items,
        ...(a.population === 'paediatric' ? [] : reportWording.lifestyle.adultItems),
      ],
    },
  );
  const asksAboutFalls =
    a.ageYears >= reportWording.falls.askFromAgeYears || ctx.referral.fallsRiskFactors.length > 0;
  if (asksAboutFalls && a.population !== 'paediatric') {
    const why =
      ctx.referral.fallsRiskFactors.length > 0 ? ` (${ctx.referral.fallsRiskFactors.join('; ')})` : '';
    blocks.push(
      { kind: 'subheading', text: 'Falls' },
      {
        kind: 'list',
        items: [`Consider a falls risk assessment and, where needed, help to prevent falls${why}.`],
      },
    );
  }
  const tests = investigations(a, treatmentConsidered);
  if (tests.length > 0)
    blocks.push({ kind: 'subheading', text: 'Investigations' }, { kind: 'list', items: tests });
  const referrals = onwardReferrals(a, specialistReferrer);
  if (referrals.length > 0)
    blocks.push({ kind: 'subheading', text: 'Onward referral' }, { kind: 'list', items: referrals });
  if (ctx.findings.reporterComment !== undefined) {
    blocks.push(
      { kind: 'subheading', text: 'Reporter comment' },
      { kind: 'paragraph', text: ctx.findings.reporterComment },
    );
  }
  return { id: 'clinical-interpretation', heading: 'Clinical interpretation and recommendations', blocks };
}
