import { describe, expect, it } from 'vitest';
import { layoutBars } from '../src/charts/bar-geometry.ts';
import { lastWholeMonth } from '../src/service-data/default-period.ts';

describe('bar chart geometry', () => {
  it('draws each bar in proportion to the largest value', () => {
    // Values 2, 5 and 10 over 400 px: 80, 200 and 400 px; bars 20 px high with 10 px gaps: y 0, 30, 60.
    const layout = layoutBars(
      [
        { label: 'a', value: 2 },
        { label: 'b', value: 5 },
        { label: 'c', value: 10 },
      ],
      400,
      20,
      10,
    );
    expect(layout.bars.map((b) => [b.y, b.widthPx])).toEqual([
      [0, 80],
      [30, 200],
      [60, 400],
    ]);
    expect([layout.scaleMax, layout.heightPx, layout.referenceXPx]).toEqual([10, 80, null]);
  });

  it('scales to a target beyond every value, so the target line is always on the chart', () => {
    // A median wait of 21 days against a 42-day target over 360 px: the bar 180 px, the target at 360.
    const layout = layoutBars([{ label: 'wait', value: 21 }], 360, 22, 8, 42);
    expect([layout.bars[0]?.widthPx, layout.referenceXPx, layout.scaleMax]).toEqual([180, 360, 42]);
  });

  it('draws nothing for all-zero values rather than dividing by zero', () => {
    const layout = layoutBars([{ label: 'none', value: 0 }], 360, 22, 8);
    expect(layout.bars[0]?.widthPx).toBe(0);
  });
});

describe("the dashboard's first period", () => {
  it('is the last whole calendar month, across a year end too', () => {
    expect(lastWholeMonth(new Date('2026-11-30T10:00:00Z'))).toEqual({
      from: '2026-10-01',
      to: '2026-10-31',
    });
    expect(lastWholeMonth(new Date('2027-01-01T00:00:00Z'))).toEqual({
      from: '2026-12-01',
      to: '2026-12-31',
    });
    expect(lastWholeMonth(new Date('2028-03-15T12:00:00Z'))).toEqual({
      from: '2028-02-01',
      to: '2028-02-29',
    });
  });
});
