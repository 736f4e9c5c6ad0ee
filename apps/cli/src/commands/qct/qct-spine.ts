import { assessQctSpine, bmdFromHu, opportunisticL1Screen } from '@quantrad/densitometry';
import type { CliIo } from '../../io/cli-io.ts';
import { formatJson } from '../../io/format-json.ts';
import { InputError } from '../../io/input-error.ts';
import { readJsonFile } from '../../io/read-input-file.ts';
import { loadCtVolume, type LoadedCt } from '../../io/load-ct-volume.ts';
import { labelsIn, readNiftiFile } from '@quantrad/imaging';
import { measureRegions, regionsOfKind } from './measure-regions.ts';
import { qctRegionsSchema, type QctRegionsFile } from './qct-regions-schema.ts';
import { scanFacts } from './scan-facts.ts';
import { chooseSpineCalibration, type SpineCalibrationOptions } from './spine-calibration.ts';
import { resolvePatientOptions, type PatientOptions } from './patient-options.ts';
import { roundTo } from './round.ts';
import { spineSerialComparison, type SerialOptions } from './spine-serial-comparison.ts';
import { writeRegionFigures } from './write-region-figures.ts';

export interface QctSpineOptions extends PatientOptions, SerialOptions, SpineCalibrationOptions {
  rois: string;
  labels?: string;
  series?: string;
  pair?: string;
  scanner?: string;
  kvp?: string;
  kernel?: string;
  date?: string;
  figures?: string;
  contrast?: boolean;
}

/**
 * Whether contrast was given, when known: --contrast, else the DICOM Contrast/Bolus Agent header ("none" or
 * empty is no contrast); nothing when neither says.
 */
function contrastFact(options: QctSpineOptions, loaded: LoadedCt): { contrast?: boolean } {
  if (options.contrast !== undefined) return { contrast: options.contrast };
  const agent = loaded.acquisition?.contrastAgent?.trim();
  return agent === undefined ? {} : { contrast: !/^(none|no|n\/a|)$/i.test(agent) };
}

/**
 * A bare label mask: `--labels L1=1,L2=2`; by default labels 1–5 are the bodies of L1–L5 (ROIs placed
 * inside), taking those the mask holds.
 */
async function regionsFromMask(maskPath: string, labels: string | undefined): Promise<QctRegionsFile> {
  const present = labels === undefined ? labelsIn(await readNiftiFile(maskPath)) : undefined;
  const pairs = (labels ?? 'L1=1,L2=2,L3=3,L4=4,L5=5')
    .split(',')
    .map((item) => item.trim().split('='))
    .filter(([, value]) => present === undefined || present.has(Number(value)));
  if (pairs.length === 0)
    throw new InputError(
      `--rois: ${maskPath} holds none of labels 1–5 (L1–L5); name its labels with --labels`,
    );
  const table: NonNullable<QctRegionsFile['labels']> = {};
  for (const pair of pairs) {
    const [name, value] = pair;
    if (name === undefined || value === undefined || !/^[1-9]\d*$/.test(value) || name === '')
      throw new InputError(`--labels: "${pair.join('=')}" is not NAME=LABEL (e.g. L1=1)`);
    table[value] = { name, kind: 'vertebra', labelMarks: 'body' };
  }
  return { mask: maskPath, labels: table };
}

/** `quantrad qct spine`: trabecular vBMD per vertebra, the mean of two and the ACR category (ACR QCT IV.B, IV.C.2). */
export async function qctSpine(ct: string, options: QctSpineOptions, io: CliIo): Promise<void> {
  const regionsFile = /\.nii(\.gz)?$/i.test(options.rois)
    ? await regionsFromMask(options.rois, options.labels)
    : await readJsonFile(options.rois, qctRegionsSchema);
  if (options.labels !== undefined && !/\.nii(\.gz)?$/i.test(options.rois))
    throw new InputError(
      '--labels: only with a bare mask (--rois MASK.nii.gz); a regions file has its own label table',
    );
  const loaded = await loadCtVolume(ct, options.series, io);
  const regions = await measureRegions(
    loaded.volume,
    regionsFile,
    /\.nii(\.gz)?$/i.test(options.rois) ? '.' : options.rois,
  );
  const vertebrae = regionsOfKind(regions, 'vertebra');
  if (vertebrae.length === 0) throw new InputError(`${options.rois}: no regions of kind "vertebra"`);
  const facts = scanFacts(options, loaded);
  const contrast = contrastFact(options, loaded);
  const { calibration, categoryWithheld } = await chooseSpineCalibration(regions, options, facts, contrast);
  // The L1 HU screen (Pickhardt 2013) reads L1 only, and not a fractured L1 (ACR QCT IV.B).
  const l1 = vertebrae.find((v) => v.name.toUpperCase() === 'L1');
  const opportunisticL1 =
    l1 === undefined
      ? undefined
      : l1.fractured === true
        ? { withheld: 'L1 is fractured: its HU do not screen for osteoporosis' }
        : opportunisticL1Screen(l1.meanHu, facts.kvp);
  const population = resolvePatientOptions(options);
  const figures =
    options.figures === undefined
      ? undefined
      : await writeRegionFigures(loaded.volume, vertebrae, options.figures);
  const common = {
    ...(figures === undefined ? {} : { figures }),
    ...(opportunisticL1 === undefined ? {} : { opportunisticL1 }),
    ct: { source: loaded.source, dims: loaded.volume.dims, spacingMm: loaded.volume.spacingMm },
    ...(loaded.acquisition === undefined ? {} : { acquisition: loaded.acquisition }),
    warnings: loaded.warnings,
  };
  if (calibration === undefined) {
    io.out(
      formatJson({
        vertebrae: vertebrae.map((v) => ({
          label: v.name,
          meanHu: roundTo(v.meanHu, 1),
          sdHu: roundTo(v.sdHu, 1),
          voxelCount: v.voxelCount,
          roi: v.from,
        })),
        calibration: null,
        ...common,
      }),
    );
    return;
  }
  let pair: [string, string] | undefined;
  if (options.pair !== undefined) {
    const names = options.pair.split(/[,–-]/).map((s) => s.trim());
    if (names.length !== 2 || names.some((n) => n === ''))
      throw new InputError('--pair: two vertebrae, e.g. L1,L2');
    pair = [names[0] ?? '', names[1] ?? ''];
  }
  let spine: ReturnType<typeof assessQctSpine>;
  try {
    spine = assessQctSpine({
      vertebrae: vertebrae.map((v) => ({
        label: v.name,
        meanHu: v.meanHu,
        bmdMgCm3: bmdFromHu(calibration, v.meanHu),
        ...(v.fractured === true ? { fractured: true } : {}),
      })),
      ...(pair === undefined ? {} : { pair }),
      ...(population === undefined ? {} : { population: population.population }),
      ...(options.zScore === undefined ? {} : { zScore: Number(options.zScore) }),
      ...contrast,
    });
  } catch (error) {
    throw new InputError(
      `${options.pair === undefined ? options.rois : '--pair'}: ${(error as Error).message}`,
    );
  }
  const serialChange =
    categoryWithheld === undefined
      ? await spineSerialComparison(options, facts, loaded, spine.meanBmdMgCm3, spine.usedLabels, calibration)
      : options.prior === undefined
        ? undefined
        : { withheld: `no serial comparison: ${categoryWithheld}` };
  const materialNote =
    calibration.material === 'CaHA' && categoryWithheld === undefined
      ? [
          'ACR QCT IV.C.2 does not state the calibration material of its cut points; this result is CaHA-equivalent: confirm with the QCT software\u2019s reference that the cut points apply',
        ]
      : [];
  const byLabel = new Map(vertebrae.map((v) => [v.name, v]));
  io.out(
    formatJson({
      vertebrae: spine.vertebrae.map((v) => ({
        label: v.label,
        meanHu: roundTo(v.meanHu ?? byLabel.get(v.label)?.meanHu ?? Number.NaN, 1),
        bmdMgCm3: roundTo(v.bmdMgCm3, 1),
        sdHu: roundTo(byLabel.get(v.label)?.sdHu ?? Number.NaN, 1),
        voxelCount: byLabel.get(v.label)?.voxelCount,
        roi: byLabel.get(v.label)?.from,
        excluded: v.excluded,
        ...(v.exclusionReason === undefined ? {} : { exclusionReason: v.exclusionReason }),
      })),
      usedLabels: spine.usedLabels,
      meanBmdMgCm3: roundTo(spine.meanBmdMgCm3, 1),
      // For premenopausal women, men under 50 and children the mg/cm³ categories do not apply (ACR QCT
      // IV.D, IV.E): the category is the Z-score's, or null until a Z-score is given.
      ...(categoryWithheld !== undefined
        ? { category: null, categoryWithheld }
        : spine.classification === undefined || spine.classification.scheme === 'acr_qct_spine_mg_cm3'
          ? { category: spine.category, categorySource: spine.categorySource }
          : { category: spine.classification.category, categorySource: spine.classification.source }),
      ...(population === undefined
        ? {}
        : {
            population,
            classification:
              categoryWithheld === undefined || spine.classification === undefined
                ? spine.classification
                : { ...spine.classification, category: null, statement: categoryWithheld },
          }),
      ...(serialChange === undefined ? {} : { serialChange }),
      calibration,
      notes: [...spine.notes, ...materialNote],
      ...common,
    }),
  );
}
