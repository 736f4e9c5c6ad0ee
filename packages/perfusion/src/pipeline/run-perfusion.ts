import { createVolume, releaseBuffer, type Triple, type Volume } from '@quantrad/imaging';
import { arterialArrival } from '../aif/arterial-arrival.ts';
import { curveAt } from '../aif/curve-at.ts';
import { curveFeatures } from '../aif/curve-features.ts';
import { partialVolumeCorrect } from '../aif/partial-volume-correct.ts';
import { selectAif } from '../aif/select-aif.ts';
import { selectVof } from '../aif/select-vof.ts';
import { perfusionMaps, type PerfusionMaps } from '../maps/perfusion-maps.ts';
import { brainMask, maskVoxels, peakImage } from '../preprocess/brain-mask.ts';
import { concentrationCurves, meanCurveHu } from '../preprocess/concentration-curves.ts';
import { baselineFrames, detectArrival } from '../preprocess/detect-arrival.ts';
import { correctMotion, excludeFrames } from '../preprocess/correct-motion.ts';
import { estimateMotion } from '../preprocess/estimate-motion.ts';
import { judgeMotion } from '../preprocess/judge-motion.ts';
import { resampledInPlane, throughPlaneWarning } from '../preprocess/motion-report.ts';
import { preprocessDefaults } from '../preprocess/preprocess-defaults.ts';
import { IDENTITY_TRANSFORM } from '../preprocess/rigid-transform.ts';
import { studyBaseline } from '../preprocess/study-baseline.ts';
import { defaultPerfusionConstants } from '../types/perfusion-constants.ts';
import {
  PERFUSION_STAGES,
  type PerfusionBaseline,
  type PerfusionCurve,
  type PerfusionMapper,
  type PerfusionMotion,
  type PerfusionRun,
  type PerfusionStage,
  type RunPerfusionOptions,
} from './perfusion-run.ts';
import { pipelineDefaults } from './pipeline-defaults.ts';
import { curveOnGrid, curvesOnGrid, timeGrid } from './time-grid.ts';
import { assessLesions, assessQuality } from './assess-run.ts';
import { smoothedConcentrationCurves } from '../maps/smooth-in-plane.ts';
import { estimateMotionInWorkers } from '../parallel/estimate-motion-in-workers.ts';
import { smoothedMapsInWorkers } from '../parallel/concentration-curves-in-workers.ts';
import { PerfusionWorkerPool } from '../parallel/perfusion-worker-pool.ts';
import { deconvolutionDefaults } from '../deconvolution/deconvolution-defaults.ts';
import { addModelFitFallback, noModelFitFallback } from '../deconvolution/deconvolve.ts';
import { parseTmaxDefinition } from '../lesions/tmax-definition.ts';
import { FULL_GRID, interpolateMapGrid, mapGridVoxels, mapStride } from '../maps/map-grid.ts';
import { mapGridDefaults } from '../maps/map-grid-defaults.ts';

/**
 * The voxel of a set (linear indices on a grid) nearest the set's mean (i, j, k): a voxel the curve was
 * taken from, so on a vessel even when the set spans several (the VOF averages candidates in every sinus,
 * whose mean may lie between them); a position a user can give back with --aif / --vof.
 */
function representativeVoxel(voxels: Int32Array, dims: Triple): Triple {
  const [nx, ny] = dims;
  const position = (v: number): Triple => [v % nx, Math.floor(v / nx) % ny, Math.floor(v / (nx * ny))];
  let si = 0;
  let sj = 0;
  let sk = 0;
  for (const v of voxels) {
    const [i, j, k] = position(v);
    si += i;
    sj += j;
    sk += k;
  }
  const n = Math.max(voxels.length, 1);
  let best: Triple = [si / n, sj / n, sk / n];
  let bestDistance = Infinity;
  for (const v of voxels) {
    const [i, j, k] = position(v);
    const distance = (i - si / n) ** 2 + (j - sj / n) ** 2 + (k - sk / n) ** 2;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = [i, j, k];
    }
  }
  return best;
}

/** A 3-D volume on the grid of `ct` holding `data`. */
function onGrid<T extends Float32Array | Uint8Array>(ct: Volume, data: T): Volume<T> {
  return createVolume({
    data,
    dims: ct.dims,
    spacingMm: ct.spacingMm,
    originMm: ct.originMm,
    direction: ct.direction,
  });
}

/**
 * Per-voxel values placed at their voxels of a full-size map, 0 elsewhere; on shared memory when `shared`
 * (a pool's workers then draw the map's montage from it in place, without a copy: writePerfusionOutputs).
 */
function scatter(values: Float32Array, voxels: Int32Array, size: number, shared: boolean): Float32Array {
  const out = shared ? new Float32Array(new SharedArrayBuffer(4 * size)) : new Float32Array(size);
  for (let n = 0; n < voxels.length; n++) out[voxels[n] ?? 0] = values[n] ?? 0;
  return out;
}

function checkVoxel(voxel: Triple, dims: Triple, field: string): void {
  voxel.forEach((c, axis) => {
    const size = dims[axis] ?? 0;
    if (!Number.isInteger(c) || c < 0 || c >= size) {
      throw new RangeError(`${field}: index ${axis} is ${c}, outside the volume (0 to ${size - 1})`);
    }
  });
}

/** The default mapper: perfusionMaps over chunks of voxels, reporting progress after each. */
function chunkedMapper(report: (fraction: number) => void, chunks: number): PerfusionMapper {
  return (aif, tissue, curveLength, dtS, options) => {
    const voxels = tissue.length / curveLength;
    const result: PerfusionMaps = {
      cbfMl100gMin: new Float32Array(voxels),
      cbvMl100g: new Float32Array(voxels),
      mttS: new Float32Array(voxels),
      ttpS: new Float32Array(voxels),
      tmaxS: new Float32Array(voxels),
      tmaxResiduePeakS: new Float32Array(voxels),
      modelFitFallback: noModelFitFallback(),
      modelFitFallbackCode: new Float32Array(voxels),
    };
    const step = Math.max(1, Math.ceil(voxels / chunks));
    for (let from = 0; from < voxels; from += step) {
      const to = Math.min(voxels, from + step);
      const part = perfusionMaps(
        aif,
        tissue.subarray(from * curveLength, to * curveLength),
        curveLength,
        dtS,
        options,
      );
      result.cbfMl100gMin.set(part.cbfMl100gMin, from);
      result.cbvMl100g.set(part.cbvMl100g, from);
      result.mttS.set(part.mttS, from);
      result.ttpS.set(part.ttpS, from);
      result.tmaxS.set(part.tmaxS, from);
      result.tmaxResiduePeakS.set(part.tmaxResiduePeakS, from);
      result.modelFitFallbackCode.set(part.modelFitFallbackCode, from);
      addModelFitFallback(result.modelFitFallback, part.modelFitFallback);
      report(to / voxels);
    }
    return result;
  };
}

/**
 * A CT perfusion analysis of a dynamic CT (issue 8 §2), as a chain of named stages:
 * motion (estimateMotion → judgeMotion (through-plane shift, refined in-plane transforms, motionReport) →
 * excludeFrames → correctMotion; ACR CTP IV.C.3) → studyBaseline
 * (arrival and baseline frames, IV.C.2) → brainMask → concentrationCurves (ΔHU of tissue and vessel voxels)
 * → AIF and VOF (automatic among the large-vessel voxels, or the mean of a small sphere around a given voxel;
 * ACR CTP VI.C) → partialVolumeCorrect → resampling to a uniform grid when frame times are uneven →
 * perfusionMaps on the tissue voxels (on a sub-grid matched to the smoothing at fine pixels, interpolated
 * between: maps/map-grid.ts) → full-size maps on the input grid (0 outside the tissue mask: air,
 * bone, CSF and large vessels have no map value). Problems that do not stop the analysis are warnings.
 * Then lesion volumes with the trials' imaging criteria, and the quality checks (`assess-run.ts`).
 */
export async function runPerfusion(ct: Volume, options: RunPerfusionOptions = {}): Promise<PerfusionRun> {
  if (options.pool !== undefined || options.workers === undefined) return analyse(ct, options, options.pool);
  checkInput(ct, options);
  const pool = await PerfusionWorkerPool.create({ workers: options.workers });
  try {
    return await analyse(ct, options, pool);
  } finally {
    await pool.close();
  }
}

/** The checks made before any work (and before a pool is started). */
function checkInput(ct: Volume, options: RunPerfusionOptions): void {
  if (ct.frames < 2) {
    throw new RangeError(
      `ct: a 3-D volume (1 frame); perfusion needs a dynamic (4-D) series of 2 or more frames`,
    );
  }
  if (ct.frameTimesS?.length !== ct.frames) {
    throw new RangeError(
      'ct.frameTimesS: the frame times are not known (give them with a times file, one per frame)',
    );
  }
  if (options.tmaxDefinition !== undefined) parseTmaxDefinition(options.tmaxDefinition, 'tmaxDefinition');
  if (options.aifVoxel) checkVoxel(options.aifVoxel, ct.dims, 'aifVoxel');
  if (options.vofVoxel) checkVoxel(options.vofVoxel, ct.dims, 'vofVoxel');
}

async function analyse(
  ct: Volume,
  options: RunPerfusionOptions,
  pool: PerfusionWorkerPool | undefined,
): Promise<PerfusionRun> {
  checkInput(ct, options);
  const acquiredTimesS = ct.frameTimesS ?? [];
  const method = options.method ?? 'osvd';
  const modelFit = options.modelFit ?? deconvolutionDefaults.modelFit.enabled;
  const constants = {
    source: defaultPerfusionConstants.source,
    ...(options.constants ?? defaultPerfusionConstants),
  };
  const warnings: string[] = [];
  const timingsMs = Object.fromEntries(PERFUSION_STAGES.map((s) => [s, 0])) as Record<PerfusionStage, number>;
  const progress = options.onProgress ?? ((): void => undefined);
  const stage = async <T>(name: PerfusionStage, work: () => T | Promise<T>): Promise<T> => {
    progress(name, 0);
    const start = performance.now();
    const result = await work();
    timingsMs[name] = performance.now() - start;
    progress(name, 1);
    return result;
  };

  // Motion: estimate, judge each frame, drop the excluded, resample the corrected.
  const { volume, motion } = await stage('motion', async () => {
    const none: PerfusionMotion = { estimated: false, transforms: [], frames: [], excludedFrames: [] };
    if (options.skipMotion) return { volume: ct, motion: none };
    let estimate;
    try {
      estimate = pool === undefined ? estimateMotion(ct) : await estimateMotionInWorkers(ct, {}, { pool });
    } catch (error) {
      warnings.push(`motion not estimated: ${(error as Error).message}`);
      return { volume: ct, motion: none };
    }
    // Judged (and corrected) on the in-plane transforms refined with the shift along z when it is measurable.
    const { transforms, frames, throughPlane } = judgeMotion(ct, estimate);
    if (!throughPlane.determinable) {
      warnings.push(
        'through-plane motion not assessed: the bone does not change enough along the slice axis to measure a shift (ACR CTP IV.C.3: movement must be noted)',
      );
    }
    const excludedFrames = frames.filter((f) => f.action === 'excluded').map((f) => f.frame);
    if (excludedFrames.length > 0) {
      warnings.push(`frames ${excludedFrames.join(', ')} excluded for motion (ACR CTP IV.C.3)`);
    }
    const zWarning = throughPlaneWarning(frames);
    if (zWarning !== undefined) warnings.push(zWarning);
    const kept = excludedFrames.length > 0 ? excludeFrames(ct, excludedFrames) : ct;
    const keptTransforms = frames
      .filter((f) => f.action !== 'excluded')
      .map((f) => (resampledInPlane(f) ? (transforms[f.frame] ?? IDENTITY_TRANSFORM) : IDENTITY_TRANSFORM));
    const corrected = keptTransforms.some((t) => t !== IDENTITY_TRANSFORM)
      ? correctMotion(kept, keptTransforms)
      : kept;
    return {
      volume: corrected,
      motion: {
        estimated: true,
        transforms,
        frames,
        excludedFrames,
        throughPlaneDeterminable: throughPlane.determinable,
      },
    };
  });
  const frameTimesS = volume.frameTimesS ?? acquiredTimesS;
  const perFrame = ct.dims[0] * ct.dims[1] * ct.dims[2];

  // The whole-brain curve is mostly tissue, which enhances after the arteries: when the large vessels show
  // contrast earlier, the baseline ends there (ACR CTP IV.C.2: baseline frames are those before contrast).
  // Their mean curve is mostly venous sinus, so the arterial curve alone is checked too (arterialArrival);
  // the earliest of the three arrivals ends the baseline for every curve, tissue, AIF and VOF alike.
  const { baseline, mask } = await stage('baseline', () => {
    const study = studyBaseline(volume);
    // each voxel's peak over the frames after the baseline, made once: an earlier (vessel) baseline reads
    // only the frames between the two.
    const peak = peakImage(volume, study.baseline.count);
    const first = brainMask(volume, { baselineCount: study.baseline.count, peak });
    const vessels = maskVoxels(first.vessels);
    const wholeBrain = { baseline: { ...study, source: 'whole brain' as const }, mask: first };
    // the stage's study-sized scratch (the peak image, the first mask when replaced) is freed at its end,
    // not at a later collection (releaseBuffer).
    const done = <T>(result: T, scratch: readonly ArrayBufferView[] = []): T => {
      for (const view of [peak.values, vessels, ...scratch]) releaseBuffer(view);
      return result;
    };
    if (vessels.length === 0) return done(wholeBrain);
    let earliest = study.arrival;
    let source: PerfusionBaseline['source'] = 'whole brain';
    try {
      const vesselArrival = detectArrival(meanCurveHu(volume, vessels), frameTimesS);
      if (vesselArrival.frame < earliest.frame) {
        earliest = vesselArrival;
        source = 'large vessels';
      }
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
    }
    const radiusMm = pipelineDefaults.overrideRoiRadiusMm;
    const arterial = arterialArrival(volume, vessels, baselineFrames(earliest.frame).count, frameTimesS, {
      ...(options.aifVoxel ? { given: { centreVoxel: options.aifVoxel, radiusMm } } : {}),
    });
    if (arterial !== undefined && arterial.arrival.frame < earliest.frame) {
      earliest = arterial.arrival;
      source = 'arteries';
    }
    if (earliest.frame >= study.arrival.frame) return done(wholeBrain);
    const vesselBaseline: PerfusionBaseline = {
      arrival: earliest,
      baseline: baselineFrames(earliest.frame),
      brainVoxelCount: study.brainVoxelCount,
      source,
    };
    const earlierPeak = peakImage(volume, vesselBaseline.baseline.count, peak);
    const vesselMask = brainMask(volume, { baselineCount: vesselBaseline.baseline.count, peak: earlierPeak });
    return done({ baseline: vesselBaseline, mask: vesselMask }, [
      earlierPeak.values,
      first.brain,
      first.vessels,
      first.tissue,
    ]);
  });
  if (baseline.baseline.warning !== undefined) warnings.push(baseline.baseline.warning);
  const baselineCount = baseline.baseline.count;
  warnings.push(...mask.warnings);
  const tissueVoxels = maskVoxels(mask.tissue);
  const vesselVoxels = maskVoxels(mask.vessels);
  if (tissueVoxels.length === 0) throw new RangeError('ct: the brain mask holds no tissue voxels');

  // Tissue curves are smoothed in-plane within the tissue mask before deconvolution (noise reduction,
  // data/deconvolution-defaults.json spatialSmoothing); the arterial and venous curves are not.
  // With workers (and the default mapper), each worker makes and maps a slice's tissue curves in one job in
  // the maps stage (smoothedMapsInWorkers): the whole volume's curves are never held at once.
  const sigmaMm = options.spatialSmoothingSigmaMm ?? deconvolutionDefaults.spatialSmoothing.sigmaMm;
  // The maps are computed on a sub-grid matched to the smoothing and interpolated between (maps/map-grid.ts,
  // data/map-grid-defaults.json); fullGrid (or stride 1 in the data file) computes every tissue voxel.
  const fullGrid = options.fullGrid ?? mapGridDefaults.stride === 1;
  const stride = fullGrid ? FULL_GRID : mapStride(volume.spacingMm, sigmaMm);
  const onSubGrid = stride[0] > 1 || stride[1] > 1;
  const computedMask = onSubGrid ? mapGridVoxels(mask.tissue, ct.dims[0], ct.dims[1], stride) : mask.tissue;
  let computedVoxels = 0;
  for (const m of computedMask) if (m !== 0) computedVoxels++;
  const fused = pool !== undefined && options.mapper === undefined;
  const { tissueCurves, vesselCurves } = await stage('curves', () => ({
    tissueCurves: fused
      ? undefined
      : smoothedConcentrationCurves(volume, mask.tissue, sigmaMm, baselineCount, undefined, computedMask),
    vesselCurves:
      vesselVoxels.length > 0 ? concentrationCurves(volume, vesselVoxels, baselineCount) : undefined,
  }));

  const roiRadiusMm = pipelineDefaults.overrideRoiRadiusMm;
  const given = (voxel: Triple): { voxels: Int32Array; curveDeltaHu: Float64Array } =>
    curveAt(volume, { centreVoxel: voxel, radiusMm: roiRadiusMm }, baselineCount);
  const noVessels = (what: string): RangeError =>
    new RangeError(
      `ct: no large-vessel voxels (peak enhancement above the vessel threshold) to choose the ${what} from; give it with a voxel`,
    );

  const aifFound = await stage('aif', () => {
    if (options.aifVoxel) return { source: 'given' as const, ...given(options.aifVoxel) };
    if (vesselCurves === undefined) throw noVessels('AIF');
    const selection = selectAif(vesselCurves, vesselVoxels, frameTimesS, { baselineCount });
    return { source: 'automatic' as const, voxels: selection.voxels, curveDeltaHu: selection.curveDeltaHu };
  });
  const aifTtpS = curveFeatures(aifFound.curveDeltaHu, 0, -1, frameTimesS, baselineCount).ttpS;

  const vofFound = await stage('vof', () => {
    if (options.vofVoxel) return { source: 'given' as const, ...given(options.vofVoxel) };
    if (vesselCurves === undefined) throw noVessels('VOF');
    const selection = selectVof(vesselCurves, vesselVoxels, frameTimesS, { baselineCount, aifTtpS });
    return { source: 'automatic' as const, voxels: selection.voxels, curveDeltaHu: selection.curveDeltaHu };
  });
  // the vessels' curves (and their voxel list) are not needed after the AIF and VOF choice: freed now.
  if (vesselCurves !== undefined) releaseBuffer(vesselCurves);
  releaseBuffer(vesselVoxels);
  const vofFeatures = curveFeatures(vofFound.curveDeltaHu, 0, -1, frameTimesS, baselineCount);
  const vofTruncated = vofFeatures.tailFractionOfPeak > preprocessDefaults.vof.maximumTailFractionOfPeak;
  if (vofTruncated) {
    warnings.push(
      'the venous curve has not washed out by the last frame: scan too short (ACR CTP IV.C.1); the partial-volume correction is underestimated',
    );
  }

  const pv = await stage('partial-volume', () =>
    partialVolumeCorrect(aifFound.curveDeltaHu, vofFound.curveDeltaHu, frameTimesS),
  );

  const grid = timeGrid(frameTimesS, pipelineDefaults.unevenFrameToleranceS);
  if (grid.resampled) {
    warnings.push(`frame times are uneven: curves resampled linearly to a ${grid.dtS.toFixed(3)} s grid`);
  }
  const { aifOnGrid, tissueOnGrid } = await stage('resample', () => ({
    aifOnGrid: curveOnGrid(frameTimesS, pv.aifDeltaHu, grid),
    tissueOnGrid: tissueCurves === undefined ? undefined : curvesOnGrid(frameTimesS, tissueCurves, grid),
  }));

  const reportMaps = (f: number): void => {
    progress('maps', f);
  };
  const mapper: PerfusionMapper =
    options.mapper ?? chunkedMapper(reportMaps, pipelineDefaults.progressChunks);
  const values = await stage('maps', async () => {
    if (tissueOnGrid === undefined) {
      return smoothedMapsInWorkers(
        volume,
        mask.tissue,
        sigmaMm,
        baselineCount,
        { frameTimesS, grid, aifDeltaHu: aifOnGrid, stride },
        { method, constants, modelFit },
        { ...(pool === undefined ? {} : { pool }), onProgress: reportMaps },
      );
    }
    const computed = await mapper(aifOnGrid, tissueOnGrid, grid.samples, grid.dtS, {
      method,
      constants,
      modelFit,
    });
    return onSubGrid
      ? interpolateMapGrid(computed, mask.tissue, computedMask, ct.dims[0], ct.dims[1], stride)
      : computed;
  });

  const maps = await stage('volumes', () => ({
    cbf: onGrid(ct, scatter(values.cbfMl100gMin, tissueVoxels, perFrame, pool !== undefined)),
    cbv: onGrid(ct, scatter(values.cbvMl100g, tissueVoxels, perFrame, pool !== undefined)),
    mtt: onGrid(ct, scatter(values.mttS, tissueVoxels, perFrame, pool !== undefined)),
    ttp: onGrid(ct, scatter(values.ttpS, tissueVoxels, perFrame, pool !== undefined)),
    tmax: onGrid(ct, scatter(values.tmaxS, tissueVoxels, perFrame, pool !== undefined)),
    tmaxResiduePeak: onGrid(ct, scatter(values.tmaxResiduePeakS, tissueVoxels, perFrame, pool !== undefined)),
  }));
  // the tissue voxels' values (made here, not by a caller's mapper) and the sub-grid are freed once placed.
  if (options.mapper === undefined || onSubGrid) {
    for (const view of Object.values(values)) if (ArrayBuffer.isView(view)) releaseBuffer(view);
  }
  if (computedMask !== mask.tissue) releaseBuffer(computedMask);
  const tissueVoxelCount = tissueVoxels.length;
  releaseBuffer(tissueVoxels);

  const curve = (found: {
    source: 'automatic' | 'given';
    voxels: Int32Array;
    curveDeltaHu: Float64Array;
  }): PerfusionCurve => ({
    source: found.source,
    voxels: found.voxels,
    positionVoxel: representativeVoxel(found.voxels, ct.dims),
    curveDeltaHu: found.curveDeltaHu,
  });
  const run = {
    maps,
    masks: {
      brain: onGrid(ct, mask.brain),
      tissue: onGrid(ct, mask.tissue),
      vessels: onGrid(ct, mask.vessels),
      counts: mask.counts,
    },
    aif: { ...curve(aifFound), correctedDeltaHu: pv.aifDeltaHu, partialVolumeScale: pv.scale },
    vof: { ...curve(vofFound), truncated: vofTruncated },
    frameTimesS,
    grid,
    motion,
    baseline,
    constants,
    method,
    modelFit,
    modelFitFallback: values.modelFitFallback,
    tmaxDefinition: options.tmaxDefinition ?? 'fitted-delay',
    mapGrid: { stride, computedVoxels, interpolatedVoxels: tissueVoxelCount - computedVoxels },
    timingsMs,
    warnings,
  };
  return { ...run, lesions: assessLesions(run), quality: assessQuality(run, options.protocol ?? {}) };
}
