import { z } from 'zod';
import { siteLabelSchema, type PrecisionScan } from '@quantrad/densitometry';
import { InputError } from './input-error.ts';
import { readCsvRows } from './read-csv-rows.ts';

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
  const rows = await readCsvRows(path, REQUIRED_COLUMNS, REQUIRED_COLUMNS.join(', '), rowSchema);
  const seen = new Set<string>();
  return rows.map(({ line, row }) => {
    const { patient, scan, site, side, bmd, scanner } = row;
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
