// The residue functions of the model fit (residue-model-fit.ts): survival functions of gamma (Erlang)
// distributed transit times, after Mouridsen K et al. NeuroImage 2006;33:570-579, and the box (plug flow).
// (The digital phantom keeps its own copy, phantom/residue-function.ts, so its truth stays independent of the
// engine it tests.)

/** e^(-x) · Σ_{m=0}^{n} x^m / m!: the probability that a Poisson(x) count is at most n. */
function poissonAtMost(n: number, x: number): number {
  let term = 1;
  let sum = 1;
  for (let m = 1; m <= n; m++) {
    term *= x / m;
    sum += term;
  }
  return Math.exp(-x) * sum;
}

/**
 * ∫₀ᵗ R(s) ds for the survival function R of a gamma (Erlang) transit-time distribution of whole shape k and
 * mean mttS (R = P(Poisson(t/θ) ≤ k − 1), θ = MTT/k; Mouridsen 2006), or of the box (k = 0: every transit
 * time equals MTT). ∫₀ᵗ e^(−s/θ)(s/θ)^n/n! ds = θ·(1 − P(Poisson(t/θ) ≤ n)).
 */
export function gammaResidueIntegralS(shape: number, mttS: number, tS: number): number {
  if (tS <= 0) return 0;
  if (shape === 0) return Math.min(tS, mttS);
  const thetaS = mttS / shape;
  const x = tS / thetaS;
  let sum = 0;
  for (let n = 0; n < shape; n++) sum += 1 - poissonAtMost(n, x);
  return thetaS * sum;
}

/**
 * ∫₀ᵗ s·R(s) ds (s²) for the same residues: ∫₀ᵗ s·e^(−s/θ)(s/θ)^n/n! ds = θ²·(n + 1)·(1 − P(Poisson(t/θ) ≤ n + 1));
 * min(t, MTT)²/2 for the box.
 */
export function gammaResidueMomentS2(shape: number, mttS: number, tS: number): number {
  if (tS <= 0) return 0;
  if (shape === 0) return 0.5 * Math.min(tS, mttS) ** 2;
  const thetaS = mttS / shape;
  const x = tS / thetaS;
  let sum = 0;
  for (let n = 0; n < shape; n++) sum += (n + 1) * (1 - poissonAtMost(n + 1, x));
  return thetaS * thetaS * sum;
}

/** ∫t·R dt / ∫R dt over MTT for a gamma residue of shape k: (k + 1)/(2k); ½ for the box (k = 0). */
export function momentFactor(shape: number): number {
  return shape === 0 ? 0.5 : (shape + 1) / (2 * shape);
}

/** R(t) itself, for the tests: 1 at 0, the survival of the transit times. */
export function gammaResidue(shape: number, mttS: number, tS: number): number {
  if (tS < 0) return 0;
  if (shape === 0) return tS < mttS ? 1 : 0;
  return poissonAtMost(shape - 1, (tS * shape) / mttS);
}
