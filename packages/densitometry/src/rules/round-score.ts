import { whoCategories } from '../reference/reference-data.ts';

/**
 * A T- or Z-score as reported: to one decimal place, halves away from zero (ISCD 2019). Classification
 * uses this value, so "T-score -2.5" is always called osteoporosis and never low bone density.
 */
export function roundScore(score: number): number {
  const factor = 10 ** whoCategories.scoreDecimalPlaces;
  // The small epsilon absorbs binary error such as -2.45 stored as -2.4499999.
  const rounded = Math.sign(score) * Math.round(Math.abs(score) * factor + 1e-9);
  return rounded / factor + 0;
}

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return (Math.sign(value) * Math.round(Math.abs(value) * factor + 1e-9)) / factor + 0;
}
