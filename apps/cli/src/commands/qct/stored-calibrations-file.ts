import { rename, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { storedCalibrationSchema, type StoredCalibration } from '@quantrad/densitometry';
import { InputError } from '../../io/input-error.ts';
import { readJsonFile } from '../../io/read-input-file.ts';

const storedCalibrationsSchema = z.array(storedCalibrationSchema);

/** A scanner's stored asynchronous calibrations (a JSON array); a file not yet made holds none. */
export async function readStoredCalibrations(
  path: string,
  mayBeMissing: boolean,
): Promise<StoredCalibration[]> {
  if (mayBeMissing && !existsSync(path)) return [];
  return readJsonFile(path, storedCalibrationsSchema);
}

/** Add one calibration to the file, keeping every earlier one: written beside it, then renamed over it. */
export async function appendStoredCalibration(
  path: string,
  earlier: readonly StoredCalibration[],
  calibration: StoredCalibration,
): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify([...earlier, calibration], null, 2)}\n`);
    await rename(temporary, path);
  } catch (error) {
    throw new InputError(
      `--store: ${path} cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}

/** The stored calibrations made on the same scanner, tube voltage, kernel and phantom material (ACR QCT IV.B.1.b). */
export function sameAcquisition(
  stored: readonly StoredCalibration[],
  scannerId: string,
  kvp: number,
  kernel: string,
  material: StoredCalibration['material'],
): StoredCalibration[] {
  return stored.filter(
    (entry) =>
      entry.scannerId === scannerId &&
      entry.material === material &&
      entry.kvp === kvp &&
      entry.kernel.trim().toLowerCase() === kernel.trim().toLowerCase(),
  );
}
