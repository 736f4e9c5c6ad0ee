import type { ExamInput } from '../schema/exam-input.ts';
import type { AssessedSite } from '../types/assessed-site.ts';
import type { FurtherInvestigationFlag } from '../types/further-investigation-flag.ts';
import type { Population } from '../types/population.ts';
import type { SerialChange } from '../types/serial-change.ts';
import { iscdAdult } from '../reference/reference-data.ts';
import { describeSite } from './classify-bmd.ts';

export interface InvestigationContext {
  input: ExamInput;
  population: Population;
  ageYears: number;
  /** Sites that may be classified: the chosen spine composite, usable hips, the radius when used. */
  classificationSites: readonly AssessedSite[];
  changes: readonly SerialChange[];
}

function lowest(
  sites: readonly AssessedSite[],
  pick: (s: AssessedSite) => number | null,
): { site: AssessedSite; score: number } | null {
  let best: { site: AssessedSite; score: number } | null = null;
  for (const site of sites) {
    const score = pick(site);
    if (score !== null && (best === null || score < best.score)) best = { site, score };
  }
  return best;
}

/** VFA indications (ROS 4.7; ISCD 2019 VFA positions), one flag per reason. */
export function vfaFlags(context: InvestigationContext): FurtherInvestigationFlag[] {
  const { input, population, ageYears } = context;
  const vfa = iscdAdult.vfa;
  const clinical = input.clinical;
  const flags: FurtherInvestigationFlag[] = [];
  if (clinical?.suspectedVertebralFracture === true) {
    flags.push({ code: 'vfa_indicated', reason: 'suspected vertebral fracture (ROS 4.7)' });
  }
  if (population === 'paediatric') return flags;
  if (clinical?.heightLossCm !== undefined && clinical.heightLossCm > vfa.heightLossGreaterThanCm) {
    flags.push({
      code: 'vfa_indicated',
      reason: `height loss of ${clinical.heightLossCm} cm, more than ${vfa.heightLossGreaterThanCm} cm (ROS 4.7)`,
    });
  }
  const ageLimit = input.patient.sex === 'female' ? vfa.womenFromAgeYears : vfa.menFromAgeYears;
  const lowestT = lowest(context.classificationSites, (s) => s.tScore);
  if (lowestT !== null && lowestT.score < vfa.tScoreBelow && ageYears >= ageLimit) {
    flags.push({
      code: 'vfa_indicated',
      reason: `T-score ${lowestT.score.toFixed(1)} (${describeSite(lowestT.site)}) below ${vfa.tScoreBelow.toFixed(1)} in a ${input.patient.sex === 'female' ? 'woman' : 'man'} aged ${ageYears} (ISCD 2019; ROS 4.7)`,
    });
  }
  // ISCD 2019 lists glucocorticoids among the VFA indications that apply when the T-score is below -1.0.
  if (
    lowestT !== null &&
    lowestT.score < vfa.tScoreBelow &&
    clinical?.glucocorticoidMgPerDay !== undefined &&
    clinical.glucocorticoidMgPerDay >= vfa.glucocorticoidAtLeastMgPerDay &&
    (clinical.glucocorticoidMonths ?? 0) >= vfa.glucocorticoidAtLeastMonths
  ) {
    flags.push({
      code: 'vfa_indicated',
      reason: `glucocorticoids ${clinical.glucocorticoidMgPerDay} mg/day for ${clinical.glucocorticoidMonths ?? 0} months with T-score ${lowestT.score.toFixed(1)} (ISCD 2019: ≥${vfa.glucocorticoidAtLeastMgPerDay} mg/day for ≥${vfa.glucocorticoidAtLeastMonths} months and T below ${vfa.tScoreBelow.toFixed(1)})`,
    });
  }
  return flags;
}

/** Low BMD for age: a Z-score below -2.0 calls for investigation of secondary causes (ROS 4.7). */
export function lowZScoreFlags(context: InvestigationContext): FurtherInvestigationFlag[] {
  const lowestZ = lowest(context.classificationSites, (s) => s.zScoreHeightAdjusted ?? s.zScore);
  if (lowestZ === null || lowestZ.score >= iscdAdult.zScoreBelowExpectedRangeAtMost) return [];
  return [
    {
      code: 'low_z_score',
      reason: `Z-score ${lowestZ.score.toFixed(1)} (${describeSite(lowestZ.site)}) below -2.0: low for age, consider investigation of secondary causes (ROS 4.7)`,
    },
  ];
}

/** Significant loss on a serial scan: investigate if unexplained (ROS 4.7). */
export function boneLossFlags(context: InvestigationContext): FurtherInvestigationFlag[] {
  return context.changes
    .filter((c) => c.direction === 'loss')
    .map((c) => ({
      code: 'unexplained_bone_loss' as const,
      reason: `${describeSite(c)} fell ${Math.abs(c.changeGcm2).toFixed(3)} g/cm² (${c.changePercent}%) since ${c.sinceDate}, beyond the LSC of ${c.lscGcm2 ?? 0} g/cm²: investigate if unexplained (ROS 4.7)`,
    }));
}
