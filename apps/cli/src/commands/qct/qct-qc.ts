import { qctPhantomQc } from '@quantrad/densitometry';
import type { CliIo } from '../../io/cli-io.ts';
import { InputError } from '../../io/input-error.ts';
import { readPhantomMeasurementsCsv } from './read-phantom-measurements-csv.ts';

/** `quantrad qct qc`: repeated phantom measurements against the baseline, flagged beyond 1% (ACR QCT VI.B). */
export async function qctQc(csvPath: string, options: { baseline?: string }, io: CliIo): Promise<void> {
  const measurements = await readPhantomMeasurementsCsv(csvPath);
  let baseline: { valueMgCm3: number } | undefined;
  if (options.baseline !== undefined) {
    const value = Number(options.baseline);
    if (!Number.isFinite(value) || value <= 0) throw new InputError('--baseline: must be a positive number of mg/cm³');
    baseline = { valueMgCm3: value };
  }
  io.out(`${JSON.stringify(qctPhantomQc(measurements, baseline), null, 2)}\n`);
}
