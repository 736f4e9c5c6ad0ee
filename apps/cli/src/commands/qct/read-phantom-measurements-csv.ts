import { z } from 'zod';
import { readCsvRows } from '../../io/read-csv-rows.ts';

export interface PhantomMeasurementRow {
  /** The row's line in the file, for messages. */
  line: number;
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
  const rows = await readCsvRows(path, ['date', 'value'], 'date, value and optionally rod', rowSchema);
  return rows.map(({ line, row: { date, value, rod } }) => ({
    line,
    date,
    valueMgCm3: value,
    ...(rod === undefined || rod === '' ? {} : { rod }),
  }));
}
