import type { ReactElement } from 'react';
import { layoutBars, type Bar } from './bar-geometry.ts';

const LABEL_WIDTH_PX = 220;
const PLOT_WIDTH_PX = 360;
const BAR_HEIGHT_PX = 22;
const GAP_PX = 8;

/**
 * A labelled horizontal bar chart drawn in SVG, with an optional reference line (a target). The figures
 * are also given as text in the SVG's title and in the table beside it, for screen readers.
 */
export function BarChart(props: {
  title: string;
  bars: readonly Bar[];
  unit: string;
  reference?: { value: number; label: string };
}): ReactElement {
  const layout = layoutBars(props.bars, PLOT_WIDTH_PX, BAR_HEIGHT_PX, GAP_PX, props.reference?.value ?? null);
  const width = LABEL_WIDTH_PX + PLOT_WIDTH_PX + 80;
  const height = layout.heightPx + 24;
  const summary = props.bars.map((b) => `${b.label}: ${String(b.value)} ${props.unit}`).join('; ');
  return (
    <figure className="chart">
      <figcaption>{props.title}</figcaption>
      <svg
        role="img"
        aria-label={`${props.title}. ${summary}`}
        viewBox={`0 0 ${String(width)} ${String(height)}`}
      >
        <title>{`${props.title}. ${summary}`}</title>
        {layout.bars.map((b) => (
          <g key={b.label} transform={`translate(0 ${String(b.y)})`} data-value={b.value}>
            <text x={LABEL_WIDTH_PX - 8} y={BAR_HEIGHT_PX * 0.7} textAnchor="end" className="chart-label">
              {b.label}
            </text>
            <rect x={LABEL_WIDTH_PX} width={b.widthPx} height={BAR_HEIGHT_PX} className="chart-bar" />
            <text x={LABEL_WIDTH_PX + b.widthPx + 6} y={BAR_HEIGHT_PX * 0.7} className="chart-value">
              {`${String(b.value)} ${props.unit}`}
            </text>
          </g>
        ))}
        {layout.referenceXPx !== null && props.reference ? (
          <g className="chart-reference">
            <line
              x1={LABEL_WIDTH_PX + layout.referenceXPx}
              x2={LABEL_WIDTH_PX + layout.referenceXPx}
              y1={0}
              y2={layout.heightPx + 4}
            />
            <text x={LABEL_WIDTH_PX + layout.referenceXPx} y={layout.heightPx + 18} textAnchor="middle">
              {props.reference.label}
            </text>
          </g>
        ) : null}
      </svg>
    </figure>
  );
}
