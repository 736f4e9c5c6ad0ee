// A Levey-Jennings control chart's geometry: scans left to right in order, BMD up the y axis, scaled so
// the mean, the ±1.5% tolerance limits, ±3 SD and every scan are on the chart (ROS Appendix 3; Westgard).

export interface ControlChartInput {
  meanGcm2: number;
  sdGcm2: number;
  lowerLimitGcm2: number;
  upperLimitGcm2: number;
  pointsGcm2: readonly number[];
}

export interface ControlChartGeometry {
  minGcm2: number;
  maxGcm2: number;
  /** The y pixel of a BMD, 0 at the top. */
  y: (bmdGcm2: number) => number;
  /** The x pixel of the i-th scan. */
  x: (index: number) => number;
}

export function controlChartGeometry(
  input: ControlChartInput,
  widthPx: number,
  heightPx: number,
): ControlChartGeometry {
  const values = [
    input.lowerLimitGcm2,
    input.upperLimitGcm2,
    input.meanGcm2 - 3 * input.sdGcm2,
    input.meanGcm2 + 3 * input.sdGcm2,
    ...input.pointsGcm2,
  ];
  const minGcm2 = Math.min(...values);
  const maxGcm2 = Math.max(...values);
  const span = maxGcm2 - minGcm2 || 1;
  const count = input.pointsGcm2.length;
  return {
    minGcm2,
    maxGcm2,
    y: (bmd) => ((maxGcm2 - bmd) / span) * heightPx,
    x: (index) => (count <= 1 ? widthPx / 2 : (index / (count - 1)) * widthPx),
  };
}
