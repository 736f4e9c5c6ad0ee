import { qctPhantomQc } from '@quantrad/densitometry';
import type { CliIo } from '../../io/cli-io.ts';
import { formatJson } from '../../io/format-json.ts';
import { InputError } from '../../io/input-error.ts';
import { readPhantomMeasurementsCsv } from './read-phantom-measurements-csv.ts';

/** `--baseline 150.2` for the whole phantom, or `--baseline HA100=100.4,HA200=199.1` per rod. */
function parseBaselines(text: string): { valueMgCm3: number; rod?: string }[] {
  return text.split(',').map((item) => {
    const [first, second] = item.split('=').map((part) => part.trim());
    const rod = second === undefined ? undefined : first;
    const value = Number(second ?? first);
    if ((second ?? first ?? '') === '' || !Number.isFinite(value) || rod === '')
      throw new InputError(`--baseline: "${item}" is not a value in mg/cm³ (or ROD=VALUE)`);
    return { valueMgCm3: value, ...(rod === undefined ? {} : { rod }) };
  });
}

/** `quantrad qct qc`: repeated phantom measurements against the baseline, flagged beyond 1% (ACR QCT VI.B). */
export async function qctQc(csvPath: string, options: { baseline?: string }, io: CliIo): Promise<void> {
  const measurements = await readPhantomMeasurementsCsv(csvPath);
  const baselines = options.baseline === undefined ? undefined : parseBaselines(options.baseline);
  let result: ReturnType<typeof qctPhantomQc>;
  try {
    result = qctPhantomQc(measurements, baselines);
  } catch (error) {
    // The engine names measurements by index; the person has the CSV open, where row i is line i + 2.
    const message = (error as Error).message.replace(
      /measurements\[(\d+)\]\.(\w+)/g,
      (_match, index: string, field: string) => `line ${measurements[Number(index)]?.line ?? '?'}: ${field}`,
    );
    throw new InputError(`${csvPath}: ${message}`);
  }
  io.out(formatJson(result));
}
