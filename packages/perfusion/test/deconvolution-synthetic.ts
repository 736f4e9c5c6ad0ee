// Synthetic curves for the deconvolution and maps tests, built independently of the engine: an analytic
// gamma-variate arterial curve and tissue curves from a fine numerical convolution with a known residue.
import { defaultPerfusionConstants } from '../src/index.ts';

export type TestResidue = 'box' | 'exp' | 'gamma';

/** Gamma variate peaking at t0 + α·β with value peakDeltaHu (0 before t0). */
export function gammaVariateHu(tS: number, t0S = 8, alpha = 3, betaS = 1.5, peakDeltaHu = 300): number {
  if (tS <= t0S) return 0;
  const x = (tS - t0S) / (alpha * betaS);
  return peakDeltaHu * x ** alpha * Math.exp(alpha * (1 - x));
}

/** ∫₀^∞ of gammaVariateHu = peak · (αβ) · e^α · Γ(α+1) / α^(α+1) (with integer α, Γ(α+1) = α!). */
export function gammaVariateAreaHuS(alpha = 3, betaS = 1.5, peakDeltaHu = 300): number {
  let factorial = 1;
  for (let i = 2; i <= alpha; i++) factorial *= i;
  return (peakDeltaHu * alpha * betaS * Math.exp(alpha) * factorial) / alpha ** (alpha + 1);
}

/**
 * Residue functions with R(0) = 1 and ∫R = MTT: box (1 up to MTT), exp(−t/MTT), and gamma: the survival
 * function of an Erlang (gamma, shape 2) transit-time distribution with mean MTT, e^{−x}(1 + x) with
 * x = 2t/MTT (shape 2 is this test's choice: the simplest gamma residue with a closed form that is flat at 0).
 */
export function residue(shape: TestResidue, mttS: number, tS: number): number {
  if (tS < 0) return 0;
  if (shape === 'box') return tS < mttS ? 1 : 0;
  if (shape === 'exp') return Math.exp(-tS / mttS);
  const x = (2 * tS) / mttS;
  return Math.exp(-x) * (1 + x);
}

export interface TissueTruth {
  cbfMl100gMin: number;
  mttS: number;
  delayS: number;
  shape: TestResidue;
}

const substepS = 0.005;
const unitCurves = new Map<string, Float64Array>();

/**
 * Ct(t_i) = (ρ/kH)·F·∫₀^{t_i} Ca(τ − δ)·R(t_i − τ) dτ, F = CBF/6000, by the trapezoid rule on 5 ms substeps
 * (error of order substep × jump / 2 at the box edge and the arrival kink: < 0.1% of the area).
 */
export function tissueCurve(timesS: readonly number[], truth: TissueTruth): Float64Array {
  const { haematocritFactor: kH, tissueDensityGPerMl: rho } = defaultPerfusionConstants;
  const scale = ((rho / kH) * truth.cbfMl100gMin) / 6000;
  // the curve is linear in CBF: the integral for CBF 1 is kept per (times, shape, MTT, delay).
  const key = `${timesS.join(',')}|${truth.shape}|${truth.mttS}|${truth.delayS}`;
  const cached = unitCurves.get(key);
  if (cached !== undefined) return cached.map((v) => v * scale);
  const out = new Float64Array(timesS.length);
  timesS.forEach((t, i) => {
    const steps = Math.round(t / substepS);
    let sum = 0;
    for (let s = 0; s <= steps; s++) {
      const tau = s * substepS;
      const w = s === 0 || s === steps ? 0.5 : 1;
      sum += w * gammaVariateHu(tau - truth.delayS) * residue(truth.shape, truth.mttS, t - tau);
    }
    out[i] = sum * substepS;
  });
  unitCurves.set(key, out);
  return out.map((v) => v * scale);
}

export function sampleTimes(frameCount: number, dtS: number): number[] {
  return Array.from({ length: frameCount }, (_, i) => i * dtS);
}

export function aifCurve(timesS: readonly number[]): Float64Array {
  return Float64Array.from(timesS, (t) => gammaVariateHu(t));
}

/** mulberry32 with Box–Muller: a seeded standard normal source for the noise tests. */
export function gaussian(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
  return () => {
    const u = Math.max(uniform(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
}
