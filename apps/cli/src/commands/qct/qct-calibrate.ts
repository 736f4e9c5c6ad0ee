import { z } from 'zod';
import {
  calibrateFromPhantom,
  calibrateWithPhantom,
  calibrationStability,
  type CalibrationLine,
  type CalibrationOutcome,
  type CalibrationScanner,
  type QctCalibration,
} from '@quantrad/densitometry';
import type { CliIo } from '../../io/cli-io.ts';
import { formatJson } from '../../io/format-json.ts';
import { InputError } from '../../io/input-error.ts';
import { readJsonFile } from '../../io/read-input-file.ts';
import { loadCtVolume } from '../../io/load-ct-volume.ts';
import { measureRegions, regionsOfKind } from './measure-regions.ts';
import { qctRegionsSchema } from './qct-regions-schema.ts';
import { parseNumberList, resolvePhantomOption } from './resolve-phantom-option.ts';
import {
  appendStoredCalibration,
  readStoredCalibrations,
  sameAcquisition,
} from './stored-calibrations-file.ts';

export interface QctCalibrateOptions {
  phantom?: string;
  certificate?: string;
  rodsHu?: string;
  rois?: string;
  series?: string;
  method: 'simultaneous' | 'asynchronous';
  material?: 'K2HPO4' | 'CaHA';
  scanner?: string;
  kvp?: string;
  kernel?: string;
  date?: string;
  history?: string;
  store?: string;
}

/** The phantom's rods fitted: measured HU typed in, or rod regions measured on the CT (ACR QCT IV.B.1). */
async function fitRods(
  ct: string | undefined,
  options: QctCalibrateOptions,
  scanner: CalibrationScanner | undefined,
  io: CliIo,
): Promise<CalibrationOutcome> {
  const certificate =
    options.certificate === undefined ? undefined : parseNumberList('--certificate', options.certificate);
  const phantom =
    options.phantom === undefined ? undefined : await resolvePhantomOption(options.phantom, certificate);
  const acquisition = { method: options.method, ...(scanner === undefined ? {} : { scanner }) };
  if (options.rodsHu !== undefined) {
    if (options.rois !== undefined) throw new InputError('--rods-hu and --rois: give one, not both');
    if (phantom === undefined)
      throw new InputError('--rods-hu needs --phantom (the rods\u2019 known densities)');
    const rodsHu = parseNumberList('--rods-hu', options.rodsHu);
    if (rodsHu.length !== phantom.rodsMgCm3.length)
      throw new InputError(
        `--rods-hu: ${rodsHu.length} values for the ${phantom.rodsMgCm3.length} rods of ${phantom.name} (${phantom.rodsMgCm3.join(', ')} mg/cm³)`,
      );
    return calibrateWithPhantom(phantom, rodsHu, acquisition);
  }
  if (options.rois === undefined)
    throw new InputError('give the rods: --rods-hu with --phantom, or CT with --rois');
  if (ct === undefined)
    throw new InputError('--rois: needs the CT (a DICOM folder or NIfTI file) to measure on');
  const regions = await readJsonFile(options.rois, qctRegionsSchema);
  const loaded = await loadCtVolume(ct, options.series, io);
  const rods = regionsOfKind(await measureRegions(loaded.volume, regions, options.rois), 'rod');
  if (rods.length === 0) throw new InputError(`${options.rois}: no regions of kind "rod"`);
  if (phantom !== undefined) {
    if (rods.some((rod) => rod.densityMgCm3 !== undefined))
      throw new InputError(
        `${options.rois}: with --phantom the rods take its densities in order; remove densityMgCm3`,
      );
    if (rods.length !== phantom.rodsMgCm3.length)
      throw new InputError(
        `${options.rois}: ${rods.length} rods for the ${phantom.rodsMgCm3.length} rods of ${phantom.name}`,
      );
    return calibrateWithPhantom(
      phantom,
      rods.map((rod) => rod.meanHu),
      acquisition,
    );
  }
  const withoutDensity = rods.find((rod) => rod.densityMgCm3 === undefined);
  if (withoutDensity !== undefined)
    throw new InputError(
      `${options.rois}: rod "${withoutDensity.name}" has no densityMgCm3 (give it, or --phantom)`,
    );
  return calibrateFromPhantom(
    rods.map((rod) => ({ name: rod.name, densityMgCm3: rod.densityMgCm3 ?? Number.NaN, meanHu: rod.meanHu })),
    { ...acquisition, material: options.material ?? 'K2HPO4' },
  );
}

const kvpSchema = z.coerce.number().int().min(60).max(150);

function todayIsoDate(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * `quantrad qct calibrate`: a phantom calibration line (ACR QCT IV.B.1), refused with the reason when the fit
 * is poor. An asynchronous calibration belongs to a scanner, tube voltage and kernel, carries its date, and
 * with `--store FILE` is checked against the earlier ones in FILE (ACR QCT VI.B: within 1%) and added to it
 * only when stable.
 */
export async function qctCalibrate(
  ct: string | undefined,
  options: QctCalibrateOptions,
  io: CliIo,
): Promise<void> {
  const kvp = options.kvp === undefined ? undefined : kvpSchema.safeParse(options.kvp);
  if (kvp !== undefined && !kvp.success) throw new InputError(`--kvp: must be a whole number from 60 to 150`);
  if (options.date !== undefined && !z.iso.date().safeParse(options.date).success)
    throw new InputError('--date: must be a date, YYYY-MM-DD');
  const asynchronous = options.method === 'asynchronous' || options.store !== undefined;
  if (asynchronous && (options.scanner === undefined || kvp === undefined || options.kernel === undefined))
    throw new InputError(
      'an asynchronous (stored) calibration belongs to a scanner, tube voltage and kernel: give --scanner, --kvp and --kernel',
    );
  if (options.store !== undefined && options.method !== 'asynchronous')
    throw new InputError('--store: only an asynchronous calibration is stored (--method asynchronous)');
  const date = options.date ?? (asynchronous ? todayIsoDate() : undefined);
  const scanner =
    options.scanner === undefined
      ? undefined
      : {
          id: options.scanner,
          ...(kvp === undefined ? {} : { kvp: kvp.data }),
          ...(options.kernel === undefined ? {} : { kernel: options.kernel }),
          ...(date === undefined ? {} : { date }),
        };
  const outcome = await fitRods(ct, options, scanner, io);
  if (!outcome.ok) throw new InputError(`calibration refused: ${outcome.reasons.join('; ')}`);
  const calibration = outcome.calibration;
  const historyPath = options.store ?? options.history;
  if (historyPath === undefined) {
    io.out(formatJson(calibrationJson(calibration)));
    return;
  }
  const stored = await readStoredCalibrations(historyPath, options.store !== undefined);
  const earlier =
    scanner === undefined || kvp === undefined || options.kernel === undefined
      ? stored
      : sameAcquisition(stored, scanner.id, kvp.data, options.kernel);
  const stability = calibrationStability(calibrationLine(calibration), earlier);
  if (
    options.store !== undefined &&
    scanner !== undefined &&
    kvp !== undefined &&
    options.kernel !== undefined
  ) {
    if (stability.stable === false)
      throw new InputError(
        `not stored in ${options.store}: ${stability.reasons.join('; ')}; check the scanner and phantom before this calibration is used for patients`,
      );
    await appendStoredCalibration(options.store, stored, {
      scannerId: scanner.id,
      kvp: kvp.data,
      kernel: options.kernel,
      date: date ?? todayIsoDate(),
      material: calibration.material,
      slopeHuPerMgCm3: calibration.slopeHuPerMgCm3,
      interceptHu: calibration.interceptHu,
      r2: calibration.r2,
      ...(calibration.phantom === undefined ? {} : { phantom: calibration.phantom }),
    });
  }
  io.out(
    formatJson({
      ...calibrationJson(calibration),
      stability,
      ...(options.store === undefined ? {} : { storedIn: options.store }),
    }),
  );
}

function calibrationLine(calibration: QctCalibration): CalibrationLine {
  return {
    slopeHuPerMgCm3: calibration.slopeHuPerMgCm3,
    interceptHu: calibration.interceptHu,
    material: calibration.material,
    ...(calibration.scanner === undefined
      ? {}
      : {
          scannerId: calibration.scanner.id,
          ...(calibration.scanner.kvp === undefined ? {} : { kvp: calibration.scanner.kvp }),
          ...(calibration.scanner.kernel === undefined ? {} : { kernel: calibration.scanner.kernel }),
        }),
  };
}

function calibrationJson(calibration: QctCalibration): Record<string, unknown> {
  return {
    slopeHuPerMgCm3: calibration.slopeHuPerMgCm3,
    interceptHu: calibration.interceptHu,
    r2: calibration.r2,
    method: calibration.method,
    material: calibration.material,
    ...(calibration.phantom === undefined ? {} : { phantom: calibration.phantom }),
    ...(calibration.scanner === undefined ? {} : { scanner: calibration.scanner }),
    points: calibration.points,
    residualsHu: calibration.residualsHu,
    notes: calibration.notes,
  };
}
