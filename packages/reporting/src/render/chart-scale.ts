import type { LineChart } from '../document/report-document.ts';

export interface ChartScale {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** The data range of all series, never empty (a flat curve still gets a visible band). */
export function chartScale(chart: LineChart): ChartScale {
  const xs = chart.series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = chart.series.flatMap((s) => s.points.map((p) => p[1]));
  const xMin = xs.length > 0 ? Math.min(...xs) : 0;
  const xMax = xs.length > 0 ? Math.max(...xs) : 1;
  const yMin = Math.min(0, ...ys);
  const yMax = ys.length > 0 ? Math.max(...ys) : 1;
  return { xMin, xMax: xMax > xMin ? xMax : xMin + 1, yMin, yMax: yMax > yMin ? yMax : yMin + 1 };
}

/** Map a data point into a box of width × height with y growing downwards. */
export function project(
  scale: ChartScale,
  width: number,
  height: number,
  point: readonly [number, number],
): [number, number] {
  const x = ((point[0] - scale.xMin) / (scale.xMax - scale.xMin)) * width;
  const y = height - ((point[1] - scale.yMin) / (scale.yMax - scale.yMin)) * height;
  return [x, y];
}

/** Series colours distinguishable in print and for red-green colour blindness (Okabe–Ito). */
export const SERIES_COLOURS = ['#D55E00', '#0072B2', '#009E73', '#CC79A7'] as const;
/** Dash patterns so the series differ in black-and-white print too. */
export const SERIES_DASHES = ['', '6 3', '2 2', '8 3 2 3'] as const;
