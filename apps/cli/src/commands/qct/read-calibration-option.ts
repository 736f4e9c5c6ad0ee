import { z } from 'zod';
import {
  chooseAsynchronousCalibration,
  storedCalibrationSchema,
  type QctCalibration,
} from '@quantrad/densitometry';
import { InputError } from '../../io/input-error.ts';
import { readJsonFile } from '../../io/read-input-file.ts';

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

export interface ScanFacts {
  scannerId?: string;
  kvp?: number;
  kernel?: string;
  examDate?: string;
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
  if (!Array.isArray(file)) {
    const { phantom, scanner, ...rest } = file;
    return {
      ...rest,
      points: [],
      residualsHu: [],
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
  const missing = (['scannerId', 'kvp', 'kernel', 'examDate'] as const).filter(
    (key) => scan[key] === undefined,
  );
  if (missing.length > 0)
    throw new InputError(
      `--calibration: ${path} holds stored calibrations; choosing one needs the scan's ${missing.join(', ')} (from the DICOM headers or --scanner, --kvp, --kernel, --date)`,
    );
  const chosen = chooseAsynchronousCalibration(file, {
    scannerId: scan.scannerId ?? '',
    kvp: scan.kvp ?? 0,
    kernel: scan.kernel ?? '',
    examDate: scan.examDate ?? '',
  });
  if (!chosen.ok) throw new InputError(`--calibration: ${chosen.reasons.join('; ')}`);
  return chosen.calibration;
}
