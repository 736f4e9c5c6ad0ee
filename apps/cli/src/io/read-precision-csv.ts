import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { siteLabelSchema, type PrecisionScan } from '@quantrad/densitometry';
import { describeZodError, InputError } from './input-error.ts';
import { readTextFile } from './read-input-file.ts';

const REQUIRED_COLUMNS = ['patient', 'scan', 'site', 'bmd'] as const;

const rowSchema = z.object({
  patient: z.string().trim().min(1, { error: 'is empty' }),
  scan: z.string().trim().min(1, { error: 'is empty' }),
  site: siteLabelSchema,
  side: z.enum(['left', 'right', '']).optional(),
  bmd: z
    .string()
    .trim()
    .min(1, { error: 'is empty' })
    .transform(Number)
    .pipe(
      z
        .number({ error: 'is not a number' })
        .positive({ error: 'must be a positive BMD in g/cm²' })
        .max(3, { error: 'must be at most 3 g/cm²' }),
    ),
  scanner: z.string().trim().optional(),
});

/** A precision-study CSV (columns patient, scan, site, bmd; optional scanner and side), one row per scan. */
export async function readPrecisionCsv(path: string): Promise<PrecisionScan[]> {
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
    throw new InputError(`${path}: no rows (expected columns ${REQUIRED_COLUMNS.join(', ')})`);
  const missing = REQUIRED_COLUMNS.filter((c) => !(c in first));
  if (missing.length > 0)
    throw new InputError(
      `${path}: missing column ${missing.join(', ')} (expected ${REQUIRED_COLUMNS.join(', ')})`,
    );
  const seen = new Set<string>();
  return rows.map((row, index) => {
    const line = index + 2; // the header is line 1
    const parsed = rowSchema.safeParse(row);
    if (!parsed.success) throw new InputError(`${path}: line ${line}: ${describeZodError(parsed.error)}`);
    const { patient, scan, site, side, bmd, scanner } = parsed.data;
    const key = [scanner ?? '', site, side ?? '', patient, scan].join('\u0000');
    if (seen.has(key))
      throw new InputError(
        `${path}: line ${line}: scan ${scan} of patient ${patient} at ${site} is given twice`,
      );
    seen.add(key);
    return {
      patient,
      scan,
      site,
      bmdGcm2: bmd,
      ...(side ? { side } : {}),
      ...(scanner ? { scannerId: scanner } : {}),
    };
  });
}
