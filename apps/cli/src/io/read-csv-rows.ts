import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { describeZodError, InputError } from './input-error.ts';
import { readTextFile } from './read-input-file.ts';

/** One CSV data row validated, with its line in the file (the header is line 1). */
export interface CsvRow<T> {
  line: number;
  row: T;
}

/**
 * A CSV file's rows, each validated by `rowSchema`; headers are matched case-insensitively. Every failure is
 * an InputError naming the file and, for a row, its line and field.
 */
export async function readCsvRows<T>(
  path: string,
  requiredColumns: readonly string[],
  expectedColumns: string,
  rowSchema: z.ZodType<T>,
): Promise<CsvRow<T>[]> {
  const text = await readTextFile(path);
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      info: true,
    });
  } catch (error) {
    throw new InputError(`${path}: not valid CSV (${(error as Error).message})`);
  }
  const first = rows[0]?.record;
  if (first === undefined) throw new InputError(`${path}: no rows (expected columns ${expectedColumns})`);
  const missing = requiredColumns.filter((c) => !(c in first));
  if (missing.length > 0)
    throw new InputError(`${path}: missing column ${missing.join(', ')} (expected ${expectedColumns})`);
  // csv-parse counts lines as the file has them, blank lines included.
  return rows.map(({ record, info }) => {
    const line = info.lines;
    const parsed = rowSchema.safeParse(record);
    if (!parsed.success) throw new InputError(`${path}: line ${line}: ${describeZodError(parsed.error)}`);
    return { line, row: parsed.data };
  });
}
