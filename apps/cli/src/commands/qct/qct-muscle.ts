import { z } from 'zod';
import { assessMuscle, qctMuscleReference } from '@quantrad/densitometry';
import {
  readNiftiFile,
  regionStatistics,
  assertSameGrid,
  voxelsWithLabel,
  type Volume,
} from '@quantrad/imaging';
import type { CliIo } from '../../io/cli-io.ts';
import { formatJson } from '../../io/format-json.ts';
import { InputError } from '../../io/input-error.ts';
import { readJsonFile } from '../../io/read-input-file.ts';
import { loadCtVolume } from '../../io/load-ct-volume.ts';
import { measureRegions, regionsOfKind } from './measure-regions.ts';
import { areaBySlice, onSlices, tissueVoxels } from './muscle-slices.ts';
import { qctRegionsSchema } from './qct-regions-schema.ts';
import { roundTo } from './round.ts';

export interface QctMuscleOptions {
  mask?: string;
  label?: string;
  rois?: string;
  threshold?: boolean;
  slice?: string;
  level: string;
  heightCm: string;
  weightKg: string;
  sex: string;
  contrast?: boolean;
  series?: string;
}

const bodySchema = z.object({
  heightCm: z.coerce
    .number({ error: '--height-cm: must be a number' })
    .min(50, { error: '--height-cm: must be at least 50 cm (is it in metres?)' })
    .max(250, { error: '--height-cm: must be at most 250 cm' }),
  weightKg: z.coerce
    .number({ error: '--weight-kg: must be a number' })
    .min(10, { error: '--weight-kg: must be at least 10 kg' })
    .max(400, { error: '--weight-kg: must be at most 400 kg' }),
  sex: z.enum(['female', 'male'], { error: '--sex: must be female or male' }),
  level: z.enum(['L3', 'L4'], { error: '--level: must be L3 or L4 (ACR QCT IV.H.4)' }),
});

/** The region the muscle is measured in: a mask (all labels, or --label) or the muscle regions of a regions file. */
async function muscleRegion(
  ct: Volume,
  options: QctMuscleOptions,
): Promise<{ voxels: Int32Array; thresholded: boolean; from: string }> {
  if ((options.mask === undefined) === (options.rois === undefined))
    throw new InputError(
      'give the muscle: --mask MASK.nii.gz, or --rois ROIS.json with regions of kind "muscle"',
    );
  if (options.mask !== undefined) {
    const mask = await readNiftiFile(options.mask);
    try {
      assertSameGrid(ct, mask, options.mask);
    } catch (error) {
      throw new InputError(`--mask: ${(error as Error).message}`);
    }
    let voxels: Int32Array;
    if (options.label === undefined) {
      const nonZero: number[] = [];
      for (let index = 0; index < mask.data.length; index++) if (mask.data[index] !== 0) nonZero.push(index);
      voxels = Int32Array.from(nonZero);
    } else {
      if (!/^[1-9]\d*$/.test(options.label)) throw new InputError('--label: must be a label value from 1');
      voxels = voxelsWithLabel(mask, Number(options.label));
    }
    if (voxels.length === 0)
      throw new InputError(
        `--mask: ${options.mask} has no voxels${options.label === undefined ? '' : ` labelled ${options.label}`}`,
      );
    return { voxels, thresholded: options.threshold === true, from: options.mask };
  }
  const path = options.rois ?? '';
  if (options.label !== undefined) throw new InputError('--label: only with --mask');
  const regions = regionsOfKind(
    await measureRegions(ct, await readJsonFile(path, qctRegionsSchema), path),
    'muscle',
  );
  if (regions.length === 0) throw new InputError(`${path}: no regions of kind "muscle"`);
  const all = new Set<number>();
  for (const region of regions) for (const index of region.voxels) all.add(index);
  // An ellipse or hand-drawn region holds fat as well as muscle: muscle is taken by its HU range.
  return {
    voxels: Int32Array.from([...all].sort((a, b) => a - b)),
    thresholded: true,
    from: regions.map((r) => r.name).join(', '),
  };
}

/** `quantrad qct muscle`: skeletal muscle area, index and attenuation at L3/L4 with sarcopenia flags (ACR QCT IV.H). */
export async function qctMuscle(ct: string, options: QctMuscleOptions, io: CliIo): Promise<void> {
  const body = bodySchema.safeParse(options);
  if (!body.success) throw new InputError(body.error.issues[0]?.message ?? 'invalid options');
  const loaded = await loadCtVolume(ct, options.series, io);
  const volume = loaded.volume;
  const region = await muscleRegion(volume, options);
  const muscleRange = qctMuscleReference.muscleHu;
  const muscle = region.thresholded ? tissueVoxels(volume, region.voxels, muscleRange) : region.voxels;
  const slicesWithMuscle = areaBySlice(volume, muscle);
  if (slicesWithMuscle.length === 0)
    throw new InputError(`no muscle voxels (${muscleRange.min} to ${muscleRange.max} HU) in the region`);
  let chosen = slicesWithMuscle;
  if (options.slice !== undefined) {
    if (!/^\d+$/.test(options.slice)) throw new InputError('--slice: must be a 0-based slice index');
    chosen = slicesWithMuscle.filter((s) => s.slice === Number(options.slice));
    if (chosen.length === 0)
      throw new InputError(`--slice: slice ${options.slice} holds no muscle in the region`);
  } else if (slicesWithMuscle.length > 1) {
    // SMI cut points are for the area on one axial image at L3 (ACR QCT IV.H.4; Martin 2013): a mean over
    // many levels is not that area.
    throw new InputError(
      `--slice: the muscle region spans ${slicesWithMuscle.length} slices (${slicesWithMuscle[0]?.slice ?? ''}–${slicesWithMuscle.at(-1)?.slice ?? ''}); give the ${body.data.level} slice to measure`,
    );
  }
  const chosenSlices = new Set(chosen.map((s) => s.slice));
  const muscleOnSlices = onSlices(volume, muscle, chosenSlices);
  const areaCm2 = chosen[0]?.areaCm2 ?? 0;
  const meanHu = regionStatistics(volume, muscleOnSlices).meanHu;
  const fatRange = qctMuscleReference.adiposeHu;
  const intermuscularFatCm2 = region.thresholded
    ? (tissueVoxels(volume, onSlices(volume, region.voxels, chosenSlices), fatRange).length *
        volume.spacingMm[0] *
        volume.spacingMm[1]) /
      100
    : undefined;
  const assessment = assessMuscle({
    areaCm2,
    meanHu,
    heightCm: body.data.heightCm,
    weightKg: body.data.weightKg,
    sex: body.data.sex,
    level: body.data.level,
    ...(options.contrast === undefined ? {} : { contrast: options.contrast }),
    ...(intermuscularFatCm2 === undefined ? {} : { intermuscularFatCm2 }),
  });
  const notes: string[] = [];
  if (region.thresholded)
    notes.push(
      `muscle taken as ${muscleRange.min} to ${muscleRange.max} HU inside the region (Mitsiopoulos 1998: data/qct-muscle.json)`,
    );
  io.out(
    formatJson({
      ...assessment,
      muscleAreaCm2: roundTo(assessment.muscleAreaCm2, 1),
      smiCm2M2: roundTo(assessment.smiCm2M2, 1),
      meanMuscleHu: roundTo(assessment.meanMuscleHu, 1),
      ...(intermuscularFatCm2 === undefined ? {} : { intermuscularFatCm2: roundTo(intermuscularFatCm2, 1) }),
      slice: chosen[0]?.slice,
      region: region.from,
      notes,
      warnings: loaded.warnings,
    }),
  );
}
