import { deconvolve, type DeconvolutionOptions, type ModelFitFallback } from '../deconvolution/deconvolve.ts';
import { deconvolutionDefaults } from '../deconvolution/deconvolution-defaults.ts';
import { defaultPerfusionConstants, type PerfusionConstants } from '../types/perfusion-constants.ts';
import { curveArea } from './curve-area.ts';
import { timeToPeakS } from './time-to-peak.ts';

export interface PerfusionMapOptions extends DeconvolutionOptions {
  /** kH and ρ; defaultPerfusionConstants (0.73, 1.04 g/mL) unless given. */
  constants?: PerfusionConstants;
}

/** One value per voxel, in the order of the tissue curves. */
export interface PerfusionMaps {
  cbfMl100gMin: Float32Array;
  cbvMl100g: Float32Array;
  mttS: Float32Array;
  /** Time to peak of the tissue curve, from the first sample of the uniform grid (s). */
  ttpS: Float32Array;
  /** Time of the maximum of k(t) (s), from the deconvolution (the fitted model's delay by default). */
  tmaxS: Float32Array;
  /** Tmax read from the deconvolved residue before the model fit (deconvolve's tmaxResiduePeakS), s. */
  tmaxResiduePeakS: Float32Array;
  /** Voxels that kept the deconvolution's values instead of the model fit's, per reason (not a map). */
  modelFitFallback: ModelFitFallback;
  /** Per voxel, the model fit's fallback reason code (deconvolve's modelFitFallbackCode; 0: none). Not a map. */
  modelFitFallbackCode: Float32Array;
}

/** The per-voxel maps of PerfusionMaps (every field but the fallback counts and codes). */
export type PerfusionMapName = Exclude<keyof PerfusionMaps, 'modelFitFallback' | 'modelFitFallbackCode'>;

function checkConstants(constants: PerfusionConstants): void {
  const { haematocritFactor: kH, tissueDensityGPerMl: rho } = constants;
  if (!Number.isFinite(kH) || kH <= 0 || kH > 1)
    throw new Error(`constants.haematocritFactor must be a number above 0 and at most 1, got ${kH}`);
  if (!Number.isFinite(rho) || rho <= 0)
    throw new Error(`constants.tissueDensityGPerMl must be positive, got ${rho}`);
}

/** MTT (s) = 60 · CBV / CBF (central volume principle), 0 where CBF is below the floor of the data file. */
export function meanTransitTimeS(cbfMl100gMin: number, cbvMl100g: number): number {
  return cbfMl100gMin >= deconvolutionDefaults.maps.minCbfForMttMl100gMin
    ? (60 * cbvMl100g) / cbfMl100gMin
    : 0;
}

/**
 * CBF, CBV, MTT, TTP and Tmax per voxel (indicator dilution, Østergaard 1996; Fieselmann 2011), curves in ΔHU on
 * a uniform grid of step dtS, tissue curves voxel-major (voxel v at [v·T, (v+1)·T)):
 * - CBF (mL/100 g/min) = 6000 · (kH/ρ) · max k, k from deconvolve (negative values, from noise, set to 0); by
 *   default max k is the flow of the gamma transit-time model fitted after the deconvolution (options.modelFit);
 * - CBV (mL/100 g) = 100 · (kH/ρ) · ∫Ct / ∫Ca, from the areas, not from the deconvolution (negative set to 0);
 *   exact only when both curves have returned to baseline within the acquisition;
 * - MTT (s) = 60 · CBV / CBF, and 0 where CBF is below the floor of data/deconvolution-defaults.json;
 * - TTP (s) = time of the tissue curve's maximum (parabolic refinement); Tmax (s) = time of k's maximum: by
 *   default the fitted model's arrival delay, else read from the deconvolved residue (options.tmaxEstimator).
 */
export function perfusionMaps(
  aifDeltaHu: Float64Array,
  tissueDeltaHu: Float32Array,
  curveLength: number,
  dtS: number,
  options: PerfusionMapOptions,
): PerfusionMaps {
  const constants = options.constants ?? defaultPerfusionConstants;
  checkConstants(constants);
  const { kMaxPerS, tmaxS, tmaxResiduePeakS, modelFitFallback, modelFitFallbackCode } = deconvolve(
    aifDeltaHu,
    tissueDeltaHu,
    curveLength,
    dtS,
    options,
  );
  const aifArea = curveArea(aifDeltaHu, 0, curveLength, dtS);
  if (!(aifArea > 0))
    throw new Error(`aifDeltaHu: the area under the arterial curve must be positive, got ${aifArea}`);
  const factor = constants.haematocritFactor / constants.tissueDensityGPerMl;
  const voxels = kMaxPerS.length;
  const cbfMl100gMin = new Float32Array(voxels);
  const cbvMl100g = new Float32Array(voxels);
  const mttS = new Float32Array(voxels);
  const ttpS = new Float32Array(voxels);
  for (let v = 0; v < voxels; v++) {
    const offset = v * curveLength;
    const cbf = Math.max(0, 6000 * factor * (kMaxPerS[v] ?? 0));
    const cbv = Math.max(0, (100 * factor * curveArea(tissueDeltaHu, offset, curveLength, dtS)) / aifArea);
    cbfMl100gMin[v] = cbf;
    cbvMl100g[v] = cbv;
    mttS[v] = meanTransitTimeS(cbf, cbv);
    ttpS[v] = timeToPeakS(tissueDeltaHu, offset, curveLength, dtS);
  }
  return {
    cbfMl100gMin,
    cbvMl100g,
    mttS,
    ttpS,
    tmaxS,
    tmaxResiduePeakS,
    modelFitFallback,
    modelFitFallbackCode,
  };
}
