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
  material: z.enum(['K2HPO4', 'CaHA']).default('K2HPO4'),
  phantom: z.string().optional(),
  scanner: z
    .object({
      id: z.string(),
      kvp: z.number().optional(),
      kernel: z.string().optional(),
      date: z.string().optional(),
    })
    .optional(),
  notes: z.array(z.string()).default([]),
});

type CalibrationFile = z.infer<typeof calibrationFileSchema>;

/**
 * One calibration file, used only for a scan it fits: the same scanner, tube voltage and kernel when both
 * say (ACR QCT IV.B.1.b; HU depend on kVp, IV.B.2); what could not be checked is noted.
 */
function singleCalibration(path: string, file: CalibrationFile, scan: ScanFacts): QctCalibration {
  const { phantom, scanner, notes, ...rest } = file;
  const unchecked: string[] = [];
  if (scanner !== undefined) {
    const facts = [
      ['scanner', scanner.id, scan.scannerId],
      ['kVp', scanner.kvp, scan.kvp],
      ['kernel', scanner.kernel?.toLowerCase(), scan.kernel?.trim().toLowerCase()],
    ] as const;
    for (const [name, calibrated, scanned] of facts) {
      if (calibrated === undefined) continue;
      if (scanned === undefined) unchecked.push(name);
      else if (String(calibrated) !== String(scanned))
        throw new InputError(
          `--calibration: ${path} was made for ${name} ${String(calibrated)} but this scan is ${name} ${String(scanned)}: a calibration holds only for its own scanner, kVp and kernel (ACR QCT IV.B.1.b)`,
        );
    }
  }
  const uncheckedNote =
    scanner === undefined
      ? [
          `the calibration file does not say which scanner, kVp and kernel it was made for: its fit to this scan was not checked`,
        ]
      : unchecked.length > 0
        ? [
            `this scan's ${unchecked.join(', ')} unknown: the calibration's ${unchecked.join(', ')} could not be checked against it`,
          ]
        : [];
  return {
    ...rest,
    points: [],
    residualsHu: [],
    notes: [...notes, ...uncheckedNote],
    ...(phantom === undefined ? {} : { phantom }),
    ...(scanner === undefined
      ? {}
      : {
          scanner: {
            id: scanner.id,
            ...(scanner.kvp === undefined ? {} : { kvp: scanner.kvp }),
            ...(scanner.kernel === undefined ? {} : { kernel: scanner.kernel }),
            ...(scanner.date === undefined ? {} : { date: scanner.date }),
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
