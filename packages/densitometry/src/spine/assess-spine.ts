import type { SiteMeasurement } from '../schema/exam-input.ts';
import type { AssessedSite } from '../types/assessed-site.ts';
import type { ExcludedVertebra } from '../types/excluded-vertebra.ts';
import type { FurtherInvestigationFlag } from '../types/further-investigation-flag.ts';
import {
  isCompositeOf,
  isVertebra,
  labelOfVertebrae,
  type Vertebra,
  vertebraeOf,
} from '../schema/site-label.ts';
import { iscdAdult } from '../reference/reference-data.ts';
import { classificationScore } from '../rules/classification-score.ts';
import { roundTo } from '../rules/round-score.ts';
import { scoreSite, type ScoringContext } from '../rules/score-site.ts';
import { spineBmdFor } from './spine-bmd.ts';

export interface SpineAssessment {
  /** Vertebrae and composites, scored, with the usable flag set. */
  sites: AssessedSite[];
  /** The composite classification may use, or null. Never a single vertebra (ISCD 2019). */
  chosen: AssessedSite | null;
  warnings: string[];
  flags: FurtherInvestigationFlag[];
}

function vertebraeListText(vertebrae: readonly Vertebra[]): string {
  return vertebrae.join(', ');
}

/**
 * The lumbar spine after ISCD exclusions: composites that include an excluded vertebra are set aside;
 * the composite of the vertebrae left is taken from the scanner if it reported one, else recomputed;
 * a spine with fewer than two vertebrae left is not used (ISCD 2019).
 */
export function assessSpine(
  measurements: readonly SiteMeasurement[],
  excluded: readonly ExcludedVertebra[],
  context: ScoringContext,
): SpineAssessment {
  const warnings: string[] = [];
  const flags: FurtherInvestigationFlag[] = [];
  const excludedSet = new Set<Vertebra>(excluded.map((e) => e.vertebra));
  const spineMeasurements = measurements.filter((m) => vertebraeOf(m.site) !== null);
  if (spineMeasurements.length === 0) return { sites: [], chosen: null, warnings, flags };

  const sites = spineMeasurements.map((m) => {
    const scored = scoreSite(m, context);
    const left = (scored.vertebraeUsed ?? []).filter((v) => excludedSet.has(v));
    if (left.length > 0 && scored.usable) {
      return { ...scored, usable: false, notUsableReason: `includes excluded ${vertebraeListText(left)}` };
    }
    return scored;
  });

  const composites = spineMeasurements.filter((m) => isCompositeOf(vertebraeOf(m.site)));
  const widest = composites
    .map((m) => vertebraeOf(m.site) ?? [])
    .reduce<Vertebra[]>((best, v) => (v.length > best.length ? v : best), []);
  const measuredVertebrae = spineMeasurements.map((m) => m.site).filter(isVertebra);
  const region = widest.length > 0 ? widest : measuredVertebrae;
  const target = region.filter((v) => !excludedSet.has(v));
  const targetLabel = labelOfVertebrae(target);
  const excludedText = vertebraeListText(region.filter((v) => excludedSet.has(v)));
  const targetGiven = sites.some(
    (s) =>
      s.vertebraeUsed !== null &&
      s.vertebraeUsed.length >= 2 &&
      labelOfVertebrae(s.vertebraeUsed) === targetLabel,
  );

  if (target.length < iscdAdult.minimumVertebraeForComposite) {
    if (region.length >= iscdAdult.minimumVertebraeForComposite) {
      warnings.push(
        `lumbar spine not used: ${target.length === 0 ? 'no vertebra' : `only ${vertebraeListText(target)}`} left after exclusions, and at least two are needed (ISCD 2019)`,
      );
    }
  } else if (!targetGiven) {
    const recomputed = spineBmdFor(spineMeasurements, target);
    if (recomputed === null) {
      warnings.push(
        `lumbar spine not used: ${excludedText === '' ? `no ${targetLabel} composite given` : `${excludedText} excluded`} and the vertebral values needed to form ${targetLabel} were not given`,
      );
    } else {
      const scored = scoreSite({ site: targetLabel, bmdGcm2: roundTo(recomputed.bmdGcm2, 3) }, context);
      const site: AssessedSite = {
        ...scored,
        bmcG: recomputed.bmcG === null ? null : roundTo(recomputed.bmcG, 2),
        areaCm2: recomputed.areaCm2 === null ? null : roundTo(recomputed.areaCm2, 2),
        compositeMethod: recomputed.method,
      };
      sites.push(site);
      const how =
        recomputed.method === 'sum_bmc_over_sum_area'
          ? 'total BMC / total area'
          : 'the mean of the vertebral BMDs (BMC and area not given; an approximation of the scanner composite)';
      warnings.push(
        `${targetLabel} ${excludedText === '' ? 'formed from its vertebrae (no composite given)' : `recomputed after excluding ${excludedText}`}: BMD from ${how}`,
      );
      if (classificationScore(site, context.population) === null) {
        flags.push({
          code: 'spine_reanalysis_needed',
          reason: `no reference for ${targetLabel}: ${excludedText === '' ? `take the ${targetLabel} composite from the scanner` : `re-analyse the spine on the scanner with ${excludedText} excluded`} to obtain its ${context.population === 'adult_t_score' ? 'T' : 'Z'}-score`,
        });
      }
    }
  }

  const candidates = sites.filter(
    (s) => s.usable && (s.vertebraeUsed ?? []).length >= iscdAdult.minimumVertebraeForComposite,
  );
  const scoredCandidates = candidates.filter((s) => classificationScore(s, context.population) !== null);
  const chosen =
    [...scoredCandidates].sort(
      (a, b) =>
        (b.vertebraeUsed?.length ?? 0) - (a.vertebraeUsed?.length ?? 0) ||
        Number(b.compositeMethod === 'scanner') - Number(a.compositeMethod === 'scanner'),
    )[0] ?? null;
  return { sites, chosen, warnings, flags };
}
