import { describe, expect, it } from 'vitest';
import {
  defaultPhantomQcRules,
  phantomBaseline,
  phantomControlChart,
  type PhantomBaseline,
} from '../src/index.ts';

// A made-up spine phantom baseline, worked by hand: deviations from 1.000 g/cm2 of
// -9 -6 -2 -2 0 0 2 2 6 9 mg/cm2 sum to 0, so the mean is 1.000; their squares sum to 250e-6, so the SD
// is sqrt(250e-6 / 9) = 0.0052705 g/cm2 (CV 0.527%), and the ±1.5% limits are 0.985 and 1.015.
const BASELINE_SCANS = [0.991, 0.994, 0.998, 0.998, 1.0, 1.0, 1.002, 1.002, 1.006, 1.009];

function codes(baseline: PhantomBaseline, values: number[]): string[][] {
  return phantomControlChart(baseline, values).map((p) => p.signals.map((s) => s.code));
}

describe('phantom QC baseline (ROS Appendix 3)', () => {
  const baseline = phantomBaseline(BASELINE_SCANS);

  it('is the mean L1-L4 BMD of at least 10 scans, its SD and the ±1.5% limits', () => {
    expect(baseline.scans).toBe(10);
    expect(baseline.meanGcm2).toBeCloseTo(1.0, 12);
    expect(baseline.sdGcm2).toBeCloseTo(0.0052705, 7);
    expect(baseline.cvPercent).toBeCloseTo(0.52705, 4);
    expect(baseline.lowerLimitGcm2).toBeCloseTo(0.985, 12);
    expect(baseline.upperLimitGcm2).toBeCloseTo(1.015, 12);
  });

  it('refuses fewer than 10 scans, or a BMD that is not a positive number, saying which', () => {
    expect(() => phantomBaseline(BASELINE_SCANS.slice(0, 9))).toThrow(
      'phantom baseline: needs at least 10 scans, has 9 (ROS Appendix 3)',
    );
    expect(() => phantomBaseline([...BASELINE_SCANS.slice(0, 9), 0])).toThrow(
      'phantom baseline: scan 10 BMD must be a positive number',
    );
  });
});

describe('phantom control chart: Shewhart rules and CUSUM', () => {
  const baseline = phantomBaseline(BASELINE_SCANS);
  const sd = baseline.sdGcm2;

  it('passes a scan on the limit and fails one beyond it (1.016 is +1.6%, also 3.04 SD)', () => {
    expect(codes(baseline, [1.015])).toEqual([[]]);
    expect(codes(baseline, [1.016])).toEqual([['outside_tolerance', 'one_beyond_3sd']]);
    const [point] = phantomControlChart(baseline, [1.016]);
    expect(point?.percentFromMean).toBeCloseTo(1.6, 9);
    expect(point?.sdFromMean).toBeCloseTo(0.016 / 0.0052705, 3);
    expect(point?.inControl).toBe(false);
  });

  it('2-2s: two scans in a row beyond 2 SD on the same side (2.09 then 2.28 SD)', () => {
    expect(codes(baseline, [1.011, 1.012])).toEqual([[], ['two_beyond_2sd']]);
  });

  it('R-4s: two scans in a row more than 4 SD apart (+2.09 then -2.09 SD)', () => {
    expect(codes(baseline, [1.011, 0.989])).toEqual([[], ['range_beyond_4sd']]);
  });

  it('4-1s: four scans in a row beyond 1 SD on the same side (1.14 SD each)', () => {
    expect(codes(baseline, [1.006, 1.006, 1.006, 1.006])).toEqual([[], [], [], ['four_beyond_1sd']]);
  });

  it('10-x: ten scans in a row on the same side of the mean, however close (0.19 SD each)', () => {
    const chart = codes(
      baseline,
      Array.from({ length: 10 }, () => 1.001),
    );
    expect(chart.slice(0, 9)).toEqual(Array.from({ length: 9 }, () => []));
    expect(chart[9]).toEqual(['ten_on_one_side']);
  });

  it('CUSUM: a drift too small for any Shewhart rule signals once C+ passes 5 SD', () => {
    // z alternating +2.4, -0.4 with k = 0.5: C+ = 1.9, 1.0, 2.9, 2.0, 3.9, 3.0, 4.9, 4.0, 5.9 → the ninth
    // scan signals. No scan is beyond 3 SD or 1.5%, no two in a row beyond 2 SD, none 4 SD from the last.
    const zs = [2.4, -0.4, 2.4, -0.4, 2.4, -0.4, 2.4, -0.4, 2.4];
    const chart = phantomControlChart(
      baseline,
      zs.map((z) => baseline.meanGcm2 + z * sd),
    );
    expect(chart.map((p) => Number(p.cusumHighSd.toFixed(6)))).toEqual([1.9, 1, 2.9, 2, 3.9, 3, 4.9, 4, 5.9]);
    expect(chart.map((p) => p.signals.map((s) => s.code))).toEqual([
      ...Array.from({ length: 8 }, () => []),
      ['cusum_high'],
    ]);
    expect(chart[8]?.signals[0]?.text).toBe('upward drift: CUSUM 5.90 SD');
  });

  it('CUSUM: a downward drift signals on the low side (z -1.4 each: C- = 0.9, 1.8, … 5.4 at the sixth)', () => {
    // -1.4 SD is beyond 1 SD, so 4-1s also fires from the fourth scan: both are reported.
    const chart = phantomControlChart(
      baseline,
      Array.from({ length: 6 }, () => baseline.meanGcm2 - 1.4 * sd),
    );
    expect(chart.map((p) => Number(p.cusumLowSd.toFixed(6)))).toEqual([0.9, 1.8, 2.7, 3.6, 4.5, 5.4]);
    expect(chart[5]?.signals.map((s) => s.code)).toEqual(['four_beyond_1sd', 'cusum_low']);
  });

  it('follows the rules file: a disabled rule raises nothing', () => {
    const rules = structuredClone(defaultPhantomQcRules);
    rules.shewhart.twoBeyond2Sd.enabled = false;
    expect(phantomControlChart(baseline, [1.011, 1.012], rules).map((p) => p.signals)).toEqual([[], []]);
  });
});
