import { mapGridDefaults } from '../maps/map-grid-defaults.ts';
import { lesionThresholds } from '../lesions/lesion-thresholds.ts';
import { deconvolutionDefaults } from '../deconvolution/deconvolution-defaults.ts';
import type { PerfusionMapVolumes, PerfusionRun } from '../pipeline/perfusion-run.ts';

/** File name, NIfTI description (units) and figure title of each map. */
export const PERFUSION_MAP_FILES: Readonly<
  Record<keyof PerfusionMapVolumes, { file: string; png: string; title: string; units: string }>
> = {
  cbf: { file: 'cbf.nii.gz', png: 'cbf.png', title: 'CBF', units: 'mL/100 g/min' },
  cbv: { file: 'cbv.nii.gz', png: 'cbv.png', title: 'CBV', units: 'mL/100 g' },
  mtt: { file: 'mtt.nii.gz', png: 'mtt.png', title: 'MTT', units: 's' },
  ttp: { file: 'ttp.nii.gz', png: 'ttp.png', title: 'TTP', units: 's' },
  tmax: { file: 'tmax.nii.gz', png: 'tmax.png', title: 'Tmax', units: 's' },
  tmaxResiduePeak: {
    file: 'tmax-residue-peak.nii.gz',
    png: 'tmax-residue-peak.png',
    title: 'Tmax (residue peak)',
    units: 's',
  },
};

/** What each Tmax map holds, for the reader of summary.json (lesions/tmax-definition.ts). */
function tmaxMapDefinition(name: 'tmax' | 'tmaxResiduePeak', modelFit: boolean): string {
  if (!modelFit)
    return 'the time of the maximum of the deconvolved residue (no model fit: both Tmax maps are equal)';
  return name === 'tmax'
    ? "'fitted-delay': the arrival delay of the model fitted after the deconvolution (the residue's maximum where the fit fell back, see modelFit.fallbackVoxels)"
    : "'residue-peak': the time of the maximum of the deconvolved residue before the model fit, the reading the Tmax > 6 s threshold was set with (RAPID); later than the fitted delay";
}
export const SUMMARY_FILE = 'summary.json';
export const CURVES_FILE = 'aif-vof.png';

const round = (x: number, digits = 4): number => Number(x.toFixed(digits));

/** Where the method's settings come from (data/deconvolution-defaults.json). */
function methodSource(method: PerfusionRun['method']): string {
  const d = deconvolutionDefaults;
  switch (method) {
    case 'osvd':
      return d.osvd.oscillationIndexSource;
    case 'bsvd':
      return d.bsvd.source;
    case 'svd':
      return d.svd.source;
    case 'tikhonov':
      return d.tikhonov.source;
  }
}

function mean(values: Float32Array, mask: Uint8Array): number {
  let sum = 0;
  let n = 0;
  for (let v = 0; v < mask.length; v++) {
    if (mask[v] === 0) continue;
    sum += values[v] ?? 0;
    n++;
  }
  return n === 0 ? 0 : sum / n;
}

/**
 * The facts of a run as plain JSON (summary.json): AIF and VOF positions and curves with their times,
 * constants and method with their sources, baseline, motion, masks, map files with units and tissue means,
 * timings and warnings, and the `lesions` and `quality` the lead's later steps fill (null until then).
 */
export function perfusionSummary(run: PerfusionRun): Record<string, unknown> {
  const tissue = run.masks.tissue.data;
  const curve = (c: PerfusionRun['aif'] | PerfusionRun['vof']): Record<string, unknown> => ({
    source: c.source,
    positionVoxel: c.positionVoxel.map((x) => round(x, 2)),
    voxelCount: c.voxels.length,
    voxels: Array.from(c.voxels),
  });
  return {
    analysis: 'quantrad CT perfusion (indicator dilution, deconvolution)',
    method: run.method,
    methodSource: methodSource(run.method),
    modelFit: modelFitSummary(run),
    ...(run.modelFit ? { modelFitSource: deconvolutionDefaults.modelFit.source } : {}),
    constants: {
      haematocritFactor: run.constants.haematocritFactor,
      tissueDensityGPerMl: run.constants.tissueDensityGPerMl,
      source: run.constants.source,
    },
    frameTimesS: run.frameTimesS,
    grid: run.grid,
    baseline: {
      frames: run.baseline.baseline.count,
      arrivalFrame: run.baseline.arrival.frame,
      arrivalS: run.baseline.arrival.timeS,
      judgedOn: run.baseline.source,
      ...(run.baseline.baseline.warning === undefined ? {} : { warning: run.baseline.baseline.warning }),
    },
    aif: {
      ...curve(run.aif),
      partialVolumeScale: round(run.aif.partialVolumeScale, 6),
      curve: {
        timesS: run.frameTimesS,
        deltaHu: Array.from(run.aif.curveDeltaHu, (x) => round(x, 3)),
        correctedDeltaHu: Array.from(run.aif.correctedDeltaHu, (x) => round(x, 3)),
      },
    },
    vof: {
      ...curve(run.vof),
      truncated: run.vof.truncated,
      curve: { timesS: run.frameTimesS, deltaHu: Array.from(run.vof.curveDeltaHu, (x) => round(x, 3)) },
    },
    masks: run.masks.counts,
    motion: {
      estimated: run.motion.estimated,
      excludedFrames: run.motion.excludedFrames,
      ...(run.motion.throughPlaneDeterminable === undefined
        ? {}
        : { throughPlaneDeterminable: run.motion.throughPlaneDeterminable }),
      frames: run.motion.frames,
    },
    maps: Object.fromEntries(
      (Object.keys(PERFUSION_MAP_FILES) as (keyof PerfusionMapVolumes)[]).map((name) => [
        name,
        {
          file: PERFUSION_MAP_FILES[name].file,
          figure: PERFUSION_MAP_FILES[name].png,
          units: PERFUSION_MAP_FILES[name].units,
          ...(name === 'tmax' || name === 'tmaxResiduePeak'
            ? { definition: tmaxMapDefinition(name, run.modelFit) }
            : {}),
          meanInTissue: round(mean(run.maps[name].data, tissue), 4),
        },
      ]),
    ),
    mapGrid: { ...run.mapGrid, source: mapGridDefaults.strideSource },
    curvesFigure: CURVES_FILE,
    timingsMs: Object.fromEntries(Object.entries(run.timingsMs).map(([k, v]) => [k, round(v, 1)])),
    warnings: run.warnings,
    lesions: lesionsSummary(run),
    quality: run.quality,
  };
}

/**
 * summary.json `modelFit` (an object since 2026-11-30; before, the boolean `enabled` alone): whether the model fit
 * ran, and the tissue voxels that kept the deconvolution's values instead (per reason,
 * deconvolution/deconvolve.ts MODEL_FIT_FALLBACK_REASONS) with their share of `voxels`, the tissue voxels. On
 * the sub-grid (`mapGrid`) an interpolated voxel counts under the reason of its largest-weight computed point
 * (maps/map-grid.ts interpolateMapGrid), so the numbers are tissue voxels on any grid.
 */
function modelFitSummary(run: PerfusionRun): Record<string, unknown> {
  const { voxels, ...fallbackVoxels } = run.modelFitFallback;
  const total = Object.values(fallbackVoxels).reduce((sum, n) => sum + n, 0);
  return {
    enabled: run.modelFit,
    voxels,
    fallbackVoxels: { ...fallbackVoxels, total },
    fallbackFraction: voxels === 0 ? 0 : round(total / voxels, 4),
    fallbackMeaning:
      "tissue voxels whose fit was not used (on the sub-grid: whose largest-weight computed point's fit was not used; best template on the delay or MTT limit of the grid, no template correlating positively, a non-finite sample): there CBF is the deconvolved residue's maximum and Tmax its peak",
  };
}

/** The lesion masks written beside the maps. */
export const LESION_MASK_FILES = { core: 'core.nii.gz', hypoperfusion: 'hypoperfusion.nii.gz' } as const;

function lesionsSummary(run: PerfusionRun): Record<string, unknown> {
  const { lesions } = run;
  if ('withheld' in lesions) return { withheld: lesions.withheld };
  const { volumes } = lesions;
  return {
    ...volumes,
    coreMl: round(volumes.coreMl, 2),
    hypoperfusionMl: round(volumes.hypoperfusionMl, 2),
    mismatchMl: round(volumes.mismatchMl, 2),
    tmax10Ml: round(volumes.tmax10Ml, 2),
    // JSON has no Infinity: hypoperfusion without core is an unbounded ratio.
    mismatchRatio: Number.isFinite(volumes.mismatchRatio)
      ? round(volumes.mismatchRatio, 3)
      : 'infinite (no core)',
    hypoperfusionIntensityRatio: round(volumes.hypoperfusionIntensityRatio, 3),
    decisionSupport: lesions.decisionSupport,
    // The Tmax the thresholds were applied to, and how it differs from the software they came from.
    tmaxUsed: run.tmaxDefinition,
    tmaxMap: PERFUSION_MAP_FILES[run.tmaxDefinition === 'residue-peak' ? 'tmaxResiduePeak' : 'tmax'].file,
    tmaxDefinition: !run.modelFit
      ? 'Tmax is the time of the maximum of the deconvolved residue (no model fit), the kind of reading the Tmax > 6 s threshold was derived with.'
      : run.tmaxDefinition === 'residue-peak'
        ? lesionThresholds.hypoperfusion.residuePeakDefinition
        : lesionThresholds.hypoperfusion.tmaxDefinition,
    files: LESION_MASK_FILES,
  };
}
