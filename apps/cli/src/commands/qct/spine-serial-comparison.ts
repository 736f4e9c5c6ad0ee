import { z } from 'zod';
import {
  compareQctSerial,
  type QctCalibration,
  type QctPrecision,
  type QctSerialComparison,
} from '@quantrad/densitometry';
import { InputError } from '../../io/input-error.ts';
import { readJsonFile } from '../../io/read-input-file.ts';
import type { LoadedCt } from '../../io/load-ct-volume.ts';
import type { ScanFacts } from './scan-facts.ts';

/** A prior spine QCT result to compare with (ACR QCT IV.F). */
const priorSpineSchema = z.strictObject({
  date: z.iso.date({ error: 'must be a date written YYYY-MM-DD' }),
  meanBmdMgCm3: z.number().positive().max(400, { error: 'must be at most 400 mg/cm³ (is it in g/cm³?)' }),
  /** The vertebrae averaged, e.g. "L1-L2": only the same vertebrae are compared. */
  vertebrae: z.string().min(1).optional(),
  scanner: z.strictObject({ id: z.string().min(1), manufacturer: z.string().min(1) }),
  /** Results reported in standardised units, comparable across manufacturers (ACR QCT IV.F.3). */
  standardisedUnits: z.boolean().optional(),
  /** How the prior was calibrated: BMD from another method or material is not the same quantity. */
  calibrationMethod: z.enum(['simultaneous', 'asynchronous', 'phantomless']).optional(),
  material: z.enum(['K2HPO4', 'CaHA']).optional(),
});

/** A prior that cannot be compared, and why. */
export interface NotComparable {
  comparability: 'not_comparable';
  reason: string;
  significant: null;
}

export interface SerialOptions {
  prior?: string;
  manufacturer?: string;
  precisionCv?: string;
  precisionSd?: string;
  standardisedUnits?: boolean;
}

function precisionOf(options: SerialOptions): QctPrecision | undefined {
  if (options.precisionCv !== undefined && options.precisionSd !== undefined)
    throw new InputError('--precision-cv and --precision-sd: give one');
  const text = options.precisionCv ?? options.precisionSd;
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new InputError(
      `${options.precisionCv === undefined ? '--precision-sd' : '--precision-cv'}: must be a positive number`,
    );
  return options.precisionCv === undefined ? { rmsSd: value } : { percentCv: value };
}

/** The change since a prior comparable spine QCT, judged with the scanner's precision (ACR QCT IV.F). */
export async function spineSerialComparison(
  options: SerialOptions,
  facts: ScanFacts,
  loaded: LoadedCt,
  meanBmdMgCm3: number,
  usedLabels: readonly string[],
  calibration: Pick<QctCalibration, 'method' | 'material'>,
): Promise<QctSerialComparison | NotComparable | undefined> {
  if (options.prior === undefined) {
    if (options.precisionCv !== undefined || options.precisionSd !== undefined)
      throw new InputError('--precision-cv and --precision-sd: only with --prior');
    return undefined;
  }
  const prior = await readJsonFile(options.prior, priorSpineSchema);
  const manufacturer = options.manufacturer ?? loaded.acquisition?.manufacturer;
  const date = facts.date;
  if (facts.scannerId === undefined || manufacturer === undefined || date === undefined)
    throw new InputError(
      '--prior: the comparison needs this scan\u2019s --scanner, --manufacturer and --date (manufacturer and date come from DICOM headers when present)',
    );
  const precision = precisionOf(options);
  if (prior.material !== undefined && prior.material !== calibration.material)
    return {
      comparability: 'not_comparable',
      reason: `the prior is ${prior.material}-equivalent and this result ${calibration.material}-equivalent`,
      significant: null,
    };
  if (
    prior.calibrationMethod !== undefined &&
    (prior.calibrationMethod === 'phantomless') !== (calibration.method === 'phantomless')
  )
    return {
      comparability: 'not_comparable',
      reason: `the prior was calibrated ${prior.calibrationMethod} and this result ${calibration.method}: phantomless and phantom-based BMD differ in accuracy and precision (ACR QCT VI)`,
      significant: null,
    };
  const site = usedLabels.length === 0 ? undefined : `${usedLabels[0] ?? ''}-${usedLabels.at(-1) ?? ''}`;
  try {
    return compareQctSerial({
      current: {
        value: meanBmdMgCm3,
        unit: 'mg/cm3',
        date,
        scanner: { id: facts.scannerId, manufacturer },
        ...(site === undefined ? {} : { site }),
        ...(options.standardisedUnits === undefined ? {} : { standardisedUnits: options.standardisedUnits }),
      },
      prior: {
        value: prior.meanBmdMgCm3,
        unit: 'mg/cm3',
        date: prior.date,
        scanner: prior.scanner,
        ...(prior.vertebrae === undefined ? {} : { site: prior.vertebrae }),
        ...(prior.standardisedUnits === undefined ? {} : { standardisedUnits: prior.standardisedUnits }),
      },
      ...(precision === undefined ? {} : { precision }),
    });
  } catch (error) {
    throw new InputError(`--prior: ${(error as Error).message}`);
  }
}
