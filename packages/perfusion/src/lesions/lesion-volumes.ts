import type { Triple } from '@quantrad/imaging';
import { lesionThresholds, type LesionThresholds } from './lesion-thresholds.ts';
import { removeSmallComponents } from './remove-small-components.ts';
import { HEMISPHERE } from './split-hemispheres.ts';

/** The maps and masks lesion volumes are counted from; all arrays one value per voxel of the same grid. */
export interface LesionVolumeInput {
  readonly cbfMl100gMin: Float32Array;
  readonly tmaxS: Float32Array;
  /** 1 where a voxel is brain tissue (vessels, CSF and skull removed). */
  readonly tissueMask: Uint8Array;
  /** `splitHemispheres` labels: 1 right, 2 left, 0 neither. */
  readonly hemispheres: Uint8Array;
  readonly voxelVolumeMl: number;
  /** Grid dimensions; needed only when small components are removed (specks.minComponentMl > 0). */
  readonly dims?: Triple;
}

export type AffectedSide = 'right' | 'left' | 'none';

/** Ischaemic core and hypoperfusion volumes with the reference they were judged against. */
export interface LesionVolumes {
  /** 1 where relative CBF is below the core threshold. */
  readonly coreMask: Uint8Array;
  /** 1 where Tmax exceeds the hypoperfusion threshold (6 s by default). */
  readonly hypoperfusionMask: Uint8Array;
  readonly coreMl: number;
  readonly hypoperfusionMl: number;
  /** hypoperfusionMl − coreMl (negative when the core is larger; not clamped). */
  readonly mismatchMl: number;
  /** hypoperfusionMl / coreMl; Infinity when there is hypoperfusion and no core, 0 when there is neither. */
  readonly mismatchRatio: number;
  /** Volume with Tmax above the severe threshold (10 s by default). */
  readonly tmax10Ml: number;
  /** tmax10Ml / hypoperfusionMl; 0 without hypoperfusion. */
  readonly hypoperfusionIntensityRatio: number;
  /** CBF of the unaffected hemisphere's tissue (median or mean, per thresholds.core.referenceStatistic). */
  readonly referenceCbfMl100gMin: number;
  /** Tissue voxels the reference CBF was taken from. */
  readonly referenceVoxelCount: number;
  /** The hemisphere with the larger hypoperfused volume; 'none' when both are equal (then both are reference). */
  readonly affectedSide: AffectedSide;
  /** Hypoperfused volume per hemisphere, in mL. */
  readonly hypoperfusionMlBySide: { readonly right: number; readonly left: number };
  /** Voxels removed as small isolated specks (0 when removal is off). */
  readonly speckVoxelsRemoved: number;
}

function median(values: Float64Array): number {
  values.sort();
  const mid = values.length >> 1;
  return values.length % 2 === 1
    ? (values[mid] ?? NaN)
    : ((values[mid - 1] ?? NaN) + (values[mid] ?? NaN)) / 2;
}

function checkInput(input: LesionVolumeInput): void {
  const n = input.tissueMask.length;
  for (const [name, array] of [
    ['cbfMl100gMin', input.cbfMl100gMin],
    ['tmaxS', input.tmaxS],
    ['hemispheres', input.hemispheres],
  ] as const) {
    if (array.length !== n) {
      throw new RangeError(`lesionVolumes: ${name} has ${array.length} voxels, tissueMask has ${n}`);
    }
  }
  if (!(input.voxelVolumeMl > 0) || !Number.isFinite(input.voxelVolumeMl)) {
    throw new RangeError(
      `lesionVolumes: voxelVolumeMl must be a positive number, got ${input.voxelVolumeMl}`,
    );
  }
  for (let v = 0; v < n; v++) {
    if (input.tissueMask[v] === 0) continue;
    if (!Number.isFinite(input.cbfMl100gMin[v] ?? NaN)) {
      throw new RangeError(`lesionVolumes: cbfMl100gMin[${v}] is not finite in a tissue voxel`);
    }
    if (!Number.isFinite(input.tmaxS[v] ?? NaN)) {
      throw new RangeError(`lesionVolumes: tmaxS[${v}] is not finite in a tissue voxel`);
    }
  }
}

/** Applies the speck rule (thresholds.specks) to a mask in place; returns the voxels removed. */
function removeSpecks(mask: Uint8Array, input: LesionVolumeInput, thresholds: LesionThresholds): number {
  const minMl = thresholds.specks.minComponentMl;
  if (minMl <= 0) return 0;
  if (input.dims === undefined) {
    throw new RangeError('lesionVolumes: dims is required when specks.minComponentMl > 0');
  }
  return removeSmallComponents(mask, input.dims, Math.ceil(minMl / input.voxelVolumeMl - 1e-9));
}

/**
 * Ischaemic core and hypoperfused volumes for acute stroke decision support (data/lesion-thresholds.json):
 * hypoperfusion = tissue with Tmax > 6 s; the unaffected hemisphere is the one with the smaller
 * hypoperfused volume, its tissue's median CBF the reference; core = tissue with CBF < 30% of the reference
 * (EXTEND-IA, DEFUSE 3; Campbell 2011). Both masks cover all tissue, either side of the midline. Volumes are
 * voxel counts × voxelVolumeMl. Throws a RangeError naming the field on unusable input, or when the
 * reference hemisphere has no tissue or a reference CBF that is not positive (a core judged against it
 * would be meaningless).
 */
export function lesionVolumes(
  input: LesionVolumeInput,
  thresholds: LesionThresholds = lesionThresholds,
): LesionVolumes {
  checkInput(input);
  const { cbfMl100gMin, tmaxS, tissueMask, hemispheres, voxelVolumeMl } = input;
  const n = tissueMask.length;
  const { tmaxAboveS, severeTmaxAboveS } = thresholds.hypoperfusion;

  const hypoperfusionMask = new Uint8Array(n);
  const severeMask = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    if (tissueMask[v] === 0) continue;
    const tmax = tmaxS[v] ?? 0;
    if (tmax > tmaxAboveS) hypoperfusionMask[v] = 1;
    if (tmax > severeTmaxAboveS) severeMask[v] = 1;
  }
  let speckVoxelsRemoved = removeSpecks(hypoperfusionMask, input, thresholds);
  speckVoxelsRemoved += removeSpecks(severeMask, input, thresholds);

  let hypoRight = 0;
  let hypoLeft = 0;
  for (let v = 0; v < n; v++) {
    if (hypoperfusionMask[v] === 0) continue;
    if (hemispheres[v] === HEMISPHERE.right) hypoRight++;
    else if (hemispheres[v] === HEMISPHERE.left) hypoLeft++;
  }
  const affectedSide: AffectedSide = hypoRight > hypoLeft ? 'right' : hypoLeft > hypoRight ? 'left' : 'none';
  const isReference = (label: number | undefined): boolean =>
    affectedSide === 'right'
      ? label === HEMISPHERE.left
      : affectedSide === 'left'
        ? label === HEMISPHERE.right
        : label === HEMISPHERE.left || label === HEMISPHERE.right;

  let referenceVoxelCount = 0;
  for (let v = 0; v < n; v++) if (tissueMask[v] !== 0 && isReference(hemispheres[v])) referenceVoxelCount++;
  if (referenceVoxelCount === 0) {
    throw new RangeError(
      `lesionVolumes: no tissue voxels in the reference hemisphere (${affectedSide === 'none' ? 'either side' : `opposite the ${affectedSide}`}); check tissueMask and hemispheres`,
    );
  }
  const referenceCbf = new Float64Array(referenceVoxelCount);
  let r = 0;
  for (let v = 0; v < n; v++) {
    if (tissueMask[v] !== 0 && isReference(hemispheres[v])) referenceCbf[r++] = cbfMl100gMin[v] ?? 0;
  }
  const referenceCbfMl100gMin =
    thresholds.core.referenceStatistic === 'median'
      ? median(referenceCbf)
      : referenceCbf.reduce((sum, cbf) => sum + cbf, 0) / referenceVoxelCount;
  if (!(referenceCbfMl100gMin > 0)) {
    throw new RangeError(
      `lesionVolumes: the reference CBF of the unaffected hemisphere is ${referenceCbfMl100gMin} mL/100 g/min; it must be positive`,
    );
  }

  const coreBelowMl100gMin = thresholds.core.relativeCbfBelow * referenceCbfMl100gMin;
  const coreMask = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    if (tissueMask[v] === 0) continue;
    if (thresholds.core.withinHypoperfusion && hypoperfusionMask[v] === 0) continue;
    if ((cbfMl100gMin[v] ?? Infinity) < coreBelowMl100gMin) coreMask[v] = 1;
  }
  speckVoxelsRemoved += removeSpecks(coreMask, input, thresholds);

  const count = (mask: Uint8Array): number => mask.reduce((sum, m) => sum + m, 0);
  const coreMl = count(coreMask) * voxelVolumeMl;
  const hypoperfusionMl = count(hypoperfusionMask) * voxelVolumeMl;
  const tmax10Ml = count(severeMask) * voxelVolumeMl;
  return {
    coreMask,
    hypoperfusionMask,
    coreMl,
    hypoperfusionMl,
    mismatchMl: hypoperfusionMl - coreMl,
    mismatchRatio: coreMl > 0 ? hypoperfusionMl / coreMl : hypoperfusionMl > 0 ? Infinity : 0,
    tmax10Ml,
    hypoperfusionIntensityRatio: hypoperfusionMl > 0 ? tmax10Ml / hypoperfusionMl : 0,
    referenceCbfMl100gMin,
    referenceVoxelCount,
    affectedSide,
    hypoperfusionMlBySide: { right: hypoRight * voxelVolumeMl, left: hypoLeft * voxelVolumeMl },
    speckVoxelsRemoved,
  };
}
