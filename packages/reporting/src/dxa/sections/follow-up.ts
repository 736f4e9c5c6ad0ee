import type { ReportBlock, ReportSection } from '../../document/report-document.ts';
import { capitalise, type Pronouns } from '../../terminology/pronouns.ts';
import { reportWording } from '../../reference/report-data.ts';
import type { DxaReportContext } from '../dxa-report-context.ts';

/** ROS Appendix 4C: follow up and monitoring. */
export function followUpSection(ctx: DxaReportContext, p: Pronouns, medicineInPlay: boolean): ReportSection {
  const f = ctx.assessment.followUp;
  const specialist = ctx.referral.referrer.role === 'specialist';
  // ROS Figure 1: the interval and its reason, in lay words.
  const items: string[] = [
    f.basis === 'paediatric' || f.intervalYears === null
      ? `Repeat scan: ${f.reason}.`
      : `Consider a repeat DXA scan in ${String(f.intervalYears)} years ${reportWording.followUp.repeatScanBecause[f.basis]}.`,
  ];
  // NOGG: when bone-strengthening treatment is reviewed.
  if (medicineInPlay && f.treatmentReview !== null)
    items.push(`Medication review: ${f.treatmentReview.text}; consider a review at that time.`);
  if (medicineInPlay && ctx.assessment.population !== 'paediatric') {
    items.push(
      specialist
        ? `If ${p.subject} break${p.subject === 'they' ? '' : 's'} a bone while taking bone-strengthening medicine, consider checking that it is taken correctly and reviewing the choice of medicine.`
        : `If ${p.subject} break${p.subject === 'they' ? '' : 's'} a bone while taking bone-strengthening medicine, consider checking that it is taken correctly and referral to a specialist to review the treatment.`,
    );
  }
  const blocks: ReportBlock[] = [{ kind: 'list', items: items.map(capitalise) }];
  return { id: 'follow-up-and-monitoring', heading: 'Follow up and monitoring', blocks };
}
