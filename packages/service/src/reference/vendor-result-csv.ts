import { z } from 'zod';
import formatsJson from '../../data/vendor-result-csv.json' with { type: 'json' };

export const SCAN_TYPES = ['spine', 'hip', 'forearm'] as const;
export type ScanType = (typeof SCAN_TYPES)[number];

const side = z.enum(['left', 'right']);
/** The names a column may have in an export, first match wins. */
const columnNames = z.array(z.string().min(1)).min(1);
const regionTarget = z.union([z.string(), z.strictObject({ site: z.string(), side })]);
const perScanType = <T extends z.ZodType>(
  value: T,
): z.ZodObject<{ spine: T; hip: T; forearm: T }, z.core.$strict> =>
  z.strictObject({ spine: value, hip: value, forearm: value });

const formatSchema = z.strictObject({
  columns: z.strictObject({
    scan: columnNames,
    region: columnNames,
    side: columnNames,
    bmd: columnNames,
    tScore: columnNames,
    zScore: columnNames,
    bmc: columnNames,
    area: columnNames,
  }),
  /** Cell text that means "no value" (GE writes '-' for a score it does not give). */
  missing: z.array(z.string()),
  scans: z.record(z.string(), z.strictObject({ type: z.enum(SCAN_TYPES), side: side.optional() })),
  /** Region name → exam site, per scan type: a region name alone is ambiguous ('Total'). */
  regions: perScanType(z.record(z.string(), regionTarget)),
  /** Regions read and skipped; '*' at either end matches any text there ('* Diff.'). */
  ignored: perScanType(z.array(z.string())),
  sides: z.record(z.string(), side),
});

export type VendorCsvFormat = z.infer<typeof formatSchema>;

export const vendorResultCsv = z
  .strictObject({ source: z.string(), formats: z.record(z.string(), formatSchema) })
  .parse(formatsJson);
