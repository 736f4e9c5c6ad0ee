import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { describeZodError, InputError } from '../../io/input-error.ts';
import { readTextFile } from '../../io/read-input-file.ts';

export interface PhantomMeasurementRow {
  date: string;
  valueMgCm3: number;
  rod?: string;
}

const rowSchema = z.object({
  date: z.iso.date({ error: 'must be a date written YYYY-MM-DD' }),
  value: z
    .string()
    .trim()
    .min(1, { error: 'is empty' })
    .transform(Number)
    .pipe(
      z.number({ error: 'is not a number' }).min(-100).max(1500, { error: 'must be at most 1500 mg/cm³' }),
    ),
  rod: z.string().trim().optional(),
});

/** A phantom QC CSV: columns date, value (mg/cm³ as the QCT software reports the phantom), optional rod. */
export async function readPhantomMeasurementsCsv(path: string): Promise<PhantomMeasurementRow[]> {
  const text = await readTextFile(path);
  let rows: Record<string, string>[];
  try {
    rows = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    throw new InputError(`${path}: not valid CSV (${(error as Error).message})`);
  }
  const first = rows[0];
  if (first === undefined)
    throw new InputError(`${path}: no rows (expected columns date, value and optionally rod)`);
  const missing = ['date', 'value'].filter((c) => !(c in first));
  if (missing.length > 0)
    throw new InputError(`${path}: missing column ${missing.join(', ')} (expected date, value, rod)`);
  return rows.map((row, index) => {
    const parsed = rowSchema.safeParse(row);
    // Row 1 is the header, so data row i is line i + 2.
    if (!parsed.success)
      throw new InputError(`${path}: line ${index + 2}: ${describeZodError(parsed.error)}`);
    const { date, value, rod } = parsed.data;
    return { date, valueMgCm3: value, ...(rod === undefined || rod === '' ? {} : { rod }) };
  });
}
