import defaultsJson from '../../data/deconvolution-defaults.json' with { type: 'json' };

/** Deconvolution defaults with their sources (data/deconvolution-defaults.json). */
export interface DeconvolutionDefaults {
  readonly source: string;
  readonly osvd: {
    /** Oscillation index limit of the residue (Wu 2003). */
    readonly oscillationIndex: number;
    readonly oscillationIndexSource: string;
    /** Threshold range and step searched, as fractions of the largest singular value. */
    readonly minThreshold: number;
    readonly maxThreshold: number;
    readonly thresholdStep: number;
    readonly thresholdSearchSource: string;
  };
  readonly bsvd: { readonly svdThreshold: number; readonly source: string };
  readonly svd: { readonly svdThreshold: number; readonly source: string };
  readonly tikhonov: { readonly lambda: number; readonly source: string };
  /** The curves are zero-padded to at least this many times their length (block-circulant methods). */
  readonly paddingFactor: number;
  readonly paddingSource: string;
  /** MTT is set to 0 where CBF is below this (no flow to divide by). */
  readonly maps: { readonly minCbfForMttMl100gMin: number; readonly source: string };
}

export const deconvolutionDefaults: DeconvolutionDefaults = defaultsJson;
