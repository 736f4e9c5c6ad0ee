import type { Triple, Volume } from '@quantrad/imaging';
import type { PerfusionMapOptions, PerfusionMaps } from '../maps/perfusion-maps.ts';
import type { BrainMaskCounts } from '../preprocess/brain-mask.ts';
import type { StudyBaseline } from '../preprocess/study-baseline.ts';
import type { MotionFrameReport } from '../preprocess/motion-report.ts';
import type { RigidTransform } from '../preprocess/rigid-transform.ts';
import type { DeconvolutionMethod } from '../types/deconvolution-method.ts';
import type { PerfusionConstants } from '../types/perfusion-constants.ts';
import type { LesionsWithheld, PerfusionLesions, PerfusionProtocol } from './assess-run.ts';
import type { QualityCheck } from '../quality/quality-checks.ts';
import type { PerfusionWorkerPool } from '../parallel/perfusion-worker-pool.ts';
import type { ModelFitFallback } from '../deconvolution/deconvolve.ts';
import type { TmaxDefinition } from '../lesions/tmax-definition.ts';

/** The named steps of `runPerfusion`, in order; each has a timing and progress reports. */
export const PERFUSION_STAGES = [
  'motion',
  'baseline',
  'curves',
  'aif',
  'vof',
  'partial-volume',
  'resample',
  'maps',
  'volumes',
] as const;
export type PerfusionStage = (typeof PERFUSION_STAGES)[number];

/**
 * Computes the per-voxel maps of a set of tissue curves: `perfusionMaps` by default; the worker pool's
 * `perfusionMapsInWorkers` has the same shape and may be passed instead.
 */
export type PerfusionMapper = (
  aifDeltaHu: Float64Array,
  tissueDeltaHu: Float32Array,
  curveLength: number,
  dtS: number,
  options: PerfusionMapOptions,
) => PerfusionMaps | Promise<PerfusionMaps>;

export interface RunPerfusionOptions {
  /** Deconvolution method (default 'osvd'). */
  method?: DeconvolutionMethod;
  /**
   * Refine each voxel by the gamma transit-time model fit after the deconvolution (CBF from the fitted flow,
   * Tmax the fitted delay); false gives the deconvolution's own residue maximum. Default
   * data/deconvolution-defaults.json modelFit.enabled.
   */
  modelFit?: boolean;
  /**
   * Which Tmax the hypoperfusion volumes (Tmax > 6 s, > 10 s) are counted on: 'fitted-delay' (default, the
   * model fit's arrival delay, the tmax map) or 'residue-peak' (the deconvolved residue's maximum before the
   * fit, the tmaxResiduePeak map: the reading the clinical thresholds were set with, RAPID). Both maps are
   * always computed. See lesions/tmax-definition.ts.
   */
  tmaxDefinition?: TmaxDefinition;
  /** Use the curve of a small sphere around this voxel (i, j, k) as the AIF instead of choosing one. */
  aifVoxel?: Triple;
  /** Likewise for the VOF. */
  vofVoxel?: Triple;
  /** kH and ρ (default data/perfusion-constants.json). */
  constants?: PerfusionConstants & { readonly source?: string };
  /** Called at the start (0) and end (1) of each stage, and in between for the maps. */
  onProgress?: (stage: PerfusionStage, fraction: number) => void;
  /** Skip motion estimation and correction (e.g. a phantom without motion, or already corrected). */
  skipMotion?: boolean;
  /** The scan's protocol facts (DICOM headers), for the quality checks; absent facts are reported "not stated". */
  protocol?: PerfusionProtocol;
  /** In-plane Gaussian σ (mm) for the tissue curves before deconvolution; 0 for none (default from data). */
  spatialSmoothingSigmaMm?: number;
  /**
   * How the maps are computed (default `perfusionMaps`, single thread, in chunks for progress); it is given the
   * curves of the voxels the map grid computes (every tissue voxel with `fullGrid`), in index order.
   */
  mapper?: PerfusionMapper;
  /**
   * Compute the maps at every tissue voxel. By default (data/map-grid-defaults.json) they are computed on
   * every s-th column and row, s from the smoothing σ and the pixel spacing (1 unless the pixels are at most
   * σ/5: 0.5 mm for σ 2.5 mm), and interpolated bilinearly from the computed tissue points around each voxel.
   */
  fullGrid?: boolean;
  /**
   * Worker threads for motion estimation, the tissue curves (smoothing) and the maps: a pool the caller
   * created (and closes), or `workers` for a pool of that many threads that the run starts and closes.
   * The curves and maps are bit-identical to the single-thread run; the motion transforms agree to about
   * 0.01 mm (`estimateMotionInWorkers`). Without either, everything runs on the calling thread. With workers
   * and the default mapper, the tissue curves are made slice by slice in the maps stage (each worker job
   * makes and maps one slice's curves: `smoothedMapsInWorkers`), so the 'curves' stage then times the vessel
   * curves only.
   */
  pool?: PerfusionWorkerPool;
  workers?: number;
}

/**
 * The baseline used: the study's (studyBaseline on the whole-brain curve), or an earlier arrival seen on
 * the mean curve of the large vessels or on the arteries' own curve (`source`), with the ACR CTP IV.C.2 warning when under 2 frames.
 */
export interface PerfusionBaseline extends StudyBaseline {
  readonly source: 'whole brain' | 'large vessels' | 'arteries';
}

/** An arterial or venous curve as used, and where it came from. */
export interface PerfusionCurve {
  /** 'automatic' (selectAif / selectVof) or 'given' (a sphere around the voxel the user gave). */
  readonly source: 'automatic' | 'given';
  /** Linear voxel indices (i + nx·(j + ny·k)) averaged into the curve. */
  readonly voxels: Int32Array;
  /** The voxel of those nearest their mean position, (i, j, k): one the curve was taken from. */
  readonly positionVoxel: Triple;
  /** ΔHU at each frame time (`frameTimesS` of the run); for the AIF before partial-volume correction. */
  readonly curveDeltaHu: Float64Array;
}

/** The motion step: what was estimated and done per frame (ACR CTP IV.C.3). */
export interface PerfusionMotion {
  /** False when motion was skipped or could not be estimated (see warnings). */
  readonly estimated: boolean;
  /**
   * Per frame, the in-plane transform judged on and resampled with (`judgeMotion`): refined with the shift
   * along z when it is determinable, else `estimateMotion`'s.
   */
  readonly transforms: readonly RigidTransform[];
  readonly frames: readonly MotionFrameReport[];
  /** Indices (in the acquired series) of the frames left out. */
  readonly excludedFrames: readonly number[];
  /**
   * Whether movement along the slice axis could be measured (`estimateThroughPlaneMotion`); false when
   * the slab's bone does not change along z enough: through-plane motion was then not assessed.
   * Absent when motion was not estimated.
   */
  readonly throughPlaneDeterminable?: boolean;
}

/** The maps on the input grid (3-D, Float32), 0 outside the tissue mask. */
export interface PerfusionMapVolumes {
  /** mL/100 g/min */
  readonly cbf: Volume<Float32Array>;
  /** mL/100 g */
  readonly cbv: Volume<Float32Array>;
  /** s */
  readonly mtt: Volume<Float32Array>;
  /** s, from the first frame */
  readonly ttp: Volume<Float32Array>;
  /** s: the model fit's arrival delay (the residue's maximum where the fit fell back, or with it off) */
  readonly tmax: Volume<Float32Array>;
  /** s: the time of the deconvolved residue's maximum before the model fit (the same as tmax with the fit off) */
  readonly tmaxResiduePeak: Volume<Float32Array>;
}

/** Everything a perfusion analysis produced, for outputs and reports. */
export interface PerfusionRun {
  readonly maps: PerfusionMapVolumes;
  readonly masks: {
    readonly brain: Volume<Uint8Array>;
    readonly tissue: Volume<Uint8Array>;
    readonly vessels: Volume<Uint8Array>;
    readonly counts: BrainMaskCounts;
  };
  readonly aif: PerfusionCurve & {
    /** The AIF after partial-volume correction, at `frameTimesS` (the curve deconvolved, before resampling). */
    readonly correctedDeltaHu: Float64Array;
    readonly partialVolumeScale: number;
  };
  readonly vof: PerfusionCurve & { readonly truncated: boolean };
  /** Frame times of the frames analysed (after any exclusion), from the first acquired frame, s. */
  readonly frameTimesS: readonly number[];
  /** The uniform time step of deconvolution, s, and whether the frames had to be resampled to it. */
  readonly grid: { readonly dtS: number; readonly resampled: boolean; readonly samples: number };
  readonly motion: PerfusionMotion;
  readonly baseline: PerfusionBaseline;
  readonly constants: PerfusionConstants & { readonly source: string };
  readonly method: DeconvolutionMethod;
  /** Whether the model fit refined the deconvolution (CBF, MTT and Tmax from the fit). */
  readonly modelFit: boolean;
  /** Voxels the model fit was tried on and those that kept the deconvolution's values, per reason (0 with it off). */
  readonly modelFitFallback: ModelFitFallback;
  /** The Tmax the hypoperfusion volumes were counted on. */
  readonly tmaxDefinition: TmaxDefinition;
  /**
   * Where the maps were computed (maps/map-grid.ts): the sub-grid strides along x and y ([1, 1]: every tissue
   * voxel), and how many tissue voxels were computed and how many interpolated.
   */
  readonly mapGrid: {
    readonly stride: readonly [number, number];
    readonly computedVoxels: number;
    readonly interpolatedVoxels: number;
  };
  /** Wall time of each stage, ms. */
  readonly timingsMs: Record<PerfusionStage, number>;
  readonly warnings: readonly string[];
  /** Core, hypoperfusion and mismatch with the DEFUSE 3 and EXTEND-IA imaging criteria, or why not measured. */
  readonly lesions: PerfusionLesions | LesionsWithheld;
  /** Quality checks, each pass / warn / fail with its reason (ACR CTP IV.C, VII). */
  readonly quality: readonly QualityCheck[];
}
