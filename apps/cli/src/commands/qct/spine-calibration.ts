import {
  calibrateFromPhantom,
  calibrateFromTissues,
  defaultInternalCalibrationReference,
  internalCalibrationReferenceSchema,
  type CalibrationMaterial,
  type InternalCalibrationReference,
  type QctCalibration,
} from '@quantrad/densitometry';
import { InputError } from '../../io/input-error.ts';
import { readJsonFile } from '../../io/read-input-file.ts';
import { regionsOfKind, type RegionMeasurement } from './measure-regions.ts';
import { readCalibrationOption } from './read-calibration-option.ts';
import type { ScanFacts } from './scan-facts.ts';

export interface SpineCalibrationOptions {
  calibration?: string;
  phantomless?: boolean;
  huOnly?: boolean;
  tissueReference?: string;
  material?: CalibrationMaterial;
  air?: string;
  fat?: string;
  muscle?: string;
  blood?: string;
}

export interface SpineCalibration {
  /** Absent for HU-only screening. */
  calibration?: QctCalibration;
  /** Why no diagnostic category is given although BMD is, when that is so. */
  categoryWithheld?: string;
}

function named(regions: readonly RegionMeasurement[], name: string, option: string): RegionMeasurement {
  const region = regions.find((r) => r.name === name);
  if (region === undefined)
    throw new InputError(
      `${option}: no region named "${name}" (regions: ${regions.map((r) => r.name).join(', ')})`,
    );
  return region;
}

function tissue(
  regions: readonly RegionMeasurement[],
  kind: 'air' | 'fat' | 'muscle' | 'blood',
  name: string | undefined,
): RegionMeasurement | undefined {
  if (name !== undefined) return named(regions, name, `--${kind}`);
  const ofKind = regionsOfKind(regions, kind);
  if (ofKind.length > 1)
    throw new InputError(`--${kind}: ${ofKind.length} regions of kind "${kind}"; name the one to use`);
  return ofKind[0];
}

/** Internal calibration from the patient's air, fat, muscle and blood (ACR QCT IV.B.2). */
async function phantomless(
  regions: readonly RegionMeasurement[],
  options: SpineCalibrationOptions,
  facts: ScanFacts,
  contrast: { contrast?: boolean },
): Promise<SpineCalibration> {
  const reference: InternalCalibrationReference =
    options.tissueReference === undefined
      ? defaultInternalCalibrationReference
      : await readJsonFile(options.tissueReference, internalCalibrationReferenceSchema);
  const fat = tissue(regions, 'fat', options.fat);
  const muscle = tissue(regions, 'muscle', options.muscle);
  if (fat === undefined || muscle === undefined)
    throw new InputError(
      '--phantomless: needs a fat and a muscle region (kind "fat" and "muscle", or --fat and --muscle)',
    );
  const air = tissue(regions, 'air', options.air);
  const blood = tissue(regions, 'blood', options.blood);
  const outcome = calibrateFromTissues(
    {
      fatHu: fat.meanHu,
      muscleHu: muscle.meanHu,
      ...(air === undefined ? {} : { airHu: air.meanHu }),
      ...(blood === undefined ? {} : { bloodHu: blood.meanHu }),
    },
    { reference, ...(facts.kvp === undefined ? {} : { kvp: facts.kvp }), ...contrast },
  );
  if (!outcome.ok) throw new InputError(`phantomless calibration refused: ${outcome.reasons.join('; ')}`);
  // A diagnostic category needs reference densities a service can stand behind: published, or measured on
  // its own scanner against a phantom; the shipped table is an estimate (data/qct-internal-calibration.json).
  return reference.status === 'provisional'
    ? {
        calibration: outcome.calibration,
        categoryWithheld:
          'phantomless BMD from the provisional tissue reference table: no category is given until the service supplies its own table (--tissue-reference, made from scans calibrated with a phantom) or a published one',
      }
    : { calibration: outcome.calibration };
}

/** Calibration from the rods scanned with the patient (simultaneous, ACR QCT IV.B.1.a). */
function inScanRods(
  regions: readonly RegionMeasurement[],
  options: SpineCalibrationOptions,
): SpineCalibration {
  const rods = regionsOfKind(regions, 'rod');
  if (rods.length === 0)
    throw new InputError(
      'no calibration: give --calibration CAL.json, --phantomless (with fat and muscle regions), rods in the regions file, or --hu-only',
    );
  if (options.material === undefined)
    throw new InputError(
      '--material: the in-scan rods\u2019 material is needed (K2HPO4 or CaHA): the same bone reads different mg/cm³ in each',
    );
  const withoutDensity = rods.find((rod) => rod.densityMgCm3 === undefined);
  if (withoutDensity !== undefined)
    throw new InputError(
      `--rois: rod "${withoutDensity.name}" needs its densityMgCm3 for an in-scan calibration`,
    );
  const outcome = calibrateFromPhantom(
    rods.map((rod) => ({ name: rod.name, densityMgCm3: rod.densityMgCm3 ?? 0, meanHu: rod.meanHu })),
    { material: options.material, method: 'simultaneous' },
  );
  if (!outcome.ok) throw new InputError(`in-scan phantom calibration refused: ${outcome.reasons.join('; ')}`);
  return { calibration: outcome.calibration };
}

/** The calibration of a spine scan: a stored one, phantomless, the in-scan rods, or none (HU only). */
export async function chooseSpineCalibration(
  regions: readonly RegionMeasurement[],
  options: SpineCalibrationOptions,
  facts: ScanFacts,
  contrast: { contrast?: boolean },
): Promise<SpineCalibration> {
  const chosen = [options.calibration !== undefined, options.phantomless === true, options.huOnly === true];
  if (chosen.filter(Boolean).length > 1)
    throw new InputError('--calibration, --phantomless and --hu-only: give one');
  if (options.tissueReference !== undefined && options.phantomless !== true)
    throw new InputError('--tissue-reference: only with --phantomless');
  if (options.huOnly === true) return {};
  if (options.calibration !== undefined)
    return { calibration: await readCalibrationOption(options.calibration, facts) };
  if (options.phantomless === true) return phantomless(regions, options, facts, contrast);
  return inScanRods(regions, options);
}
