import {
  MODEL_FIT_FALLBACK_REASONS,
  type ModelFitFallback,
  type ModelFitFallbackReason,
} from '../deconvolution/deconvolve.ts';
import type { PerfusionQcLimits } from './perfusion-qc-limits.ts';
import type { QualityCheck } from './quality-checks.ts';

/** The model fit's outcome over a study: the voxels it was tried on and those that kept the deconvolution's values. */
export type ModelFitInput = Readonly<ModelFitFallback>;

/** What each fallback reason usually means on a study (deconvolution/deconvolve.ts modelRefinement). */
const MEANING: Record<ModelFitFallbackReason, string> = {
  delayEdge:
    'fitted delay at a limit of the template grid (data/deconvolution-defaults.json modelFit minDelayS / maxDelayS): ' +
    'tissue arriving later than the grid allows (very late arrival, a scan truncated before the bolus has passed) ' +
    'or before the arterial curve (an AIF chosen downstream)',
  mttEdge:
    'fitted MTT at a limit of the template grid (minMttS / maxMttS): curves with no measurable transit (noise, ' +
    'vessels or CSF in the tissue mask) or a washout not seen by the end of the scan',
  noPositiveCorrelation: 'no template correlates positively with the curve: no enhancement above noise',
  nonFinite: 'a non-finite sample in the curve',
};

const percent = (fraction: number): string => `${(100 * fraction).toFixed(1)}%`;

/**
 * Warns when the share of tissue voxels whose model fit fell back to the deconvolution's values (CBF from the
 * residue's maximum, Tmax from its peak, read 1.1–2.2 s later on the phantom without noise, up to 6.8 s with 2 HU noise: data/lesion-thresholds.json residuePeakDefinition) is above the limit (data/perfusion-qc.json
 * modelFit), naming the main reason: those voxels' maps then mix two definitions of CBF and Tmax.
 */
export function checkModelFit(input: ModelFitInput, limits: PerfusionQcLimits['modelFit']): QualityCheck {
  const { voxels } = input;
  if (!Number.isInteger(voxels) || voxels < 0)
    throw new RangeError(`qualityChecks: modelFit.voxels must be a whole number ≥ 0, got ${voxels}`);
  let total = 0;
  let main: ModelFitFallbackReason = 'delayEdge';
  for (const reason of MODEL_FIT_FALLBACK_REASONS) {
    const count = input[reason];
    if (!Number.isInteger(count) || count < 0)
      throw new RangeError(`qualityChecks: modelFit.${reason} must be a whole number ≥ 0, got ${count}`);
    total += count;
    if (count > input[main]) main = reason;
  }
  if (total > voxels)
    throw new RangeError(
      `qualityChecks: modelFit counts ${total} fallbacks, more than modelFit.voxels ${voxels}`,
    );
  const fraction = voxels === 0 ? 0 : total / voxels;
  const share = `${total} of ${voxels} voxels (${percent(fraction)}) kept the deconvolution's values without a model fit`;
  if (fraction <= limits.warnAboveFallbackFraction) {
    return {
      check: 'model-fit',
      status: 'pass',
      reason: `${share}, at most ${percent(limits.warnAboveFallbackFraction)}`,
    };
  }
  return {
    check: 'model-fit',
    status: 'warn',
    reason:
      `${share}, above ${percent(limits.warnAboveFallbackFraction)}; mostly ${main} (${input[main]} voxels): ` +
      `${MEANING[main]}. There CBF is the residue's maximum and Tmax its peak (on the digital phantom 1.1 to 2.2 s later than the fitted delay without noise, 1.1 to 6.8 s with 2 HU noise: data/lesion-thresholds.json residuePeakDefinition)`,
  };
}
