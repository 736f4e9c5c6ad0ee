import { z } from 'zod';
import {
  chooseAsynchronousCalibration,
  storedCalibrationSchema,
  type QctCalibration,
} from '@quantrad/densitometry';
import { InputError } from '../../io/input-error.ts';
import { readJsonFile } from '../../io/read-input-file.ts';
import type { ScanFacts } from './scan-facts.ts';

/** The JSON `quantrad qct calibrate` writes, read back as the calibration of a later scan. */
const calibrationFileSchema = z.object({
  slopeHuPerMgCm3: z.number().positive({ error: 'must be positive (HU rise with density)' }),
  interceptHu: z.number(),
  r2: z.number().min(0).max(1),
  method: z.enum(['simultaneous', 'asynchronous', 'phantomless']),
  material: z.enum(['K2HPO4', 'CaHA'], { error: 'must say the rods\u2019 material, K2HPO4 or CaHA' }),
  phantom: z.string().optional(),
  scanner: z
    .object({
      id: z.string(),
      kvp: z.number().optional(),
      kernel: z.string().optional(),
      date: z.string().optional(),
    })
    .optional(),
  /** The phantom scan's kVp, kernel and date, written whenever known. */
  acquisition: z
    .object({ kvp: z.number().optional(), kernel: z.string().optional(), date: z.iso.date().optional() })
    .default({}),
  notes: z.array(z.string()).default([]),
});

type CalibrationFile = z.infer<typeof calibrationFileSchema>;

/**
 * One calibration file, used only for a scan it fits (ACR QCT IV.B.1.b; HU depend on kVp, IV.B.2): the kVp
 * must be known on both sides and equal; the kernel and scanner must agree where both are known; the
 * calibration must not postdate the scan. What could not be checked is noted.
 */
function singleCalibration(path: string, file: CalibrationFile, scan: ScanFacts): QctCalibration {
  const { phantom, scanner, notes, acquisition, ...rest } = file;
  const refuse = (problem: string): never => {
    throw new InputError(`--calibration: ${path} ${problem}`);
  };
  const calibratedKvp = acquisition.kvp ?? scanner?.kvp;
  if (calibratedKvp === undefined)
    refuse(
      'does not record the kVp it was made at: make it again with --kvp (or from the DICOM phantom scan)',
    );
  if (scan.kvp === undefined)
    refuse(`was made at ${String(calibratedKvp)} kVp and this scan's kVp is not known: give --kvp`);
  if (calibratedKvp !== scan.kvp)
    refuse(
      `was made at ${String(calibratedKvp)} kVp but this scan is ${String(scan.kvp)} kVp: a calibration holds only for its own kVp`,
    );
  const unchecked: string[] = [];
  const calibratedKernel = acquisition.kernel ?? scanner?.kernel;
  if (calibratedKernel !== undefined && scan.kernel !== undefined) {
    if (calibratedKernel.trim().toLowerCase() !== scan.kernel.trim().toLowerCase())
      refuse(`was made with kernel ${calibratedKernel} but this scan used ${scan.kernel}`);
  } else unchecked.push('kernel');
  if (scanner !== undefined && scan.scannerId !== undefined) {
    if (scanner.id !== scan.scannerId)
      refuse(`was made on scanner ${scanner.id} but this scan is from ${scan.scannerId}`);
  } else unchecked.push('scanner');
  const calibratedOn = acquisition.date ?? scanner?.date;
  if (calibratedOn !== undefined && scan.date !== undefined && calibratedOn > scan.date)
    refuse(
      `is dated ${calibratedOn}, after this scan (${scan.date}): use a calibration made on or before the exam`,
    );
  if (calibratedOn === undefined || scan.date === undefined) unchecked.push('date');
  return {
    ...rest,
    points: [],
    residualsHu: [],
    notes: [
      ...notes,
      ...(unchecked.length > 0
        ? [
            `the calibration's ${unchecked.join(', ')} could not be checked against this scan (not recorded on both sides)`,
          ]
        : []),
    ],
    ...(phantom === undefined ? {} : { phantom }),
    ...(scanner === undefined
      ? {}
      : {
          scanner: {
            id: scanner.id,
            ...(calibratedKvp === undefined ? {} : { kvp: calibratedKvp }),
            ...(calibratedKernel === undefined ? {} : { kernel: calibratedKernel }),
            ...(calibratedOn === undefined ? {} : { date: calibratedOn }),
          },
        }),
  };
}

/**
 * `--calibration FILE`: one calibration (written by `quantrad qct calibrate`), or a scanner's stored
 * asynchronous calibrations (an array), from which the latest matching the scan's scanner, kVp and kernel
 * on or before the exam date is chosen (ACR QCT IV.B.1.b).
 */
export async function readCalibrationOption(path: string, scan: ScanFacts): Promise<QctCalibration> {
  const file = await readJsonFile(
    path,
    z.union([z.array(storedCalibrationSchema).min(1), calibrationFileSchema]),
  );
  if (!Array.isArray(file)) return singleCalibration(path, file, scan);
  const missing = (['scannerId', 'kvp', 'kernel', 'date'] as const).filter((key) => scan[key] === undefined);
  if (missing.length > 0)
    throw new InputError(
      `--calibration: ${path} holds stored calibrations; choosing one needs the scan's ${missing.join(', ')} (from the DICOM headers or --scanner, --kvp, --kernel, --date)`,
    );
  const chosen = chooseAsynchronousCalibration(file, {
    scannerId: scan.scannerId ?? '',
    kvp: scan.kvp ?? 0,
    kernel: scan.kernel ?? '',
    examDate: scan.date ?? '',
  });
  if (!chosen.ok) throw new InputError(`--calibration: ${chosen.reasons.join('; ')}`);
  return chosen.calibration;
}
