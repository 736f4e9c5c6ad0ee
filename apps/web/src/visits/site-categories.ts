import who from '../../../../packages/densitometry/data/who-1994-bmd-categories.json' with { type: 'json' };
import iscd from '../../../../packages/densitometry/data/iscd-adult-2019.json' with { type: 'json' };

// A site's category from its reported score, with the thresholds from the engine's own reference files:
// the WHO T-score bands for postmenopausal women and men 50 and over (WHO 1994; ROS 1.2), the Z-score
// "below the expected range for age" otherwise (ISCD 2019).

export const T_NORMAL_AT_LEAST: number = who.tScoreNormalAtLeast;
export const T_OSTEOPOROSIS_AT_MOST: number = who.tScoreOsteoporosisAtMost;
export const Z_BELOW_EXPECTED_AT_MOST: number = iscd.zScoreBelowExpectedRangeAtMost;

/** Classification uses the score as reported, so a page never contradicts its own number (WHO data file). */
function reported(value: number): number {
  return Number(value.toFixed(who.scoreDecimalPlaces));
}

/** The WHO category of a T-score (WHO 1994). */
export function whoCategory(tScore: number): 'Normal' | 'Low bone density' | 'Osteoporosis' {
  const t = reported(tScore);
  if (t <= T_OSTEOPOROSIS_AT_MOST) return 'Osteoporosis';
  return t >= T_NORMAL_AT_LEAST ? 'Normal' : 'Low bone density';
}

/** The ISCD 2019 Z-score category. */
export function zCategory(
  zScore: number,
): 'Within the expected range for age' | 'Below the expected range for age' {
  return reported(zScore) <= Z_BELOW_EXPECTED_AT_MOST
    ? 'Below the expected range for age'
    : 'Within the expected range for age';
}

/** A score as scanners print it: one decimal place, with a real minus sign. */
export function score(value: number): string {
  return value.toFixed(who.scoreDecimalPlaces).replace('-', '−');
}
