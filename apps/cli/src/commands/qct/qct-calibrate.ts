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
import { loadCtVolume, type LoadedCt } from '../../io/load-ct-volume.ts';
import { readJsonFile } from '../../io/read-input-file.ts';
import { measureRegions, regionsOfKind } from './measure-regions.ts';
import { qctRegionsSchema } from './qct-regions-schema.ts';
import { parseNumberList, resolvePhantomOption } from './resolve-phantom-option.ts';
import { scanFacts, type ScanFacts } from './scan-facts.ts';
import {
  appendStoredCalibration,
  readStoredCalibrations,
  sameAcquisition,
} from './stored-calibrations-file.ts';

export interface QctCalibrateOptions {
  phantom?: string;
  certificate?: string;
  certificateWater?: string;
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
  loaded: LoadedCt | undefined,
  options: QctCalibrateOptions,
  scanner: CalibrationScanner | undefined,
): Promise<CalibrationOutcome> {
  const certificate =
    options.certificate === undefined ? undefined : parseNumberList('--certificate', options.certificate);
  const certificateWater =
    options.certificateWater === undefined
      ? undefined
      : parseNumberList('--certificate-water', options.certificateWater);
  const phantom =
    options.phantom === undefined
      ? undefined
      : await resolvePhantomOption(options.phantom, certificate, certificateWater);
  if (phantom === undefined && (certificate !== undefined || certificateWater !== undefined))
    throw new InputError('--certificate: only with --phantom (the certificate is the phantom\u2019s)');
  const acquisition = { method: options.method, ...(scanner === undefined ? {} : { scanner }) };
  if (options.rodsHu !== undefined) {
    if (phantom === undefined)
      throw new InputError('--rods-hu needs --phantom (the rods\u2019 known densities)');
    const rodsHu = parseNumberList('--rods-hu', options.rodsHu);
    if (rodsHu.length !== phantom.rodsMgCm3.length)
      throw new InputError(
        `--rods-hu: ${rodsHu.length} values for the ${phantom.rodsMgCm3.length} rods of ${phantom.name} (${phantom.rodsMgCm3.join(', ')} mg/cm³)`,
      );
    return calibrateWithPhantom(phantom, rodsHu, acquisition);
  }
  if (loaded === undefined || options.rois === undefined)
    throw new InputError('give the rods: --rods-hu with --phantom, or CT with --rois');
  const regions = await readJsonFile(options.rois, qctRegionsSchema);
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
  if (options.material === undefined)
    throw new InputError('--material: the rods\u2019 material is needed (K2HPO4 or CaHA), or --phantom');
  return calibrateFromPhantom(
    rods.map((rod) => ({ name: rod.name, densityMgCm3: rod.densityMgCm3 ?? Number.NaN, meanHu: rod.meanHu })),
    { ...acquisition, material: options.material },
  );
}

/** What an asynchronous calibration is filed under: scanner, tube voltage, kernel and the phantom scan's date. */
function asynchronousFacts(facts: ScanFacts): Required<ScanFacts> {
  const missing = (
    [
      ['scannerId', '--scanner'],
      ['kvp', '--kvp'],
      ['kernel', '--kernel'],
      ['date', '--date'],
    ] as const
  ).filter(([key]) => facts[key] === undefined);
  if (missing.length > 0)
    throw new InputError(
      `an asynchronous calibration is filed by scanner, tube voltage, kernel and the date of the phantom scan: give ${missing.map(([, option]) => option).join(', ')} (kVp, kernel and date come from the DICOM headers when the phantom scan is given)`,
    );
  return facts as Required<ScanFacts>;
}

/**
 * `quantrad qct calibrate`: a phantom calibration line (ACR QCT IV.B.1), refused with the reason when the fit
 * is poor. An asynchronous calibration belongs to a scanner, tube voltage and kernel and carries the date
 * of its phantom scan; with `--store FILE` it is checked against the earlier ones in FILE (ACR QCT VI.B:
 * within 1%) and added to it only when stable.
 */
export async function qctCalibrate(
  ct: string | undefined,
  options: QctCalibrateOptions,
  io: CliIo,
): Promise<void> {
  if (options.rodsHu !== undefined && options.rois !== undefined)
    throw new InputError('--rods-hu and --rois: give one, not both');
  if (options.rois !== undefined && ct === undefined)
    throw new InputError('--rois: needs the CT (a DICOM folder or NIfTI file) to measure on');
  if (options.store !== undefined && options.method !== 'asynchronous')
    throw new InputError('--store: only an asynchronous calibration is stored (--method asynchronous)');
  if (options.history !== undefined && options.method !== 'asynchronous')
    throw new InputError(
      '--history: stability is checked between asynchronous calibrations of one scanner, kVp and kernel (--method asynchronous)',
    );
  const loaded = ct === undefined ? undefined : await loadCtVolume(ct, options.series, io);
  const facts = scanFacts(options, loaded);
  const filed = options.method === 'asynchronous' ? asynchronousFacts(facts) : undefined;
  const scanner: CalibrationScanner | undefined =
    facts.scannerId === undefined
      ? undefined
      : {
          id: facts.scannerId,
          ...(facts.kvp === undefined ? {} : { kvp: facts.kvp }),
          ...(facts.kernel === undefined ? {} : { kernel: facts.kernel }),
          ...(facts.date === undefined ? {} : { date: facts.date }),
        };
  const outcome = await fitRods(loaded, options, scanner);
  if (!outcome.ok) throw new InputError(`calibration refused: ${outcome.reasons.join('; ')}`);
  const calibration = outcome.calibration;
  const historyPath = options.store ?? options.history;
  if (historyPath === undefined || filed === undefined) {
    io.out(formatJson(calibrationJson(calibration, facts)));
    return;
  }
  const stored = await readStoredCalibrations(historyPath, options.store !== undefined);
  const earlier = sameAcquisition(stored, filed.scannerId, filed.kvp, filed.kernel, calibration.material);
  const stability = calibrationStability(calibrationLine(calibration), earlier);
  if (options.store !== undefined) {
    if (stability.stable === false)
      throw new InputError(
        `not stored in ${options.store}: ${stability.reasons.join('; ')}; check the scanner and phantom before this calibration is used for patients`,
      );
    await appendStoredCalibration(options.store, stored, {
      scannerId: filed.scannerId,
      kvp: filed.kvp,
      kernel: filed.kernel,
      date: filed.date,
      material: calibration.material,
      slopeHuPerMgCm3: calibration.slopeHuPerMgCm3,
      interceptHu: calibration.interceptHu,
      r2: calibration.r2,
      ...(calibration.phantom === undefined ? {} : { phantom: calibration.phantom }),
    });
  }
  io.out(
    formatJson({
      ...calibrationJson(calibration, facts),
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

/**
 * The calibration as written for later scans: with the kVp, kernel and date of the phantom scan whenever
 * known (options or headers), so a later scan can be checked against them (ACR QCT IV.B.1.b, IV.B.2).
 */
function calibrationJson(calibration: QctCalibration, facts: ScanFacts): Record<string, unknown> {
  return {
    slopeHuPerMgCm3: calibration.slopeHuPerMgCm3,
    interceptHu: calibration.interceptHu,
    r2: calibration.r2,
    method: calibration.method,
    material: calibration.material,
    ...(calibration.phantom === undefined ? {} : { phantom: calibration.phantom }),
    ...(calibration.scanner === undefined ? {} : { scanner: calibration.scanner }),
    acquisition: {
      ...(facts.kvp === undefined ? {} : { kvp: facts.kvp }),
      ...(facts.kernel === undefined ? {} : { kernel: facts.kernel }),
      ...(facts.date === undefined ? {} : { date: facts.date }),
    },
    points: calibration.points,
    residualsHu: calibration.residualsHu,
    notes: calibration.notes,
  };
}
