// @quantrad/perfusion — the CT perfusion engine. The one public entry point of the package.
export { defaultPerfusionConstants, type PerfusionConstants } from './types/perfusion-constants.ts';
export type { DeconvolutionMethod } from './types/deconvolution-method.ts';
export type { ResidueShape } from './types/residue-shape.ts';
export { resampleUniform, uniformTimes } from './deconvolution/resample-uniform.ts';
export { oscillationIndex } from './deconvolution/oscillation-index.ts';
export {
  deconvolve,
  MODEL_FIT_FALLBACK_REASONS,
  type DeconvolutionOptions,
  type DeconvolutionResult,
  type ModelFitFallback,
  type ModelFitFallbackReason,
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
  brainRegion,
  maskVoxels,
  peakImage,
  type BrainMask,
  type BrainMaskCounts,
  type BrainMaskOptions,
  type BrainRegion,
  type PeakImage,
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

// Lesion volumes and trial imaging criteria (helper perf-lesions)
export { splitHemispheres, HEMISPHERE } from './lesions/split-hemispheres.ts';
export { removeSmallComponents } from './lesions/remove-small-components.ts';
export { TMAX_DEFINITIONS, parseTmaxDefinition, type TmaxDefinition } from './lesions/tmax-definition.ts';
export {
  lesionThresholds,
  parseLesionThresholds,
  type LesionThresholds,
  type CoreThresholds,
  type HypoperfusionThresholds,
  type TrialCriteria,
  type TrialCriterion,
} from './lesions/lesion-thresholds.ts';
export {
  lesionVolumes,
  type LesionVolumeInput,
  type LesionVolumes,
  type AffectedSide,
} from './lesions/lesion-volumes.ts';
export {
  decisionSupport,
  type DecisionSupport,
  type DecisionVolumes,
  type CriterionResult,
} from './lesions/decision-support.ts';

// Quality checks of a study (helper perf-lesions)
export { perfusionQcLimits, type PerfusionQcLimits } from './quality/perfusion-qc-limits.ts';
export {
  qualityChecks,
  type QualityCheck,
  type QualityCheckName,
  type QualityInput,
  type QualityStatus,
} from './quality/quality-checks.ts';
// The pipeline: a dynamic CT to perfusion maps (helper perf-pipeline)
export { runPerfusion } from './pipeline/run-perfusion.ts';
export {
  PERFUSION_STAGES,
  type PerfusionStage,
  type PerfusionMapper,
  type RunPerfusionOptions,
  type PerfusionRun,
  type PerfusionBaseline,
  type PerfusionCurve,
  type PerfusionMotion,
  type PerfusionMapVolumes,
} from './pipeline/perfusion-run.ts';
export { pipelineDefaults, type PipelineDefaults } from './pipeline/pipeline-defaults.ts';
export { timeGrid, curvesOnGrid, curveOnGrid, type TimeGrid } from './pipeline/time-grid.ts';

// Outputs: NIfTI maps, summary.json, PNG montages and the AIF/VOF plot (helper perf-pipeline)
export { writePerfusionOutputs } from './output/write-perfusion-outputs.ts';
export {
  perfusionSummary,
  LESION_MASK_FILES,
  PERFUSION_MAP_FILES,
  SUMMARY_FILE,
  CURVES_FILE,
} from './output/perfusion-summary.ts';
export { mapMontagePng, type MapMontage, type MapMontageOptions } from './output/map-montage-png.ts';
export { curvePlotPng, niceTicks, type PlotSeries, type CurvePlotOptions } from './output/curve-plot-png.ts';
export { colourAt, viridis, type ColourMap } from './output/colour-map.ts';
export {
  assessLesions,
  assessQuality,
  type PerfusionLesions,
  type LesionsWithheld,
  type PerfusionProtocol,
} from './pipeline/assess-run.ts';
// Worker-thread pool for the engine (helper perf-parallel)
export {
  deconvolveInWorkers,
  perfusionMapsInWorkers,
  sharedCurves,
  type InWorkersOptions,
} from './parallel/in-workers.ts';
export {
  PerfusionWorkerPool,
  type PerfusionWorkerPoolOptions,
  type WorkerLoader,
} from './parallel/perfusion-worker-pool.ts';
export { estimateMotionInWorkers } from './parallel/estimate-motion-in-workers.ts';
export {
  estimateThroughPlaneMotion,
  type EstimateThroughPlaneOptions,
  type ThroughPlaneEstimate,
} from './preprocess/estimate-through-plane-motion.ts';
export { resampledInPlane, throughPlaneWarning } from './preprocess/motion-report.ts';
export { judgeMotion, type JudgedMotion } from './preprocess/judge-motion.ts';
export { arterialArrival, type ArterialArrival } from './aif/arterial-arrival.ts';
export { gammaResidue, gammaResidueIntegralS } from './deconvolution/gamma-residue.ts';
export {
  ResidueModelFit,
  residueModelFitFor,
  type ResidueModelEstimate,
  type ResidueModelGrid,
} from './deconvolution/residue-model-fit.ts';
export { sliceConcentrationCurves, smoothedConcentrationCurves } from './maps/smooth-in-plane.ts';
export {
  smoothedConcentrationCurvesInWorkers,
  smoothedMapsInWorkers,
} from './parallel/concentration-curves-in-workers.ts';
// Maps on a sub-grid matched to the smoothing, interpolated between (helper grid)
export { FULL_GRID, interpolateMapGrid, mapGridVoxels, mapStride, type MapStride } from './maps/map-grid.ts';
export { mapGridDefaults, type MapGridDefaults } from './maps/map-grid-defaults.ts';
export { slabMaps, type SlabMapsInput } from './maps/slab-maps.ts';
