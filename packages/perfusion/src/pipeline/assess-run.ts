import { createVolume, type Volume } from '@quantrad/imaging';
import { curveFeatures } from '../aif/curve-features.ts';
import { decisionSupport, type DecisionSupport } from '../lesions/decision-support.ts';
import { splitHemispheres } from '../lesions/split-hemispheres.ts';
import { lesionVolumes, type LesionVolumes } from '../lesions/lesion-volumes.ts';
import { qualityChecks, type QualityCheck, type QualityInput } from '../quality/quality-checks.ts';
import type { PerfusionRun } from './perfusion-run.ts';

/** Core and hypoperfusion of a run (volumes without the masks), the trials' imaging criteria, and the masks. */
export interface PerfusionLesions {
  readonly volumes: Omit<LesionVolumes, 'coreMask' | 'hypoperfusionMask'>;
  readonly decisionSupport: readonly DecisionSupport[];
  readonly core: Volume<Uint8Array>;
  readonly hypoperfusion: Volume<Uint8Array>;
}

/** Lesion volumes could not be measured (e.g. no reference tissue), and why. */
export interface LesionsWithheld {
  readonly withheld: string;
}

/** The scan's protocol facts, from the DICOM headers when present (ACR CTP IV.C, VII). */
export type PerfusionProtocol = QualityInput['protocol'];

/**
 * Core (relative CBF < 30% of the unaffected hemisphere) and hypoperfusion (Tmax > 6 s, on the run's
 * tmaxDefinition) of a run's maps,
 * with the DEFUSE 3 and EXTEND-IA imaging criteria as decision support (data/lesion-thresholds.json).
 */
export function assessLesions(
  run: Omit<PerfusionRun, 'lesions' | 'quality'>,
): PerfusionLesions | LesionsWithheld {
  const { cbf } = run.maps;
  // The Tmax chosen for the thresholds (lesions/tmax-definition.ts): the fitted delay or the residue's peak.
  const tmax = run.tmaxDefinition === 'residue-peak' ? run.maps.tmaxResiduePeak : run.maps.tmax;
  const hemispheres = splitHemispheres(cbf.dims, cbf.spacingMm, cbf.direction, run.masks.brain.data);
  const voxelVolumeMl = (cbf.spacingMm[0] * cbf.spacingMm[1] * cbf.spacingMm[2]) / 1000;
  let volumes: LesionVolumes;
  try {
    volumes = lesionVolumes({
      cbfMl100gMin: cbf.data,
      tmaxS: tmax.data,
      tissueMask: run.masks.tissue.data,
      hemispheres,
      voxelVolumeMl,
      dims: cbf.dims,
    });
  } catch (error) {
    return { withheld: `lesion volumes not measured: ${(error as Error).message}` };
  }
  const { coreMask, hypoperfusionMask, ...rest } = volumes;
  const geometry = {
    dims: cbf.dims,
    spacingMm: cbf.spacingMm,
    originMm: cbf.originMm,
    direction: cbf.direction,
  };
  return {
    volumes: rest,
    decisionSupport: decisionSupport(rest),
    core: createVolume({ data: coreMask, ...geometry }),
    hypoperfusion: createVolume({ data: hypoperfusionMask, ...geometry }),
  };
}

/** The run's quality checks, each pass / warn / fail with its reason (ACR CTP IV.C, VII). */
export function assessQuality(
  run: Omit<PerfusionRun, 'lesions' | 'quality'>,
  protocol: PerfusionProtocol,
): QualityCheck[] {
  const baselineCount = run.baseline.baseline.count;
  const aif = curveFeatures(run.aif.curveDeltaHu, 0, -1, run.frameTimesS, baselineCount);
  return qualityChecks({
    ...(run.motion.estimated ? { motion: run.motion.frames } : {}),
    ...(run.motion.throughPlaneDeterminable === undefined
      ? {}
      : { throughPlaneAssessed: run.motion.throughPlaneDeterminable }),
    baselineFrameCount: baselineCount,
    aif: { peakDeltaHu: aif.peakDeltaHu, baselineSdHu: aif.noiseSdHu },
    vof: { truncated: run.vof.truncated },
    ...(run.modelFit ? { modelFit: run.modelFitFallback } : {}),
    protocol,
  });
}
