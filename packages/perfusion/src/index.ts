// @quantrad/perfusion — the CT perfusion engine. The one public entry point of the package.
export { defaultPerfusionConstants, type PerfusionConstants } from './types/perfusion-constants.ts';
export type { DeconvolutionMethod } from './types/deconvolution-method.ts';
export type { ResidueShape } from './types/residue-shape.ts';
