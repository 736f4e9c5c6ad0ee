import type { ResidueShape } from '../types/residue-shape.ts';
import { digitalPhantomDesign } from './phantom-design.ts';

// Residue functions R(t) of the indicator-dilution model (Ostergaard 1996; Fieselmann 2011): the fraction
// of indicator still in the tissue t seconds after an instantaneous input, R(0) = 1, integral of R = MTT.
// box: every transit time equals MTT (plug flow); exp: R = exp(-t/MTT) (one well-mixed compartment), both
// as in Kudo et al. Radiology 2013; gamma: transit times gamma-distributed with mean MTT (Mouridsen et al.
// NeuroImage 2006), R = 1 - their cumulative distribution, shape k from data/digital-phantom.json (an
// integer, so the distribution is Erlang and R has a closed form).

const GAMMA_SHAPE = digitalPhantomDesign.gammaResidue.shape;

function checkMtt(mttS: number): void {
  if (!Number.isFinite(mttS) || mttS <= 0)
    throw new RangeError(`mttS must be a finite number > 0, got ${mttS}`);
}

function checkTime(tS: number): void {
  if (Number.isNaN(tS)) throw new RangeError('tS must be a number, got NaN');
}

/** e^(-x) · Σ_{m=0}^{n} x^m / m!: the probability that a Poisson(x) count is at most n. */
function poissonCumulative(n: number, x: number): number {
  let term = 1;
  let sum = 1;
  for (let m = 1; m <= n; m++) {
    term *= x / m;
    sum += term;
  }
  return Math.exp(-x) * sum;
}

/** R(t) for a residue of the given shape and mean transit time: 0 before 0, R(0) = 1, ∫R dt = MTT. */
export function residueFunction(shape: ResidueShape, mttS: number, tS: number): number {
  checkMtt(mttS);
  checkTime(tS);
  if (tS < 0) return 0;
  switch (shape) {
    case 'box':
      return tS < mttS ? 1 : 0;
    case 'exp':
      return Math.exp(-tS / mttS);
    case 'gamma':
      // Survival of an Erlang(k, θ = MTT/k) transit time: P(T > t) = P(Poisson(t/θ) ≤ k − 1).
      return poissonCumulative(GAMMA_SHAPE - 1, (tS * GAMMA_SHAPE) / mttS);
  }
}

/** ∫₀ᵗ R(s) ds in seconds (0 for t ≤ 0), tending to MTT as t grows. Exact, so convolution weights are too. */
export function residueIntegralS(shape: ResidueShape, mttS: number, tS: number): number {
  checkMtt(mttS);
  checkTime(tS);
  if (tS <= 0) return 0;
  switch (shape) {
    case 'box':
      return Math.min(tS, mttS);
    case 'exp':
      return mttS * -Math.expm1(-tS / mttS);
    case 'gamma': {
      // ∫₀ᵗ e^(−s/θ)(s/θ)^n/n! ds = θ · P(Gamma(n+1, θ) ≤ t) = θ · (1 − P(Poisson(t/θ) ≤ n)), summed n < k.
      const thetaS = mttS / GAMMA_SHAPE;
      const x = tS / thetaS;
      let sum = 0;
      for (let n = 0; n < GAMMA_SHAPE; n++) sum += 1 - poissonCumulative(n, x);
      return thetaS * sum;
    }
  }
}
