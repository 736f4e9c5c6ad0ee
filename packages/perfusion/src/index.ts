// @quantrad/perfusion — the CT perfusion engine. The one public entry point of the package.
export { defaultPerfusionConstants, type PerfusionConstants } from './types/perfusion-constants.ts';
export type { DeconvolutionMethod } from './types/deconvolution-method.ts';
export type { ResidueShape } from './types/residue-shape.ts';
export { resampleUniform, uniformTimes } from './deconvolution/resample-uniform.ts';
export { oscillationIndex } from './deconvolution/oscillation-index.ts';
export {
  deconvolve,
  type DeconvolutionOptions,
  type DeconvolutionResult,
} from './deconvolution/deconvolve.ts';
export { deconvolutionDefaults, type DeconvolutionDefaults } from './deconvolution/deconvolution-defaults.ts';
export { perfusionMaps, type PerfusionMapOptions, type PerfusionMaps } from './maps/perfusion-maps.ts';

// Digital phantom after Kudo et al. Radiology 2013 (helper perf-phantom)
export { makeDigitalPhantom } from './phantom/make-digital-phantom.ts';
export type {
  DigitalPhantom,
  DigitalPhantomOptions,
  PhantomBaselineHu,
  PhantomTile,
  PhantomTruth,
} from './phantom/digital-phantom.ts';
export { residueFunction, residueIntegralS } from './phantom/residue-function.ts';
export { gammaVariate, gammaVariateAreaDeltaHuS, type GammaVariateParams } from './phantom/gamma-variate.ts';
export { tissueCurveDeltaHu, type TissuePerfusion, type TissueCurveOptions } from './phantom/tissue-curve.ts';
export { mulberry32, gaussianSampler } from './phantom/random.ts';
export { digitalPhantomDesign, type DigitalPhantomDesign } from './phantom/phantom-design.ts';
export { tileMedians, pearsonR, leastSquaresSlope } from './phantom/tile-statistics.ts';
