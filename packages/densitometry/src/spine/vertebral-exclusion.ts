import type { ExcludedVertebraInput, SiteMeasurement } from '../schema/exam-input.ts';
import type { ExcludedVertebra } from '../types/excluded-vertebra.ts';
import { isVertebra, VERTEBRAE, type Vertebra } from '../schema/site-label.ts';
import { iscdAdult } from '../reference/reference-data.ts';
import { roundTo } from '../rules/round-score.ts';

// ISCD adult positions: a vertebra whose T-score differs from a neighbour's by more than 1.0 is
// excluded from the spine composite. Rounded to absorb binary error: -1.3 against -2.3 must read as
// exactly 1.0, which does not qualify.
export function isOutlierVertebra(tScore: number, neighbourTScores: readonly number[]): boolean {
  return (
    neighbourTScores.length > 0 &&
    neighbourTScores.every(
      (n) => roundTo(Math.abs(tScore - n), 6) > iscdAdult.vertebraOutlierTScoreDifference,
    )
  );
}

export interface VertebralExclusions {
  excluded: ExcludedVertebra[];
  warnings: string[];
}

interface Candidate {
  vertebra: Vertebra;
  tScore: number;
  neighbours: number;
  smallestDifference: number;
}

function candidatesAmong(remaining: readonly { vertebra: Vertebra; tScore: number }[]): Candidate[] {
  return remaining.flatMap((v, i) => {
    const neighbours = [remaining[i - 1], remaining[i + 1]]
      .filter((n) => n !== undefined)
      .map((n) => n.tScore);
    if (!isOutlierVertebra(v.tScore, neighbours)) return [];
    const smallestDifference = roundTo(Math.min(...neighbours.map((n) => Math.abs(v.tScore - n))), 6);
    return [{ ...v, neighbours: neighbours.length, smallestDifference }];
  });
}

/**
 * Vertebrae left out of the spine: those the operator marked abnormal, then T-score outliers (ISCD
 * 2019), one at a time. An end vertebra has one neighbour, so next to an abnormal vertebra it can look
 * like an outlier itself: the vertebra with the strongest evidence (two neighbours before one, then the
 * larger difference) goes first and the rest are tested again against the nearest vertebrae left. Two
 * vertebrae that are each other's only evidence are not excluded; the reporter is asked to look.
 * Children have no T-scores (ISCD Pediatric 2019), so the rule is not applied to them.
 */
export function findExcludedVertebrae(
  sites: readonly SiteMeasurement[],
  operatorExclusions: readonly ExcludedVertebraInput[],
  applyTScoreRule: boolean,
): VertebralExclusions {
  const excluded: ExcludedVertebra[] = operatorExclusions.map((e) => ({
    vertebra: e.vertebra,
    reason: e.reason,
    by: 'operator',
  }));
  const warnings: string[] = [];
  const operatorExcluded = new Set<Vertebra>(operatorExclusions.map((e) => e.vertebra));
  let remaining = VERTEBRAE.flatMap((vertebra) => {
    const measured = sites.find((s) => isVertebra(s.site) && s.site === vertebra);
    return measured?.tScore !== undefined && !operatorExcluded.has(vertebra)
      ? [{ vertebra, tScore: measured.tScore }]
      : [];
  });
  while (applyTScoreRule) {
    const candidates = candidatesAmong(remaining).sort(
      (a, b) => b.neighbours - a.neighbours || b.smallestDifference - a.smallestDifference,
    );
    const [first, second] = candidates;
    if (first === undefined) break;
    if (
      second !== undefined &&
      second.neighbours === first.neighbours &&
      second.smallestDifference === first.smallestDifference
    ) {
      warnings.push(
        `${first.vertebra} and ${second.vertebra} T-scores differ by more than ${iscdAdult.vertebraOutlierTScoreDifference.toFixed(1)} and the measurements cannot tell which is abnormal: review the images and exclude one if it is (ISCD 2019)`,
      );
      break;
    }
    excluded.push({
      vertebra: first.vertebra,
      reason: `T-score ${first.tScore.toFixed(1)} differs by more than ${iscdAdult.vertebraOutlierTScoreDifference.toFixed(1)} from adjacent vertebrae (ISCD 2019)`,
      by: 't_score_outlier',
    });
    remaining = remaining.filter((v) => v.vertebra !== first.vertebra);
  }
  return { excluded, warnings };
}
