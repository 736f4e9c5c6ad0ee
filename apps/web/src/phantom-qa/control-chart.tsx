import type { ReactElement } from 'react';
import { controlChartGeometry } from '../charts/control-chart-geometry.ts';
import { isCusumSignal, type PhantomChartData, type PhantomChartPoint } from './phantom-chart-types.ts';

const WIDTH_PX = 760;
const HEIGHT_PX = 260;
const LEFT_PX = 70;
const TOP_PX = 10;

type Baseline = NonNullable<PhantomChartData['baseline']>;

/** How a scan is marked: in control; a Shewhart or tolerance signal (circle); a CUSUM drift (diamond). */
function markOf(p: PhantomChartPoint): 'in' | 'shewhart' | 'cusum' | 'both' {
  const cusum = p.signals.some((s) => isCusumSignal(s.code));
  const other = p.signals.some((s) => !isCusumSignal(s.code));
  return cusum && other ? 'both' : cusum ? 'cusum' : other ? 'shewhart' : 'in';
}

/**
 * The phantom control chart: mean, ±2 and ±3 SD, the ±1.5% tolerance limits, each scan marked in or out;
 * a Shewhart or tolerance signal is a red circle, a CUSUM drift signal an orange diamond (ISCD).
 */
export function ControlChart({
  baseline,
  points,
}: {
  baseline: Baseline;
  points: PhantomChartData['points'];
}): ReactElement {
  const g = controlChartGeometry(
    { ...baseline, pointsGcm2: points.map((p) => p.bmdGcm2) },
    WIDTH_PX - LEFT_PX - 20,
    HEIGHT_PX - TOP_PX - 20,
  );
  const out = points.filter((p) => !p.inControl).length;
  const marks = points.map(markOf);
  const shewhart = marks.filter((m) => m === 'shewhart' || m === 'both').length;
  const cusum = marks.filter((m) => m === 'cusum' || m === 'both').length;
  const summary = `${String(points.length)} scans, ${String(out)} out of control; baseline mean ${baseline.meanGcm2.toFixed(3)} g/cm², tolerance ${baseline.lowerLimitGcm2.toFixed(3)} to ${baseline.upperLimitGcm2.toFixed(3)} g/cm²; ${String(shewhart)} with a Shewhart or tolerance signal, ${String(cusum)} with a CUSUM drift signal`;
  const line = (bmd: number, label: string, kind: string): ReactElement => (
    <g className={`control-line ${kind}`} key={label}>
      <line x1={LEFT_PX} x2={WIDTH_PX - 20} y1={TOP_PX + g.y(bmd)} y2={TOP_PX + g.y(bmd)} />
      <text x={LEFT_PX - 6} y={TOP_PX + g.y(bmd) + 4} textAnchor="end">
        {label}
      </text>
    </g>
  );
  const { meanGcm2: mean, sdGcm2: sd } = baseline;
  return (
    <figure className="chart">
      <figcaption>Spine phantom L1–L4 BMD against the baseline</figcaption>
      <svg role="img" aria-label={summary} viewBox={`0 0 ${String(WIDTH_PX)} ${String(HEIGHT_PX)}`}>
        <title>{summary}</title>
        {line(baseline.upperLimitGcm2, `+${String(baseline.tolerancePercent)}%`, 'limit')}
        {line(mean + 3 * sd, '+3 SD', 'sd3')}
        {line(mean + 2 * sd, '+2 SD', 'sd2')}
        {line(mean, mean.toFixed(3), 'mean')}
        {line(mean - 2 * sd, '−2 SD', 'sd2')}
        {line(mean - 3 * sd, '−3 SD', 'sd3')}
        {line(baseline.lowerLimitGcm2, `−${String(baseline.tolerancePercent)}%`, 'limit')}
        <polyline
          className="control-trace"
          points={points
            .map((p, i) => `${String(LEFT_PX + g.x(i))},${String(TOP_PX + g.y(p.bmdGcm2))}`)
            .join(' ')}
        />
        {points.map((p, i) => {
          const cx = LEFT_PX + g.x(i);
          const cy = TOP_PX + g.y(p.bmdGcm2);
          const mark = marks[i] ?? 'in';
          const title = (
            <title>{`${p.scannedAt.slice(0, 10)}: ${p.bmdGcm2.toFixed(3)} g/cm²${p.inControl ? '' : ` — ${p.signals.map((s) => s.text).join('; ')}`}`}</title>
          );
          return (
            <g key={p.scannedAt} className={`mark-${mark}`} data-bmd={p.bmdGcm2} data-mark={mark}>
              {mark === 'cusum' || mark === 'both' ? (
                <polygon
                  className="point-cusum"
                  points={`${String(cx)},${String(cy - 8)} ${String(cx + 8)},${String(cy)} ${String(cx)},${String(cy + 8)} ${String(cx - 8)},${String(cy)}`}
                >
                  {title}
                </polygon>
              ) : null}
              {mark !== 'cusum' ? (
                <circle
                  cx={cx}
                  cy={cy}
                  r={mark === 'in' ? 4 : 6}
                  className={mark === 'in' ? 'point-in' : 'point-out'}
                >
                  {title}
                </circle>
              ) : null}
            </g>
          );
        })}
      </svg>
      <ul className="chart-legend" aria-hidden="true">
        <li>
          <span className="legend-in" /> in control
        </li>
        <li>
          <span className="legend-out" /> Shewhart rule or tolerance signal
        </li>
        <li>
          <span className="legend-cusum" /> CUSUM drift signal
        </li>
      </ul>
    </figure>
  );
}
