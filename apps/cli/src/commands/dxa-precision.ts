import { precisionStudy } from '@quantrad/densitometry';
import { formatPrecisionText } from '../format/format-precision-text.ts';
import type { CliIo } from '../io/cli-io.ts';
import { InputError } from '../io/input-error.ts';
import { readPrecisionCsv } from '../io/read-precision-csv.ts';

/** `quantrad dxa precision STUDY.csv`: RMS-SD, %CV and LSC per scanner and site (ISCD 2019). */
export async function dxaPrecision(
  csvPath: string,
  options: { format: 'json' | 'text' },
  io: CliIo,
): Promise<void> {
  const results = precisionStudy(await readPrecisionCsv(csvPath));
  const empty = results.filter((r) => r.degreesOfFreedom === 0);
  if (empty.length > 0) {
    throw new InputError(
      `${csvPath}: no patient has two or more scans at ${empty.map((r) => `${r.scannerId ? `${r.scannerId} ` : ''}${r.site}`).join(', ')}: precision needs repeated scans`,
    );
  }
  io.out(options.format === 'text' ? formatPrecisionText(results) : `${JSON.stringify(results, null, 2)}\n`);
}
