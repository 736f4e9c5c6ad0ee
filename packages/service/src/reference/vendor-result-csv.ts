import { z } from 'zod';
import formatsJson from '../../data/vendor-result-csv.json' with { type: 'json' };

const formatSchema = z.strictObject({
  columns: z.strictObject({
    region: z.string(),
    side: z.string(),
    bmd: z.string(),
    tScore: z.string(),
    zScore: z.string(),
    bmc: z.string(),
    area: z.string(),
  }),
  regions: z.record(z.string(), z.string()),
  sides: z.record(z.string(), z.enum(['left', 'right'])),
});

export type VendorCsvFormat = z.infer<typeof formatSchema>;

export const vendorResultCsv = z
  .strictObject({ source: z.string(), formats: z.record(z.string(), formatSchema) })
  .parse(formatsJson);
