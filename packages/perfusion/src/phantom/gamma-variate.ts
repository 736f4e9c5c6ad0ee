// The gamma-variate bolus curve (Thompson HK et al. Circ Res 1964;14:502-515), used for the phantom's
// arterial and venous curves, written with its peak as a parameter:
//   C(t) = peak · (u / (α·β))^α · e^(α − u/β), u = t − t0 > 0, and 0 before t0;
// it rises from t0, peaks at t0 + α·β with the value `peakDeltaHu`, and its area is
// peak · β · Γ(α + 1) · (e/α)^α.

/** The parameters of a gamma-variate curve: arrival t0 (s), shape α, scale β (s), peak height (ΔHU). */
export interface GammaVariateParams {
  readonly t0S: number;
  readonly alpha: number;
  readonly betaS: number;
  readonly peakDeltaHu: number;
}

/** Checks the parameters once (a RangeError naming the field) so the hot loop need not. */
export function checkGammaVariateParams(params: GammaVariateParams): void {
  const { t0S, alpha, betaS, peakDeltaHu } = params;
  if (!Number.isFinite(t0S)) throw new RangeError(`gamma variate t0S must be a finite number, got ${t0S}`);
  if (!Number.isFinite(alpha) || alpha <= 0) {
    throw new RangeError(`gamma variate alpha must be a finite number > 0, got ${alpha}`);
  }
  if (!Number.isFinite(betaS) || betaS <= 0) {
    throw new RangeError(`gamma variate betaS must be a finite number > 0, got ${betaS}`);
  }
  if (!Number.isFinite(peakDeltaHu)) {
    throw new RangeError(`gamma variate peakDeltaHu must be a finite number, got ${peakDeltaHu}`);
  }
}

/** The gamma-variate curve at time tS (seconds), in ΔHU. */
export function gammaVariate(tS: number, params: GammaVariateParams): number {
  const u = tS - params.t0S;
  if (!(u > 0)) return 0;
  const peakU = params.alpha * params.betaS;
  return params.peakDeltaHu * Math.pow(u / peakU, params.alpha) * Math.exp(params.alpha - u / params.betaS);
}

/** Points per β in `gammaVariateAreaDeltaHuS`'s Simpson rule, and how many β past the peak it integrates. */
const AREA_STEPS_PER_BETA = 200;
const AREA_SPAN_BEYOND_PEAK_BETAS = 60;

/**
 * The area under the curve in ΔHU·s, by Simpson's rule over the whole curve (the tail beyond 60 β past the
 * peak is below e^-60 of it). Equal to peak · β · Γ(α + 1) · (e/α)^α.
 */
export function gammaVariateAreaDeltaHuS(params: GammaVariateParams): number {
  checkGammaVariateParams(params);
  const stepS = params.betaS / AREA_STEPS_PER_BETA;
  const spanS = params.betaS * (params.alpha + AREA_SPAN_BEYOND_PEAK_BETAS);
  const intervals = 2 * Math.ceil(spanS / stepS / 2);
  let sum = 0;
  for (let i = 0; i <= intervals; i++) {
    const weight = i === 0 || i === intervals ? 1 : i % 2 === 1 ? 4 : 2;
    sum += weight * gammaVariate(params.t0S + i * stepS, params);
  }
  return (sum * stepS) / 3;
}
