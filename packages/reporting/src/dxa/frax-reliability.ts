import type { DxaAssessment } from '@quantrad/densitometry';
import type { ReferralContext } from '../context/report-context-schema.ts';
import { fraxLimitations } from '../reference/report-data.ts';
import type { Pronouns } from '../terminology/pronouns.ts';

function monthsBetween(fromIso: string, toIso: string): number {
  const [fy, fm] = fromIso.split('-').map(Number);
  const [ty, tm] = toIso.split('-').map(Number);
  return ((ty ?? 0) - (fy ?? 0)) * 12 + ((tm ?? 0) - (fm ?? 0));
}

/**
 * The personalised sentence on over- or under-estimation of fracture risk (ROS 4.6; INDEX), from the
 * known limits of FRAX (NOGG 2022 section 3, data/frax-limitations.json).
 */
export function fraxReliabilitySentences(a: DxaAssessment, referral: ReferralContext, p: Pronouns): string[] {
  const r = a.fractureRisk;
  if (r === null) return [];
  const l = fraxLimitations;
  const under: string[] = [];
  const clinical = a.exam.clinical;
  if ((clinical.glucocorticoidMgPerDay ?? 0) > l.glucocorticoidAverageDoseMaxMgPerDay) {
    under.push(
      `${p.possessive} steroid dose (${String(clinical.glucocorticoidMgPerDay)} mg a day) is higher than the average FRAX assumes`,
    );
  }
  if ((clinical.vertebralFractures ?? 0) >= l.multipleVertebralFracturesAtLeast) {
    under.push(
      `FRAX counts ${p.possessive} ${String(clinical.vertebralFractures)} spinal fractures as one previous fracture`,
    );
  }
  if (referral.fallsRiskFactors.length > 0) under.push('FRAX does not include falls');
  const spine = a.sites.find(
    (s) => s.usable && s.vertebraeUsed !== null && s.vertebraeUsed.length >= 2 && s.tScore !== null,
  );
  const neck = a.sites.filter((s) => s.usable && s.site === 'femoral_neck' && s.tScore !== null);
  const lowestNeck = neck.length > 0 ? Math.min(...neck.map((s) => s.tScore ?? 0)) : null;
  if (
    spine?.tScore != null &&
    lowestNeck !== null &&
    lowestNeck - spine.tScore > l.spineLowerThanNeckByMoreThanSd
  ) {
    under.push('the spine T-score is much lower than the femoral neck T-score that FRAX uses');
  }
  const recent = referral.fractures.filter(
    (f) => f.date !== undefined && monthsBetween(f.date, a.exam.date) <= l.recentFractureWithinMonths,
  );
  if (recent.length > 0)
    under.push('a recent fracture raises the risk over the next two years more than FRAX shows');
  if (!r.withBmd) under.push('it was calculated without bone density');
  const sentences: string[] = [];
  if (under.length > 0) {
    sentences.push(`FRAX may under-estimate ${p.possessive} fracture risk because ${under.join('; ')}.`);
  }
  if (referral.fractureRiskAdjustments.length > 0) {
    sentences.push(`Adjustments made to the fracture risk: ${referral.fractureRiskAdjustments.join('; ')}.`);
  } else if (under.length > 0) {
    sentences.push('No adjustment was made to the FRAX result for these.');
  }
  if (under.length === 0) {
    sentences.push(
      `No factor was recorded that would make FRAX clearly over- or under-estimate ${p.possessive} fracture risk; it remains an estimate for a population, not a certainty for one person.`,
    );
  }
  return sentences;
}
