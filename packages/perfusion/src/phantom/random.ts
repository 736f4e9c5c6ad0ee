// A small seeded pseudo-random generator for reproducible phantom noise: mulberry32 (Tommy Ettinger's
// 32-bit generator, public domain), and standard normal deviates by the Box–Muller transform
// (Box GEP, Muller ME. Ann Math Stat 1958;29:610-611).

/** A generator of uniform numbers in [0, 1) from a 32-bit integer seed; the same seed, the same sequence. */
export function mulberry32(seed: number): () => number {
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`);
  let state = seed >>> 0;
  return (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator of standard normal deviates (mean 0, SD 1) from a uniform generator, two per pair drawn. */
export function gaussianSampler(uniform: () => number): () => number {
  let spare: number | undefined;
  return (): number => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    // 1 − u lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}
