import { qctPhantomQcRules } from './qct-reference-data.ts';

/** One phantom measurement: the BMD the QCT software reads for a rod (or the phantom) on a date. */
export interface QctPhantomMeasurement {
  date: string;
  valueMgCm3: number;
  /** The rod or insert measured; measurements without one form a single series. */
  rod?: string;
}

/** A known baseline, for one rod or (without rod) for every rod that has none of its own. */
export interface QctPhantomBaseline {
  valueMgCm3: number;
  rod?: string;
}

export interface QctPhantomQcPoint {
  date: string;
  valueMgCm3: number;
  /** measured − baseline, to 2 decimals. */
  deviationMgCm3: number;
  /** 100 × (measured − baseline) / baseline, to 2 decimals; null for a 0 mg/cm³ baseline. */
  deviationPercent: number | null;
  /** ACR QCT VI.B: beyond the limit (generally 1%; never below the absolute floor). */
  flagged: boolean;
  /** Part of the measurements averaged into the baseline. */
  inBaseline: boolean;
}

export interface QctPhantomRodQc {
  rod: string | null;
  baselineMgCm3: number;
  baselineFrom: 'given' | 'first_measurements';
  baselineMeasurements: number;
  /** The rod's limit in mg/cm³: 1% of its baseline, or the absolute floor for rods near 0 mg/cm³. */
  limitMgCm3: number;
  count: number;
  meanMgCm3: number;
  /** Sample SD (n − 1) of all measurements of the rod; null with one measurement. */
  sdMgCm3: number | null;
  /** null with one measurement, or for a rod held to the absolute floor (near 0 mg/cm³). */
  cvPercent: number | null;
  points: QctPhantomQcPoint[];
  flaggedCount: number;
}

export interface QctPhantomQcResult {
  limitPercent: number;
  minimumLimitMgCm3: number;
  source: string;
  rods: QctPhantomRodQc[];
  summary: { rods: number; measurements: number; flagged: number; rodsFlagged: number };
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

const toHundredths = (value: number): number => Math.round(value * 100) / 100;

/**
 * Phantom QC for QCT (ACR QCT VI.B): repeated phantom measurements of each rod against its baseline —
 * the one given, or the mean of the first measurements (data/qct-phantom-qc.json) — with each
 * measurement's deviation in % and a flag beyond the limit (generally 1%); the precision of each rod as
 * mean, SD and CV%. Measurements are taken in date order. Throws, naming the measurement, on bad input or
 * when a rod has no baseline and too few measurements to make one.
 */
export function qctPhantomQc(
  measurements: readonly QctPhantomMeasurement[],
  baselines: readonly QctPhantomBaseline[] = [],
  rules = qctPhantomQcRules,
): QctPhantomQcResult {
  if (measurements.length === 0) throw new Error('measurements: at least one phantom measurement is needed');
  for (const [i, m] of measurements.entries()) {
    if (!isoDate.test(m.date) || Number.isNaN(Date.parse(`${m.date}T00:00:00Z`)))
      throw new Error(`measurements[${i}].date must be a date written YYYY-MM-DD`);
    // A 0 mg/cm³ insert may read slightly below zero.
    if (!Number.isFinite(m.valueMgCm3))
      throw new Error(`measurements[${i}].valueMgCm3 must be a number (mg/cm³)`);
  }
  const givenByRod = new Map<string | null, number>();
  for (const [i, b] of baselines.entries()) {
    if (!Number.isFinite(b.valueMgCm3))
      throw new Error(`baselines[${i}].valueMgCm3 must be a number (mg/cm³)`);
    const key = b.rod ?? null;
    if (givenByRod.has(key))
      throw new Error(`baselines[${i}]: a second baseline for ${key ?? 'the phantom'}`);
    givenByRod.set(key, b.valueMgCm3);
  }

  const byRod = new Map<string | null, QctPhantomMeasurement[]>();
  for (const m of measurements) {
    const key = m.rod ?? null;
    const list = byRod.get(key);
    if (list) list.push(m);
    else byRod.set(key, [m]);
  }
  for (const rod of givenByRod.keys()) {
    if (rod !== null && !byRod.has(rod)) throw new Error(`baselines: rod "${rod}" has no measurements`);
  }

  const limit = rules.deviationLimitPercent;
  const rods: QctPhantomRodQc[] = [...byRod].map(([rod, list]) => {
    const sorted = [...list].sort((a, b) => a.date.localeCompare(b.date));
    const given = givenByRod.get(rod) ?? givenByRod.get(null);
    const n = rules.baselineFromFirstMeasurements;
    if (given === undefined && sorted.length < n) {
      throw new Error(
        `${rod === null ? 'phantom' : `rod "${rod}"`}: no baseline given and ${sorted.length} measurement${sorted.length === 1 ? '' : 's'}, fewer than the ${n} needed to make one`,
      );
    }
    const baselineMgCm3 = given ?? sorted.slice(0, n).reduce((total, m) => total + m.valueMgCm3, 0) / n;
    const values = sorted.map((m) => m.valueMgCm3);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd =
      values.length > 1
        ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1))
        : null;
    // ACR QCT VI.B: phantom results generally within 1%; a rod near 0 mg/cm³ is held to the absolute floor.
    const percentApplies = (limit / 100) * Math.abs(baselineMgCm3) >= rules.minimumLimitMgCm3;
    const limitMgCm3 = percentApplies ? (limit / 100) * Math.abs(baselineMgCm3) : rules.minimumLimitMgCm3;
    const points = sorted.map((m, i) => {
      // Compared as reported, so a deviation of exactly the limit is not flagged by rounding error.
      const deviationMgCm3 = toHundredths(m.valueMgCm3 - baselineMgCm3);
      const deviationPercent =
        baselineMgCm3 === 0 ? null : toHundredths((100 * (m.valueMgCm3 - baselineMgCm3)) / baselineMgCm3);
      const flagged =
        percentApplies && deviationPercent !== null
          ? Math.abs(deviationPercent) > limit
          : Math.abs(deviationMgCm3) > rules.minimumLimitMgCm3;
      return {
        date: m.date,
        valueMgCm3: m.valueMgCm3,
        deviationMgCm3,
        deviationPercent,
        flagged,
        inBaseline: given === undefined && i < n,
      };
    });
    return {
      rod,
      baselineMgCm3,
      baselineFrom: given === undefined ? 'first_measurements' : 'given',
      baselineMeasurements: given === undefined ? n : 0,
      limitMgCm3,
      count: values.length,
      meanMgCm3: mean,
      sdMgCm3: sd,
      // A CV of a rod near 0 mg/cm³ divides by almost nothing: given only where the 1% rule applies.
      cvPercent: sd === null || !percentApplies ? null : (100 * sd) / mean,
      points,
      flaggedCount: points.filter((p) => p.flagged).length,
    };
  });
  return {
    limitPercent: limit,
    minimumLimitMgCm3: rules.minimumLimitMgCm3,
    source: rules.source,
    rods,
    summary: {
      rods: rods.length,
      measurements: measurements.length,
      flagged: rods.reduce((total, r) => total + r.flaggedCount, 0),
      rodsFlagged: rods.filter((r) => r.flaggedCount > 0).length,
    },
  };
}
