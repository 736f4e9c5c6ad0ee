/** A value rounded to `decimals` places for output (the engine keeps full precision). */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
