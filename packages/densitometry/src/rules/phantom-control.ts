import { z } from 'zod';
import rulesJson from '../../data/phantom-qc-rules.json' with { type: 'json' };

// Phantom QC for a DXA scanner (ROS Appendix 3; ISCD): a baseline from repeated spine phantom scans, then
// each later scan checked against the ±1.5% tolerance, a multi-rule Shewhart chart and a CUSUM.

const rule = z.strictObject({ enabled: z.boolean(), sd: z.number().positive() });
const runRule = rule.extend({ run: z.number().int().min(2) });

export const phantomQcRulesSchema = z.strictObject({
  source: z.string(),
  baseline: z.strictObject({
    minimumScans: z.number().int().min(2),
    tolerancePercent: z.number().positive(),
  }),
  shewhart: z.strictObject({
    oneBeyond3Sd: rule,
    twoBeyond2Sd: runRule,
    rangeBeyond4Sd: rule,
    fourBeyond1Sd: runRule,
    tenOnOneSide: z.strictObject({ enabled: z.boolean(), run: z.number().int().min(2) }),
  }),
  cusum: z.strictObject({ enabled: z.boolean(), kSd: z.number().min(0), hSd: z.number().positive() }),
});

export type PhantomQcRules = z.infer<typeof phantomQcRulesSchema>;

export const defaultPhantomQcRules: PhantomQcRules = phantomQcRulesSchema.parse(rulesJson);

export interface PhantomBaseline {
  scans: number;
  meanGcm2: number;
  sdGcm2: number;
  cvPercent: number;
  tolerancePercent: number;
  lowerLimitGcm2: number;
  upperLimitGcm2: number;
}

export type PhantomSignalCode =
  | 'outside_tolerance'
  | 'one_beyond_3sd'
  | 'two_beyond_2sd'
  | 'range_beyond_4sd'
  | 'four_beyond_1sd'
  | 'ten_on_one_side'
  | 'cusum_high'
  | 'cusum_low';

export interface PhantomSignal {
  code: PhantomSignalCode;
  text: string;
}

/** One phantom scan on the chart, with where it stands and what it signals. */
export interface PhantomPoint {
  bmdGcm2: number;
  percentFromMean: number;
  sdFromMean: number;
  cusumHighSd: number;
  cusumLowSd: number;
  signals: PhantomSignal[];
  inControl: boolean;
}

/**
 * The baseline from at least 10 phantom scans (ROS Appendix 3): mean L1-L4 BMD, its SD (n - 1) and the
 * tolerance limits at the mean ± 1.5%. Throws, naming the problem, when there are too few scans.
 */
export function phantomBaseline(
  bmdGcm2: readonly number[],
  rules: PhantomQcRules = defaultPhantomQcRules,
): PhantomBaseline {
  const n = bmdGcm2.length;
  if (n < rules.baseline.minimumScans)
    throw new Error(
      `phantom baseline: needs at least ${String(rules.baseline.minimumScans)} scans, has ${String(n)} (ROS Appendix 3)`,
    );
  for (const [i, value] of bmdGcm2.entries()) {
    if (!Number.isFinite(value) || value <= 0)
      throw new Error(`phantom baseline: scan ${String(i + 1)} BMD must be a positive number`);
  }
  const mean = bmdGcm2.reduce((sum, x) => sum + x, 0) / n;
  const sd = Math.sqrt(bmdGcm2.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (n - 1));
  const tolerance = rules.baseline.tolerancePercent / 100;
  return {
    scans: n,
    meanGcm2: mean,
    sdGcm2: sd,
    cvPercent: (100 * sd) / mean,
    tolerancePercent: rules.baseline.tolerancePercent,
    lowerLimitGcm2: mean * (1 - tolerance),
    upperLimitGcm2: mean * (1 + tolerance),
  };
}

/** The last `run` standardised values all beyond `sd` on the same side, or false. */
function runBeyond(z: readonly number[], run: number, sd: number): 'high' | 'low' | false {
  if (z.length < run) return false;
  const last = z.slice(-run);
  if (last.every((v) => v > sd)) return 'high';
  if (last.every((v) => v < -sd)) return 'low';
  return false;
}

/**
 * Each scan after the baseline, in date order, on the control chart: its distance from the baseline mean
 * in % and in SD, the CUSUM so far, and the signals it raises. Any signal puts the scanner out of control
 * that day; the CUSUM is not reset by the chart, only by a new baseline after the fault is put right.
 */
export function phantomControlChart(
  baseline: PhantomBaseline,
  bmdGcm2: readonly number[],
  rules: PhantomQcRules = defaultPhantomQcRules,
): PhantomPoint[] {
  const s = rules.shewhart;
  const sd = baseline.sdGcm2 > 0 ? baseline.sdGcm2 : Number.EPSILON;
  const zs: number[] = [];
  let high = 0;
  let low = 0;
  return bmdGcm2.map((x) => {
    const z = (x - baseline.meanGcm2) / sd;
    zs.push(z);
    high = Math.max(0, high + z - rules.cusum.kSd);
    low = Math.max(0, low - z - rules.cusum.kSd);
    const signals: PhantomSignal[] = [];
    const percent = (100 * (x - baseline.meanGcm2)) / baseline.meanGcm2;
    // ROS Appendix 3: the tolerance limits set from the baseline.
    if (x < baseline.lowerLimitGcm2 || x > baseline.upperLimitGcm2)
      signals.push({
        code: 'outside_tolerance',
        text: `${percent.toFixed(2)}% from the baseline mean, outside ±${String(baseline.tolerancePercent)}%`,
      });
    // Westgard multi-rule Shewhart chart.
    if (s.oneBeyond3Sd.enabled && Math.abs(z) > s.oneBeyond3Sd.sd)
      signals.push({ code: 'one_beyond_3sd', text: `${z.toFixed(1)} SD from the mean` });
    if (s.twoBeyond2Sd.enabled && runBeyond(zs, s.twoBeyond2Sd.run, s.twoBeyond2Sd.sd))
      signals.push({
        code: 'two_beyond_2sd',
        text: `${String(s.twoBeyond2Sd.run)} scans in a row beyond ${String(s.twoBeyond2Sd.sd)} SD on the same side`,
      });
    const previous = zs.at(-2);
    if (s.rangeBeyond4Sd.enabled && previous !== undefined && Math.abs(z - previous) > s.rangeBeyond4Sd.sd)
      signals.push({
        code: 'range_beyond_4sd',
        text: `${Math.abs(z - previous).toFixed(1)} SD from the scan before`,
      });
    if (s.fourBeyond1Sd.enabled && runBeyond(zs, s.fourBeyond1Sd.run, s.fourBeyond1Sd.sd))
      signals.push({
        code: 'four_beyond_1sd',
        text: `${String(s.fourBeyond1Sd.run)} scans in a row beyond ${String(s.fourBeyond1Sd.sd)} SD on the same side`,
      });
    if (s.tenOnOneSide.enabled && runBeyond(zs, s.tenOnOneSide.run, 0))
      signals.push({
        code: 'ten_on_one_side',
        text: `${String(s.tenOnOneSide.run)} scans in a row on the same side of the mean`,
      });
    // Tabular CUSUM for a sustained drift too small for the Shewhart rules.
    if (rules.cusum.enabled && high > rules.cusum.hSd)
      signals.push({ code: 'cusum_high', text: `upward drift: CUSUM ${high.toFixed(2)} SD` });
    if (rules.cusum.enabled && low > rules.cusum.hSd)
      signals.push({ code: 'cusum_low', text: `downward drift: CUSUM ${low.toFixed(2)} SD` });
    return {
      bmdGcm2: x,
      percentFromMean: percent,
      sdFromMean: z,
      cusumHighSd: high,
      cusumLowSd: low,
      signals,
      inControl: signals.length === 0,
    };
  });
}
