import type { ReactElement } from 'react';
import { score, T_NORMAL_AT_LEAST, T_OSTEOPOROSIS_AT_MOST, whoCategory } from './site-categories.ts';
import { siteName, type AssessedSite } from './visit-types.ts';

// Each site's T-score as a mark on a scale from -5 to +3, over the WHO bands (WHO 1994): normal at -1 and
// above, low bone density between, osteoporosis at -2.5 and below.

const SCALE = { min: -5, max: 3 } as const;
const WIDTH = 560;
const LEFT = 170;
const RIGHT = 20;
const ROW = 30;
const TOP = 24;

function x(t: number): number {
  const clamped = Math.min(SCALE.max, Math.max(SCALE.min, t));
  return LEFT + ((clamped - SCALE.min) / (SCALE.max - SCALE.min)) * (WIDTH - LEFT - RIGHT);
}

export function TScoreChart(props: { sites: readonly AssessedSite[] }): ReactElement | null {
  const scored = props.sites.filter(
    (s): s is AssessedSite & { tScore: number } => s.tScore !== null && s.usable,
  );
  if (scored.length === 0) return null;
  const height = TOP + scored.length * ROW + 26;
  const label = `T-scores by site: ${scored
    .map((s) => `${siteName(s.site, s.side)} ${score(s.tScore)} (${whoCategory(s.tScore).toLowerCase()})`)
    .join(
      '; ',
    )}. WHO bands: normal ${score(T_NORMAL_AT_LEAST)} and above, low bone density between, osteoporosis ${score(T_OSTEOPOROSIS_AT_MOST)} and below.`;
  const ticks = [-5, -4, -3, -2, -1, 0, 1, 2, 3];
  return (
    <svg
      className="t-score-chart"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${String(WIDTH)} ${String(height)}`}
      width={WIDTH}
      height={height}
    >
      <rect
        x={x(SCALE.min)}
        y={TOP - 6}
        width={x(T_OSTEOPOROSIS_AT_MOST) - x(SCALE.min)}
        height={scored.length * ROW + 6}
        className="band-osteoporosis"
      />
      <rect
        x={x(T_OSTEOPOROSIS_AT_MOST)}
        y={TOP - 6}
        width={x(T_NORMAL_AT_LEAST) - x(T_OSTEOPOROSIS_AT_MOST)}
        height={scored.length * ROW + 6}
        className="band-low"
      />
      <rect
        x={x(T_NORMAL_AT_LEAST)}
        y={TOP - 6}
        width={x(SCALE.max) - x(T_NORMAL_AT_LEAST)}
        height={scored.length * ROW + 6}
        className="band-normal"
      />
      <text
        x={(x(SCALE.min) + x(T_OSTEOPOROSIS_AT_MOST)) / 2}
        y={14}
        textAnchor="middle"
        className="band-label"
      >
        Osteoporosis
      </text>
      <text
        x={(x(T_OSTEOPOROSIS_AT_MOST) + x(T_NORMAL_AT_LEAST)) / 2}
        y={14}
        textAnchor="middle"
        className="band-label"
      >
        Low bone density
      </text>
      <text x={(x(T_NORMAL_AT_LEAST) + x(SCALE.max)) / 2} y={14} textAnchor="middle" className="band-label">
        Normal
      </text>
      {scored.map((s, i) => {
        const y = TOP + i * ROW + ROW / 2;
        return (
          <g key={`${s.site}-${s.side ?? ''}`}>
            <text x={LEFT - 8} y={y + 4} textAnchor="end">
              {siteName(s.site, s.side)}
            </text>
            <line x1={x(0)} x2={x(s.tScore)} y1={y} y2={y} className="t-bar" />
            <circle cx={x(s.tScore)} cy={y} r={5} className="t-mark" />
            <text
              x={x(s.tScore) + (s.tScore < 0 ? -8 : 8)}
              y={y - 8}
              textAnchor={s.tScore < 0 ? 'end' : 'start'}
            >
              {score(s.tScore)}
            </text>
          </g>
        );
      })}
      {ticks.map((t) => (
        <g key={t}>
          <line
            x1={x(t)}
            x2={x(t)}
            y1={TOP + scored.length * ROW}
            y2={TOP + scored.length * ROW + 5}
            className="axis"
          />
          <text x={x(t)} y={TOP + scored.length * ROW + 18} textAnchor="middle" className="tick">
            {score(t)}
          </text>
        </g>
      ))}
    </svg>
  );
}
