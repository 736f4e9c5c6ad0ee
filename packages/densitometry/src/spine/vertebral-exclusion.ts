import type { ExcludedVertebraInput, SiteMeasurement } from '../schema/exam-input.ts';
import type { ExcludedVertebra } from '../types/excluded-vertebra.ts';
import { isVertebra, VERTEBRAE, type Vertebra } from '../schema/site-label.ts';
import { iscdAdult } from '../reference/reference-data.ts';
import { roundTo } from '../rules/round-score.ts';

// ISCD adult positions: a vertebra whose T-score differs from a neighbour's by more than 1.0 is
// excluded from the spine composite; the test compares it with every anatomically adjacent vertebra
// still in the analysis, and an end vertebra with its one neighbour.
export function isOutlierVertebra(tScore: number, neighbourTScores: readonly number[]): boolean {
  return (
    neighbourTScores.length > 0 &&
    // Rounded to absorb binary error: -1.3 - -2.3 must read as exactly 1.0, which does not qualify.
    neighbourTScores.every(
      (n) => roundTo(Math.abs(tScore - n), 6) > iscdAdult.vertebraOutlierTScoreDifference,
    )
  );
}

/**
 * Vertebrae left out of the spine: those the operator marked abnormal (fracture, artefact), then
 * those whose T-score stands more than 1.0 from every neighbour (ISCD 2019).
 */
export function findExcludedVertebrae(
  sites: readonly SiteMeasurement[],
  operatorExclusions: readonly ExcludedVertebraInput[],
): ExcludedVertebra[] {
  const excluded: ExcludedVertebra[] = operatorExclusions.map((e) => ({
    vertebra: e.vertebra,
    reason: e.reason,
    by: 'operator',
  }));
  const operatorExcluded = new Set<Vertebra>(operatorExclusions.map((e) => e.vertebra));
  const tScoreOf = new Map<Vertebra, number>();
  for (const s of sites) {
    if (isVertebra(s.site) && s.tScore !== undefined && !operatorExcluded.has(s.site))
      tScoreOf.set(s.site, s.tScore);
  }
  VERTEBRAE.forEach((vertebra, index) => {
    const own = tScoreOf.get(vertebra);
    if (own === undefined) return;
    const neighbours = [VERTEBRAE[index - 1], VERTEBRAE[index + 1]]
      .filter((v): v is Vertebra => v !== undefined)
      .map((v) => tScoreOf.get(v))
      .filter((t): t is number => t !== undefined);
    if (isOutlierVertebra(own, neighbours)) {
      excluded.push({
        vertebra,
        reason: `T-score ${own.toFixed(1)} differs by more than ${iscdAdult.vertebraOutlierTScoreDifference.toFixed(1)} from adjacent vertebrae (ISCD 2019)`,
        by: 't_score_outlier',
      });
    }
  });
  return excluded;
}
