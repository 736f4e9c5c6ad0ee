import { defaultPerfusionConstants, type PerfusionConstants } from '../types/perfusion-constants.ts';
import type { ResidueShape } from '../types/residue-shape.ts';
import { checkGammaVariateParams, gammaVariate, type GammaVariateParams } from './gamma-variate.ts';
import { digitalPhantomDesign } from './phantom-design.ts';
import { residueIntegralS } from './residue-function.ts';

// The tissue curve of the indicator-dilution model (Ostergaard 1996; Fieselmann 2011):
//   Ct(t) = (ρ / kH) · F · ∫₀ᵗ Ca(τ − δ) · R(t − τ) dτ,   F = CBF / 6000 (mL/100 g/min → mL/g/s).
// Written as ∫₀ᵗ Ca(t − s − δ) R(s) ds and computed on sub-steps h of s: each cell's weight is the exact
// integral of R over it (residueIntegralS) and Ca (analytic) is taken at the cell's midpoint, so the error is
// O(h²·Ca'') and the weights sum to ∫₀ᵗ R exactly, even for the box residue's step.

/** The perfusion of one tissue: residue shape, MTT (s), CBF (mL/100 g/min) and arrival delay behind the AIF (s). */
export interface TissuePerfusion {
  readonly residue: ResidueShape;
  readonly mttS: number;
  readonly cbfMl100gMin: number;
  readonly delayS: number;
}

/** What `tissueCurveDeltaHu` may be told: the constants and the convolution sub-step. */
export interface TissueCurveOptions {
  readonly constants?: PerfusionConstants;
  /** Sub-step of the numerical convolution in seconds (default from data/digital-phantom.json). */
  readonly substepS?: number;
}

const MINUTE_PER_100G_TO_PER_G_S = 6000;

function checkTissue(tissue: TissuePerfusion): void {
  if (!Number.isFinite(tissue.mttS) || tissue.mttS <= 0) {
    throw new RangeError(`tissue mttS must be a finite number > 0, got ${tissue.mttS}`);
  }
  if (!Number.isFinite(tissue.cbfMl100gMin) || tissue.cbfMl100gMin < 0) {
    throw new RangeError(`tissue cbfMl100gMin must be a finite number ≥ 0, got ${tissue.cbfMl100gMin}`);
  }
  if (!Number.isFinite(tissue.delayS) || tissue.delayS < 0) {
    throw new RangeError(`tissue delayS must be a finite number ≥ 0, got ${tissue.delayS}`);
  }
}

/** The tissue's ΔHU at each of `timesS` (seconds from the start; the AIF is 0 before t = 0). */
export function tissueCurveDeltaHu(
  timesS: readonly number[],
  aif: GammaVariateParams,
  tissue: TissuePerfusion,
  options: TissueCurveOptions = {},
): Float64Array {
  checkGammaVariateParams(aif);
  checkTissue(tissue);
  const substepS = options.substepS ?? digitalPhantomDesign.convolutionSubstepS;
  if (!Number.isFinite(substepS) || substepS <= 0) {
    throw new RangeError(`options.substepS must be a finite number > 0, got ${substepS}`);
  }
  timesS.forEach((t, index) => {
    if (!Number.isFinite(t)) throw new RangeError(`timesS[${index}] must be a finite number, got ${t}`);
  });
  const constants = options.constants ?? defaultPerfusionConstants;
  const scale =
    (constants.tissueDensityGPerMl / constants.haematocritFactor) *
    (tissue.cbfMl100gMin / MINUTE_PER_100G_TO_PER_G_S);
  const maxTimeS = timesS.reduce((max, t) => Math.max(max, t), 0);
  // ∫₀^(j·h) R at every sub-step boundary, once for all sample times.
  const cellCount = Math.floor(maxTimeS / substepS);
  const integralAt = new Float64Array(cellCount + 1);
  for (let j = 0; j <= cellCount; j++)
    integralAt[j] = residueIntegralS(tissue.residue, tissue.mttS, j * substepS);

  const curve = new Float64Array(timesS.length);
  timesS.forEach((tS, index) => {
    if (tS <= 0) return;
    const fullCells = Math.min(cellCount, Math.floor(tS / substepS));
    let sum = 0;
    // Cells whose Ca argument falls before the AIF's arrival add nothing; the argument falls as j grows.
    const lastCell = Math.min(fullCells, Math.ceil((tS - tissue.delayS - aif.t0S) / substepS));
    for (let j = 0; j < lastCell; j++) {
      const weightS = (integralAt[j + 1] ?? 0) - (integralAt[j] ?? 0);
      sum += weightS * gammaVariate(tS - tissue.delayS - (j + 0.5) * substepS, aif);
    }
    // The last, partial cell from fullCells·h to t.
    const startS = fullCells * substepS;
    if (tS > startS) {
      const weightS = residueIntegralS(tissue.residue, tissue.mttS, tS) - (integralAt[fullCells] ?? 0);
      sum += weightS * gammaVariate(tS - tissue.delayS - (startS + tS) / 2, aif);
    }
    curve[index] = scale * sum;
  });
  return curve;
}
