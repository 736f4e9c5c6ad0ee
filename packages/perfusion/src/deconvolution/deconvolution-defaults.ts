import defaultsJson from '../../data/deconvolution-defaults.json' with { type: 'json' };
import type { ResidueModelGrid } from './residue-model-fit.ts';
import type { TmaxEstimator } from './residue-peak.ts';

function tmaxEstimatorOf(value: string): TmaxEstimator {
  if (value === 'peak' || value === 'half-rise') return value;
  throw new Error(
    `data/deconvolution-defaults.json: preparation.tmaxEstimator must be 'peak' or 'half-rise', got ${value}`,
  );
}

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
  /** Curve preparation before deconvolution (curve-preparation.ts). */
  readonly preparation: {
    /** Linear upsampling of both curves by this whole factor. */
    readonly upsampleFactor: number;
    /** σ (s) of the temporal Gaussian filter of the tissue curves, 0 for none. */
    readonly smoothingSigmaS: number;
    /** How Tmax is read from the residue (residue-peak.ts). */
    readonly tmaxEstimator: TmaxEstimator;
    readonly source: string;
  };
  /** In-plane smoothing of the dynamic images before the ΔHU curves (maps/smooth-in-plane.ts); used by the pipeline. */
  readonly spatialSmoothing: { readonly sigmaMm: number; readonly source: string };
  /** The curves are zero-padded to at least this many times their length (block-circulant methods). */
  readonly paddingFactor: number;
  readonly paddingSource: string;
  /** Model-based refinement of the deconvolution (residue-model-fit.ts): on by default, and its template grid. */
  readonly modelFit: ResidueModelGrid & {
    readonly enabled: boolean;
    /** max k (CBF) from the fit's scale too, not only Tmax from its delay. */
    readonly cbfFromFit: boolean;
    readonly source: string;
  };
  /** MTT is set to 0 where CBF is below this (no flow to divide by). */
  readonly maps: { readonly minCbfForMttMl100gMin: number; readonly source: string };
}

export const deconvolutionDefaults: DeconvolutionDefaults = {
  ...defaultsJson,
  preparation: {
    ...defaultsJson.preparation,
    tmaxEstimator: tmaxEstimatorOf(defaultsJson.preparation.tmaxEstimator),
  },
};
