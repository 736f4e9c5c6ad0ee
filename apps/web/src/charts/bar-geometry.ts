// Horizontal bar chart geometry: each bar's length in proportion to its value against the chart's scale,
// which is the larger of the largest value and any reference line (a target), so a target always shows.

export interface Bar {
  label: string;
  value: number;
}

export interface BarLayout {
  label: string;
  value: number;
  y: number;
  widthPx: number;
}

export interface ChartLayout {
  bars: BarLayout[];
  scaleMax: number;
  /** Where a reference line (a target) falls, in pixels from the bars' origin. */
  referenceXPx: number | null;
  heightPx: number;
}

export function layoutBars(
  bars: readonly Bar[],
  plotWidthPx: number,
  barHeightPx: number,
  gapPx: number,
  reference: number | null = null,
): ChartLayout {
  const scaleMax = Math.max(0, reference ?? 0, ...bars.map((b) => b.value));
  const scale = (v: number): number => (scaleMax === 0 ? 0 : (Math.max(0, v) / scaleMax) * plotWidthPx);
  return {
    bars: bars.map((b, i) => ({
      label: b.label,
      value: b.value,
      y: i * (barHeightPx + gapPx),
      widthPx: scale(b.value),
    })),
    scaleMax,
    referenceXPx: reference === null ? null : scale(reference),
    heightPx: Math.max(0, bars.length * (barHeightPx + gapPx) - gapPx),
  };
}
