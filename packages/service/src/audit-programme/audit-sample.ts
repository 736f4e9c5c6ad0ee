import { mulberry32 } from './seeded-random.ts';

// ROS 9.2: 10% of referrals and of scans audited each year, broken down into monthly audits. A month's
// sample is drawn from that month's ids with a seeded generator, so it can be drawn again from the
// recorded seed and gives the same ids whatever order the rows came in.

export interface AuditSample {
  month: string;
  seed: number;
  populationSize: number;
  /** The drawn ids, in the order they were drawn. */
  ids: string[];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * How many to draw from a month of `populationSize` items: the percentage rounded up, so a month with
 * any items gives at least one and twelve monthly draws cover at least the percentage of the year.
 */
export function sampleSize(populationSize: number, percent: number): number {
  // Integer arithmetic before the one division: 30 × 10 / 100 is exactly 3 (0.1 × 30 is not).
  return Math.ceil((populationSize * percent) / 100);
}

/** The generator's seed for one month: the recorded seed mixed with the month, so months differ. */
export function monthSeed(seed: number, month: string): number {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`month must be YYYY-MM: ${month}`);
  const monthNumber = Number(m[1]) * 12 + Number(m[2]) - 1;
  return (seed ^ Math.imul(monthNumber, 0x9e3779b9)) >>> 0;
}

/**
 * Draws `sampleSize` ids: the distinct ids sorted by code unit (so input order does not matter), then a
 * partial Fisher–Yates shuffle driven by mulberry32(monthSeed(seed, month)); position i swaps with
 * i + floor(random × (n − i)).
 */
export function drawAuditSample(
  seed: number,
  month: string,
  ids: readonly string[],
  percent: number,
): AuditSample {
  const pool = [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const random = mulberry32(monthSeed(seed, month));
  const size = sampleSize(pool.length, percent);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    const chosen = pool[j] as string;
    pool[j] = pool[i] as string;
    pool[i] = chosen;
  }
  return { month, seed: seed >>> 0, populationSize: pool.length, ids: pool.slice(0, size) };
}
