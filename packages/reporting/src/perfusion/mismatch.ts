/** Mismatch volume and ratio (hypoperfused ÷ core); the ratio is undefined without a core. */
export function mismatch(
  coreMl: number,
  hypoperfusionMl: number,
): { volumeMl: number; ratio: number | null } {
  return { volumeMl: hypoperfusionMl - coreMl, ratio: coreMl > 0 ? hypoperfusionMl / coreMl : null };
}
