import type { LineChart } from '../document/report-document.ts';
import { chartScale, project, SERIES_COLOURS, SERIES_DASHES } from './chart-scale.ts';
import { escapeHtml } from './escape-html.ts';

const WIDTH = 480;
const HEIGHT = 220;
const MARGIN = { left: 56, right: 120, top: 12, bottom: 40 };

/** An inline SVG line chart with axes, labels and a legend; its title describes it to screen readers. */
export function lineChartSvg(chart: LineChart, title: string, id: string): string {
  const scale = chartScale(chart);
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const paths = chart.series.map((series, i) => {
    const d = series.points
      .map((p, j) => {
        const [x, y] = project(scale, plotW, plotH, p);
        return `${j === 0 ? 'M' : 'L'}${(x + MARGIN.left).toFixed(1)},${(y + MARGIN.top).toFixed(1)}`;
      })
      .join(' ');
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length] ?? '#000';
    const dash = SERIES_DASHES[i % SERIES_DASHES.length] ?? '';
    const legendY = MARGIN.top + 14 + i * 18;
    const legendX = WIDTH - MARGIN.right + 10;
    return [
      `<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
      `<line x1="${legendX}" y1="${legendY - 4}" x2="${legendX + 20}" y2="${legendY - 4}" stroke="${colour}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
      `<text x="${legendX + 24}" y="${legendY}" font-size="11">${escapeHtml(series.name)}</text>`,
    ].join('');
  });
  const axisY = MARGIN.top + plotH;
  const ticks = (min: number, max: number): number[] => [min, (min + max) / 2, max];
  const xTicks = ticks(scale.xMin, scale.xMax).map((v) => {
    const [x] = project(scale, plotW, plotH, [v, scale.yMin]);
    return `<text x="${(x + MARGIN.left).toFixed(1)}" y="${axisY + 14}" font-size="10" text-anchor="middle">${Math.round(v)}</text>`;
  });
  const yTicks = ticks(scale.yMin, scale.yMax).map((v) => {
    const [, y] = project(scale, plotW, plotH, [scale.xMin, v]);
    return `<text x="${MARGIN.left - 6}" y="${(y + MARGIN.top + 3).toFixed(1)}" font-size="10" text-anchor="end">${Math.round(v)}</text>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="${id}">`,
    `<title id="${id}">${escapeHtml(title)}</title>`,
    `<line x1="${MARGIN.left}" y1="${axisY}" x2="${MARGIN.left + plotW}" y2="${axisY}" stroke="#000"/>`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${axisY}" stroke="#000"/>`,
    ...xTicks,
    ...yTicks,
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 6}" font-size="11" text-anchor="middle">${escapeHtml(chart.xLabel)}</text>`,
    `<text x="12" y="${MARGIN.top + plotH / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 12 ${MARGIN.top + plotH / 2})">${escapeHtml(chart.yLabel)}</text>`,
    ...paths,
    '</svg>',
  ].join('\n');
}
