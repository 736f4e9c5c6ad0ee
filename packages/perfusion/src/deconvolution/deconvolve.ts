import type { DeconvolutionMethod } from '../types/deconvolution-method.ts';
import { CirculantDeconvolver } from './circulant-deconvolver.ts';
import { CurvePreparation } from './curve-preparation.ts';
import { deconvolutionDefaults } from './deconvolution-defaults.ts';
import { residueModelFitFor, type ResidueModelEstimate, type ResidueModelFit } from './residue-model-fit.ts';
import { writeResiduePeak, type TmaxEstimator } from './residue-peak.ts';
import { ToeplitzSvdDeconvolver } from './toeplitz-svd-deconvolver.ts';

export interface DeconvolutionOptions {
  method: DeconvolutionMethod;
  /** oSVD oscillation index limit (default data/deconvolution-defaults.json, Wu 2003). */
  oscillationIndex?: number;
  /** bSVD / svd truncation threshold, a fraction of the largest singular value (defaults per method). */
  svdThreshold?: number;
  /** Tikhonov λ relative to the largest singular value. */
  tikhonovLambda?: number;
  /**
   * Deconvolve on a grid this many times finer (linear upsampling of both curves; whole number ≥ 1).
   * Default data/deconvolution-defaults.json.
   */
  upsampleFactor?: number;
  /** σ (s) of a temporal Gaussian filter of the tissue curves before deconvolution (0: none). Default from the data file. */
  smoothingSigmaS?: number;
  /** How Tmax is read from the residue: 'peak' (parabolic vertex) or 'half-rise'. Default from the data file. */
  tmaxEstimator?: TmaxEstimator;
  /**
   * Refine the deconvolution by a least-squares fit of a gamma transit-time residue model (residue-model-fit.ts,
   * after Mouridsen 2006) started at the deconvolution's own MTT: Tmax = the fitted arrival delay δ, where the
   * model's residue has its maximum (replaces `tmaxEstimator`). Applied where some template correlates
   * positively with the curve. Default data/deconvolution-defaults.json modelFit.enabled.
   */
  modelFit?: boolean;
  /**
   * With `modelFit`, max k (hence CBF) is the fitted scale a = (ρ/kH)·F as well, not the residue's maximum.
   * Default data/deconvolution-defaults.json modelFit.cbfFromFit.
   */
  modelFitCbf?: boolean;
}

export interface DeconvolutionResult {
  /** max_t k(t) per voxel, k = (ρ/kH)·F·R(t − δ), in 1/s. */
  kMaxPerS: Float32Array;
  /** The time of that maximum per voxel (s); negative when the tissue leads the arterial curve (block-circulant methods). */
  tmaxS: Float32Array;
  /**
   * Tmax read from the deconvolved residue itself (options.tmaxEstimator, by default the time of its maximum),
   * before the model fit replaces it: the kind of reading the clinical Tmax > 6 s threshold was set with
   * (RAPID). Equal to tmaxS where the fit falls back or is off.
   */
  tmaxResiduePeakS: Float32Array;
  /** Voxels the model fit was tried on, and those that kept the deconvolution's values, per reason (0 with it off). */
  modelFitFallback: ModelFitFallback;
  /**
   * Per voxel, why it kept the deconvolution's values (`modelFitFallbackCode`): 0 where the fit's values were
   * taken or the fit is off, 1 + the index in MODEL_FIT_FALLBACK_REASONS otherwise. A Float32Array so that it
   * travels with the maps (workers, the sub-grid's interpolation counts tissue voxels from it).
   */
  modelFitFallbackCode: Float32Array;
}

/**
 * Why a voxel kept the deconvolution's values: its best template on the grid's delay limit (minDelayS or
 * maxDelayS), else on its MTT limit; no template correlating positively with the curve; a non-finite sample.
 */
export const MODEL_FIT_FALLBACK_REASONS = [
  'delayEdge',
  'mttEdge',
  'noPositiveCorrelation',
  'nonFinite',
] as const;
export type ModelFitFallbackReason = (typeof MODEL_FIT_FALLBACK_REASONS)[number];
/** Voxels the model fit was tried on (0 with it off), and those that kept the deconvolution's values, per reason. */
export type ModelFitFallback = Record<ModelFitFallbackReason | 'voxels', number>;

/** The counts in a fixed order (voxels, then MODEL_FIT_FALLBACK_REASONS), e.g. to post from a worker. */
export const MODEL_FIT_COUNTS = ['voxels', ...MODEL_FIT_FALLBACK_REASONS] as const;

/** The per-voxel code of a fallback reason (DeconvolutionResult.modelFitFallbackCode); 0 means no fallback. */
export function modelFitFallbackCode(reason: ModelFitFallbackReason): number {
  return MODEL_FIT_FALLBACK_REASONS.indexOf(reason) + 1;
}

/** A count of 0 for every reason. */
export function noModelFitFallback(): ModelFitFallback {
  return { voxels: 0, delayEdge: 0, mttEdge: 0, noPositiveCorrelation: 0, nonFinite: 0 };
}

/** Adds the counts of `part` to `total` (in place; chunks of voxels summed). */
export function addModelFitFallback(total: ModelFitFallback, part: ModelFitFallback): void {
  for (const count of MODEL_FIT_COUNTS) total[count] += part[count];
}

const methods: readonly DeconvolutionMethod[] = ['osvd', 'bsvd', 'svd', 'tikhonov'];
const tmaxEstimators: readonly TmaxEstimator[] = ['peak', 'half-rise'];

function fraction(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0 || value >= 1)
    throw new Error(`${name} must be a number between 0 and 1 (exclusive), got ${value}`);
  return value;
}

function checkInput(
  aifDeltaHu: Float64Array,
  tissueDeltaHu: Float32Array,
  curveLength: number,
  dtS: number,
): void {
  if (!Number.isInteger(curveLength) || curveLength < 2)
    throw new Error(`curveLength must be an integer of at least 2 time points, got ${curveLength}`);
  if (aifDeltaHu.length !== curveLength)
    throw new Error(`aifDeltaHu: ${aifDeltaHu.length} samples, curveLength is ${curveLength}`);
  if (tissueDeltaHu.length % curveLength !== 0)
    throw new Error(
      `tissueDeltaHu: ${tissueDeltaHu.length} samples is not a whole number of curves of ${curveLength} (voxel-major)`,
    );
  if (!Number.isFinite(dtS) || dtS <= 0)
    throw new Error(`dtS must be a positive number of seconds, got ${dtS}`);
  for (let i = 0; i < curveLength; i++)
    if (!Number.isFinite(aifDeltaHu[i])) throw new Error(`aifDeltaHu[${i}] must be a finite number`);
}

/**
 * The per-voxel model refinement (a no-op when options.modelFit is false): fits the voxel's curve on the
 * acquisition grid, started at MTT = ∫Ct / (∫Ca · max k) of the deconvolution, and, when some template
 * correlates positively with the curve and the best template is inside the grid (not at its delay or MTT
 * limits), overwrites Tmax with the fit's δ and (options.modelFitCbf) max k with its scale a. Returns, per
 * voxel, why it kept the deconvolution's values, or undefined when the fit's values were taken (no function
 * when the fit is off).
 */
function modelRefinement(
  aifDeltaHu: Float64Array,
  tissueDeltaHu: Float32Array,
  curveLength: number,
  dtS: number,
  options: DeconvolutionOptions,
  kMaxPerS: Float32Array,
  tmaxS: Float32Array,
): ((voxel: number) => ModelFitFallbackReason | undefined) | undefined {
  const defaults = deconvolutionDefaults.modelFit;
  const enabled = options.modelFit ?? defaults.enabled;
  if (typeof enabled !== 'boolean')
    throw new Error(`options.modelFit must be true or false, got ${String(enabled)}`);
  const cbfFromFit = options.modelFitCbf ?? defaults.cbfFromFit;
  if (typeof cbfFromFit !== 'boolean')
    throw new Error(`options.modelFitCbf must be true or false, got ${String(cbfFromFit)}`);
  if (!enabled) return undefined;
  const model: ResidueModelFit = residueModelFitFor(aifDeltaHu, dtS, defaults);
  let aifSum = 0;
  for (let i = 0; i < curveLength; i++) aifSum += aifDeltaHu[i] ?? 0;
  // A best fit on the edge of the template grid is not a fit: past the largest delay (or MTT) the search
  // trades delay for a longer MTT and a smaller flow (a 16-20 s delay read as 15 s with half the CBF), so
  // such a voxel keeps the deconvolution's own values. Half a grid step of tolerance for rounding.
  const delayStepS = dtS / defaults.delaySubdivisions;
  const mttsS = model.mttsS;
  const minMttS = mttsS[0] ?? Number.NaN;
  const maxMttS = mttsS[mttsS.length - 1] ?? Number.NaN;
  const onGridEdge = (estimate: ResidueModelEstimate): ModelFitFallbackReason | undefined =>
    estimate.delayS <= defaults.minDelayS + delayStepS / 2 ||
    estimate.delayS >= defaults.maxDelayS - delayStepS / 2
      ? 'delayEdge'
      : estimate.mttS <= minMttS * (1 + (defaults.mttRatio - 1) / 2) ||
          estimate.mttS >= maxMttS / (1 + (defaults.mttRatio - 1) / 2)
        ? 'mttEdge'
        : undefined;
  return (voxel) => {
    const offset = voxel * curveLength;
    let tissueSum = 0;
    for (let i = 0; i < curveLength; i++) tissueSum += tissueDeltaHu[offset + i] ?? 0;
    // A curve with a non-finite sample has no fit (the deconvolution's result stands, as unusable as it is).
    if (!Number.isFinite(tissueSum)) return 'nonFinite';
    const kMax = kMaxPerS[voxel] ?? 0;
    // MTT = CBV/CBF = ∫Ct / (∫Ca · max k) (central volume theorem, Østergaard 1996); rectangle sums, dt cancels.
    const startMttS = kMax > 0 && aifSum > 0 ? tissueSum / (aifSum * kMax * dtS) : Number.NaN;
    const estimate = model.fit(tissueDeltaHu, offset, startMttS);
    if (!(estimate.kMaxPerS > 0)) return 'noPositiveCorrelation';
    const edge = onGridEdge(estimate);
    if (edge !== undefined) return edge;
    tmaxS[voxel] = estimate.delayS;
    if (cbfFromFit) kMaxPerS[voxel] = estimate.kMaxPerS;
    return undefined;
  };
}

/**
 * Deconvolves every tissue curve with the arterial curve: Ct = Ca ⊗ k on a uniform grid of step dtS, so that
 * k(t) = (ρ/kH)·F·R(t − δ) and CBF = 6000·(kH/ρ)·max k (Østergaard 1996). Tissue curves are voxel-major
 * (voxel v at [v·T, (v+1)·T), T = curveLength); concentrations are ΔHU.
 * - osvd (default choice of the engine): block-circulant SVD, threshold per voxel by oscillation index (Wu 2003);
 * - bsvd: block-circulant SVD with a fixed threshold (Wu 2003);
 * - svd: standard truncated SVD of the lower-triangular matrix (Østergaard 1996), delay-sensitive;
 * - tikhonov: block-circulant Tikhonov-regularised inverse.
 * Throws an Error naming the field on bad input.
 */
export function deconvolve(
  aifDeltaHu: Float64Array,
  tissueDeltaHu: Float32Array,
  curveLength: number,
  dtS: number,
  options: DeconvolutionOptions,
): DeconvolutionResult {
  if (!methods.includes(options.method))
    throw new Error(
      `options.method must be one of ${methods.join(', ')}, got ${JSON.stringify(options.method)}`,
    );
  checkInput(aifDeltaHu, tissueDeltaHu, curveLength, dtS);
  const voxels = tissueDeltaHu.length / curveLength;
  const kMaxPerS = new Float32Array(voxels);
  const tmaxS = new Float32Array(voxels);
  const defaults = deconvolutionDefaults;
  const factor = options.upsampleFactor ?? defaults.preparation.upsampleFactor;
  if (!Number.isInteger(factor) || factor < 1 || factor > 16)
    throw new Error(`options.upsampleFactor must be a whole number from 1 to 16, got ${factor}`);
  const sigmaS = options.smoothingSigmaS ?? defaults.preparation.smoothingSigmaS;
  if (!Number.isFinite(sigmaS) || sigmaS < 0)
    throw new Error(`options.smoothingSigmaS must be a number of seconds ≥ 0, got ${sigmaS}`);
  const preparation = new CurvePreparation(curveLength, factor, sigmaS / dtS);
  const fineDtS = dtS / factor;
  const fineLength = preparation.preparedLength;
  const estimator = options.tmaxEstimator ?? defaults.preparation.tmaxEstimator;
  if (!tmaxEstimators.includes(estimator))
    throw new Error(`options.tmaxEstimator must be 'peak' or 'half-rise', got ${JSON.stringify(estimator)}`);
  const fineAif = factor === 1 ? aifDeltaHu : preparation.upsampleAif(aifDeltaHu);
  const tmaxResiduePeakS = new Float32Array(voxels);
  const modelFitFallback = noModelFitFallback();
  const fallbackCode = new Float32Array(voxels);
  const fitVoxel = modelRefinement(aifDeltaHu, tissueDeltaHu, curveLength, dtS, options, kMaxPerS, tmaxS);
  // The residue's own Tmax is kept before the fit overwrites it; each fallback is counted by its reason.
  const refine = (v: number): void => {
    tmaxResiduePeakS[v] = tmaxS[v] ?? 0;
    if (fitVoxel === undefined) return;
    modelFitFallback.voxels++;
    const fallback = fitVoxel(v);
    if (fallback === undefined) return;
    modelFitFallback[fallback]++;
    fallbackCode[v] = modelFitFallbackCode(fallback);
  };

  if (options.method === 'svd') {
    const threshold = fraction('options.svdThreshold', options.svdThreshold, defaults.svd.svdThreshold);
    const solver = new ToeplitzSvdDeconvolver(fineAif, fineDtS, threshold);
    for (let v = 0; v < voxels; v++) {
      solver.solve(preparation.prepare(tissueDeltaHu, v * curveLength), 0);
      writeResiduePeak(solver.residue, fineLength, fineDtS, fineLength, v, kMaxPerS, tmaxS, estimator);
      refine(v);
    }
    return { kMaxPerS, tmaxS, tmaxResiduePeakS, modelFitFallback, modelFitFallbackCode: fallbackCode };
  }

  const solver = new CirculantDeconvolver(fineAif, fineDtS, defaults.paddingFactor);
  const length = solver.paddedLength;
  // peaks in the padding past the acquired curve, closer to the end than to T, are read as negative delays.
  const wrapFrom = Math.max(fineLength, Math.ceil((length + fineLength) / 2));
  let solve: () => void;
  if (options.method === 'bsvd') {
    const threshold = fraction('options.svdThreshold', options.svdThreshold, defaults.bsvd.svdThreshold);
    solve = () => {
      solver.solveTruncated(threshold);
    };
  } else if (options.method === 'tikhonov') {
    const lambda = options.tikhonovLambda ?? defaults.tikhonov.lambda;
    if (!Number.isFinite(lambda) || lambda <= 0)
      throw new Error(`options.tikhonovLambda must be a positive number, got ${lambda}`);
    solve = () => {
      solver.solveTikhonov(lambda);
    };
  } else {
    const oi = options.oscillationIndex ?? defaults.osvd.oscillationIndex;
    if (!Number.isFinite(oi) || oi <= 0)
      throw new Error(`options.oscillationIndex must be a positive number, got ${oi}`);
    const { minThreshold, maxThreshold, thresholdStep } = defaults.osvd;
    solver.setOscillationStride(factor);
    solve = () => {
      solver.solveOscillationLimited(oi, minThreshold, maxThreshold, thresholdStep);
    };
  }
  for (let v = 0; v < voxels; v++) {
    solver.loadTissue(preparation.prepare(tissueDeltaHu, v * curveLength), 0);
    solve();
    writeResiduePeak(solver.residue, length, fineDtS, wrapFrom, v, kMaxPerS, tmaxS, estimator);
    refine(v);
  }
  return { kMaxPerS, tmaxS, tmaxResiduePeakS, modelFitFallback, modelFitFallbackCode: fallbackCode };
}
