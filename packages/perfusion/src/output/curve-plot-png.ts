import { GLYPH_HEIGHT, textWidth } from './bitmap-font.ts';
import { Raster, type Rgb } from './raster.ts';

/** One curve of a plot. */
export interface PlotSeries {
  label: string;
  colour: Rgb;
  timesS: readonly number[];
  values: ArrayLike<number>;
}

export interface CurvePlotOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
}

const WHITE: Rgb = [255, 255, 255];
const AXIS: Rgb = [40, 40, 40];
const GRID: Rgb = [225, 225, 225];
const LEFT = 64;
const RIGHT = 20;
const TOP = 48;
const BOTTOM = 48;
const TICK = 5;

/** Tick values covering [low, high] at a round step (1, 2 or 5 × 10^n) giving about `target` ticks. */
export function niceTicks(low: number, high: number, target = 6): number[] {
  const span = high - low > 0 ? high - low : 1;
  const raw = span / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(low / step - 1e-9) * step; t <= high + step * 1e-9; t += step) {
    ticks.push(Math.abs(t) < step * 1e-9 ? 0 : Number(t.toPrecision(12)));
  }
  return ticks;
}

/**
 * Curves against time as a PNG: axes with round ticks and their values, light grid lines, a title, axis
 * labels and a legend (top right). The y axis runs from min(0, lowest value) to the highest value.
 */
export function curvePlotPng(series: readonly PlotSeries[], options: CurvePlotOptions): Buffer {
  const width = options.width ?? 720;
  const height = options.height ?? 420;
  let tMin = Infinity;
  let tMax = -Infinity;
  let yMin = 0;
  let yMax = -Infinity;
  for (const s of series) {
    s.timesS.forEach((t, n) => {
      tMin = Math.min(tMin, t);
      tMax = Math.max(tMax, t);
      const y = s.values[n] ?? 0;
      yMin = Math.min(yMin, y);
      yMax = Math.max(yMax, y);
    });
  }
  if (!Number.isFinite(tMin)) throw new RangeError('curvePlotPng: series holds no points');
  if (!(tMax > tMin)) tMax = tMin + 1;
  if (!(yMax > yMin)) yMax = yMin + 1;
  const xTicks = niceTicks(tMin, tMax);
  const yTicks = niceTicks(yMin, yMax);
  tMin = Math.min(tMin, xTicks[0] ?? tMin);
  tMax = Math.max(tMax, xTicks[xTicks.length - 1] ?? tMax);
  yMin = Math.min(yMin, yTicks[0] ?? yMin);
  yMax = Math.max(yMax, yTicks[yTicks.length - 1] ?? yMax);
  const plotW = width - LEFT - RIGHT;
  const plotH = height - TOP - BOTTOM;
  const px = (t: number): number => LEFT + ((t - tMin) / (tMax - tMin)) * plotW;
  const py = (y: number): number => TOP + plotH - ((y - yMin) / (yMax - yMin)) * plotH;
  const raster = new Raster(width, height, WHITE);
  raster.text(LEFT, 10, options.title, AXIS, 2);
  for (const t of xTicks) {
    raster.line(px(t), TOP, px(t), TOP + plotH, GRID);
    raster.line(px(t), TOP + plotH, px(t), TOP + plotH + TICK, AXIS);
    const text = String(t);
    raster.text(px(t) - textWidth(text) / 2, TOP + plotH + TICK + 3, text, AXIS);
  }
  for (const y of yTicks) {
    raster.line(LEFT, py(y), LEFT + plotW, py(y), GRID);
    raster.line(LEFT - TICK, py(y), LEFT, py(y), AXIS);
    const text = String(y);
    raster.text(LEFT - TICK - 3 - textWidth(text), py(y) - 3, text, AXIS);
  }
  raster.line(LEFT, TOP, LEFT, TOP + plotH, AXIS);
  raster.line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, AXIS);
  raster.text(
    LEFT + plotW / 2 - textWidth(options.xLabel) / 2,
    height - GLYPH_HEIGHT - 8,
    options.xLabel,
    AXIS,
  );
  raster.text(4, TOP - GLYPH_HEIGHT - 6, options.yLabel, AXIS);
  for (const s of series) {
    for (let n = 1; n < s.timesS.length; n++) {
      raster.line(
        px(s.timesS[n - 1] ?? 0),
        py(s.values[n - 1] ?? 0),
        px(s.timesS[n] ?? 0),
        py(s.values[n] ?? 0),
        s.colour,
        2,
      );
    }
  }
  const legendW = Math.max(...series.map((s) => textWidth(s.label))) + 34;
  series.forEach((s, n) => {
    const y = TOP + 10 + n * 14;
    const x = LEFT + plotW - legendW;
    raster.line(x, y + 3, x + 22, y + 3, s.colour, 2);
    raster.text(x + 28, y, s.label, AXIS);
  });
  return raster.encode();
}
