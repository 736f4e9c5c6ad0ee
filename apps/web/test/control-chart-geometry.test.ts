import { describe, expect, it } from 'vitest';
import { controlChartGeometry } from '../src/charts/control-chart-geometry.ts';

describe('phantom control chart geometry', () => {
  it('spans the limits, ±3 SD and every scan, with the highest at the top', () => {
    // Mean 1.000, SD 0.005: ±3 SD 0.985-1.015, the same as the ±1.5% limits; a scan at 1.020 widens the
    // top. Span 0.985-1.020 = 0.035 over 350 px: 1.020 at 0, 1.000 at (0.020 / 0.035) x 350 = 200, 0.985 at 350.
    const g = controlChartGeometry(
      { meanGcm2: 1, sdGcm2: 0.005, lowerLimitGcm2: 0.985, upperLimitGcm2: 1.015, pointsGcm2: [1, 1.02] },
      100,
      350,
    );
    expect([g.minGcm2, g.maxGcm2]).toEqual([0.985, 1.02]);
    expect(g.y(1.02)).toBeCloseTo(0, 9);
    expect(g.y(1)).toBeCloseTo(200, 9);
    expect(g.y(0.985)).toBeCloseTo(350, 9);
    expect([g.x(0), g.x(1)]).toEqual([0, 100]);
  });

  it('puts a single scan in the middle', () => {
    const g = controlChartGeometry(
      { meanGcm2: 1, sdGcm2: 0.005, lowerLimitGcm2: 0.985, upperLimitGcm2: 1.015, pointsGcm2: [1] },
      100,
      350,
    );
    expect(g.x(0)).toBe(50);
  });
});
