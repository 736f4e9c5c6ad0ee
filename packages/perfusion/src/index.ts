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
