import type { ReportDocument } from '../document/report-document.ts';
import { longDate } from '../document/format-values.ts';
import { reporterSection } from '../document/reporter-section.ts';
import { reportWording } from '../reference/report-data.ts';
import { resolvePronouns } from '../terminology/pronouns.ts';
import { clinicalDiagnosisOfOsteoporosis } from './clinical-diagnosis.ts';
import type { DxaReportContext } from './dxa-report-context.ts';
import { diagnosisSection } from './sections/diagnosis.ts';
import { followUpSection } from './sections/follow-up.ts';
import { furtherInformationSection } from './sections/further-information.ts';
import { interpretationSection } from './sections/interpretation.ts';
import { introductorySection } from './sections/introductory.ts';
import { reasonsSection } from './sections/reasons-for-referral.ts';
import { technicalSection } from './sections/technical.ts';

/** The DXA report in the ROS Appendix 4C order, as a format-neutral document. */
/** Taking steroid tablets now: the GP is to be told when the dose goes up rather than when they start. */
function onSteroids(ctx: DxaReportContext): boolean {
  const c = ctx.assessment.exam.clinical;
  return (c.glucocorticoidMgPerDay ?? 0) > 0 || (c.boneLosingMedication ?? []).includes('glucocorticoid');
}

export function buildDxaReport(ctx: DxaReportContext, today: string): ReportDocument {
  const reportDate = ctx.reportDate ?? today;
  const pronouns = resolvePronouns(ctx.patient.pronouns);
  const diagnosis = clinicalDiagnosisOfOsteoporosis(ctx.assessment, ctx.referral);
  const interpretation = interpretationSection(ctx, pronouns, diagnosis);
  const medicineInPlay =
    ctx.assessment.exam.clinical.onOsteoporosisTreatment === true ||
    ctx.referral.osteoporosisTreatments.length > 0 ||
    interpretation.blocks.some(
      (b) => b.kind === 'list' && b.items.some((i) => i.startsWith('Consider bone-strengthening')),
    );
  // ROS 4.6: signpost transgender and non-binary patients to the ROS guidance.
  const gender = ctx.patient.gender;
  const sex = ctx.assessment.exam.sex;
  const transgender =
    gender === 'non_binary' ||
    gender === 'other' ||
    (gender === 'woman' && sex === 'male') ||
    (gender === 'man' && sex === 'female');
  return {
    kind: 'dxa',
    title: reportWording.title,
    subtitle: `${ctx.patient.name}, ${ctx.patient.identifier.label ?? 'ID'} ${ctx.patient.identifier.value}, scanned ${longDate(ctx.assessment.exam.date)}`,
    sections: [
      introductorySection(ctx, reportDate),
      reasonsSection(ctx),
      diagnosisSection(ctx, diagnosis),
      interpretation,
      followUpSection(ctx, pronouns, medicineInPlay),
      technicalSection(ctx, pronouns),
      furtherInformationSection(
        ctx.service,
        transgender,
        ctx.assessment.population === 'paediatric',
        onSteroids(ctx),
      ),
      reporterSection(ctx.reporter, reportDate),
    ],
  };
}
