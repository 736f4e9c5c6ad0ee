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
export { smoothInPlane } from './maps/smooth-in-plane.ts';
export { writeResiduePeak, type TmaxEstimator } from './deconvolution/residue-peak.ts';
export { CurvePreparation } from './deconvolution/curve-preparation.ts';

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

// Pre-processing: baseline, concentration, brain mask, motion (helper perf-preprocess)
export {
  preprocessDefaults,
  type PreprocessDefaults,
  type ArrivalRules,
  type BrainMaskThresholds,
  type MotionLimits,
  type AifRules,
  type VofRules,
} from './preprocess/preprocess-defaults.ts';
export {
  detectArrival,
  baselineFrames,
  type ContrastArrival,
  type BaselineFrames,
} from './preprocess/detect-arrival.ts';
export { baselineMeanImage, concentrationCurves, meanCurveHu } from './preprocess/concentration-curves.ts';
export { studyBaseline, type StudyBaseline } from './preprocess/study-baseline.ts';
export {
  brainMask,
  maskVoxels,
  type BrainMask,
  type BrainMaskCounts,
  type BrainMaskOptions,
} from './preprocess/brain-mask.ts';
export { displacementMm, IDENTITY_TRANSFORM, type RigidTransform } from './preprocess/rigid-transform.ts';
export {
  estimateMotion,
  type EstimateMotionOptions,
  type MotionEstimate,
} from './preprocess/estimate-motion.ts';
export { correctMotion, excludeFrames } from './preprocess/correct-motion.ts';
export { motionReport, type MotionAction, type MotionFrameReport } from './preprocess/motion-report.ts';

// Arterial input and venous output functions (helper perf-preprocess)
export { curveFeatures, curveArea, type CurveFeatures } from './aif/curve-features.ts';
export { selectAif, type AifSelection, type ScoredCurve, type SelectCurveOptions } from './aif/select-aif.ts';
export { selectVof, type VofSelection } from './aif/select-vof.ts';
export { partialVolumeCorrect, type PartialVolumeCorrection } from './aif/partial-volume-correct.ts';
export { curveAt, sphereVoxels, type SphereRoi } from './aif/curve-at.ts';
