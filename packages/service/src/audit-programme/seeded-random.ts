/**
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit seeded generator, small enough to re-run by hand
 * or in any language, so anyone can re-draw an audit sample from its recorded seed. Returns numbers in
 * [0, 1), each the next 32-bit output divided by 2^32.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
