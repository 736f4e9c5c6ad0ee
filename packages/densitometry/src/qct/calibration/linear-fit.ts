// Ordinary least squares fits used by the QCT calibrations: a straight line and, to test linearity, a
// quadratic through the same points.

export interface LineFit {
  slope: number;
  intercept: number;
  /** 1 − SSres / SStot; 1 when the points fit exactly, 0 when SStot is 0. */
  r2: number;
  /** Per point, y − fitted. */
  residuals: number[];
}

/** y = intercept + slope × x by ordinary least squares. Throws when fewer than two distinct x. */
export function fitLine(x: readonly number[], y: readonly number[]): LineFit {
  const n = x.length;
  if (n !== y.length) throw new Error(`fitLine: ${String(n)} x values but ${String(y.length)} y values`);
  const meanX = x.reduce((a, b) => a + b, 0) / n;
  const meanY = y.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] ?? 0) - meanX;
    const dy = (y[i] ?? 0) - meanY;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (n < 2 || sxx === 0) throw new Error('fitLine: needs at least two distinct x values');
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  const residuals = x.map((xi, i) => (y[i] ?? 0) - (intercept + slope * xi));
  const ssRes = residuals.reduce((a, r) => a + r * r, 0);
  const r2 = syy === 0 ? 0 : Math.max(0, 1 - ssRes / syy);
  return { slope, intercept, r2, residuals };
}

/** y = c0 + c1 x + c2 x² by least squares (normal equations, x centred for conditioning). Needs 3 distinct x. */
export function fitQuadratic(
  x: readonly number[],
  y: readonly number[],
): { predict: (xi: number) => number; c2: number } {
  const n = x.length;
  const centre = x.reduce((a, b) => a + b, 0) / n;
  const u = x.map((xi) => xi - centre);
  const s = [0, 0, 0, 0, 0];
  const t = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const ui = u[i] ?? 0;
    const yi = y[i] ?? 0;
    for (let p = 0; p <= 4; p++) s[p] = (s[p] ?? 0) + ui ** p;
    for (let p = 0; p <= 2; p++) t[p] = (t[p] ?? 0) + yi * ui ** p;
  }
  const at = (i: number): number => s[i] ?? 0;
  const m = [
    [at(0), at(1), at(2)],
    [at(1), at(2), at(3)],
    [at(2), at(3), at(4)],
  ];
  const c = solve3(m, [t[0] ?? 0, t[1] ?? 0, t[2] ?? 0]);
  const [a0, a1, a2] = c;
  return { predict: (xi: number) => a0 + a1 * (xi - centre) + a2 * (xi - centre) ** 2, c2: a2 };
}

/** Cramer's rule for a 3 × 3 system; throws when singular (fewer than 3 distinct x). */
function solve3(m: number[][], b: [number, number, number]): [number, number, number] {
  const e = (r: number, c: number): number => m[r]?.[c] ?? 0;
  const det = (a: (r: number, c: number) => number): number =>
    a(0, 0) * (a(1, 1) * a(2, 2) - a(1, 2) * a(2, 1)) -
    a(0, 1) * (a(1, 0) * a(2, 2) - a(1, 2) * a(2, 0)) +
    a(0, 2) * (a(1, 0) * a(2, 1) - a(1, 1) * a(2, 0));
  const d = det(e);
  const scale = Math.abs(e(0, 0) * e(1, 1) * e(2, 2)) || 1;
  if (Math.abs(d) <= 1e-12 * scale) throw new Error('fitQuadratic: needs at least three distinct x values');
  const withColumn =
    (col: number) =>
    (r: number, c: number): number =>
      c === col ? b[r as 0 | 1 | 2] : e(r, c);
  return [det(withColumn(0)) / d, det(withColumn(1)) / d, det(withColumn(2)) / d];
}
