/** ∫ of one curve on a uniform grid of step dtS by the trapezoid rule (values[offset .. offset+length)). */
export function curveArea(values: ArrayLike<number>, offset: number, length: number, dtS: number): number {
  if (length < 2) return 0;
  let sum = 0;
  for (let i = 0; i < length; i++) sum += values[offset + i] ?? 0;
  sum -= 0.5 * ((values[offset] ?? 0) + (values[offset + length - 1] ?? 0));
  return sum * dtS;
}
