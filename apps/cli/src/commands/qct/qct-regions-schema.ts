import { z } from 'zod';

// The regions file of `quantrad qct` (issue 7 §3): a label mask with a label table and/or ellipses, all in
// 0-based voxel indices (x, y, z) of the CT volume they are measured on.

export const REGION_KINDS = ['vertebra', 'rod', 'air', 'fat', 'muscle', 'blood'] as const;
export type RegionKind = (typeof REGION_KINDS)[number];

const name = z.string().trim().min(1, { error: 'must name the region' });
const kind = z.enum(REGION_KINDS, { error: `must be one of ${REGION_KINDS.join(', ')}` });
const density = z
  .number()
  .min(-100)
  .max(1500, { error: 'must be at most 1500 mg/cm³ (is it in g/cm³ × 1000?)' });
const voxelIndex = z.number().int({ error: 'must be a whole voxel index' }).min(0);

const regionFacts = {
  name,
  kind,
  /** Rods only: the rod's known density (mg/cm³ of the phantom's material). */
  densityMgCm3: density.optional(),
  /** Vertebrae only: a fractured vertebra is measured but excluded (ACR QCT IV.B). */
  fractured: z.boolean().optional(),
};

export const labelEntrySchema = z.strictObject({
  ...regionFacts,
  /**
   * Vertebrae only: "body" when the label marks the whole vertebral body, so the trabecular ROI is placed
   * inside it automatically; "trabecular" (the default) when the label already is the trabecular ROI.
   */
  labelMarks: z.enum(['trabecular', 'body']).optional(),
});

export const ellipseRegionSchema = z.strictObject({
  ...regionFacts,
  center: z.tuple([voxelIndex, voxelIndex, voxelIndex]),
  radii: z.tuple([z.number().positive(), z.number().positive()]),
  slices: z.tuple([voxelIndex, voxelIndex]).refine(([first, last]) => first <= last, {
    error: 'first slice must not be after the last',
  }),
});

export const qctRegionsSchema = z
  .strictObject({
    /** Label mask file (NIfTI), relative to the regions file. */
    mask: z.string().min(1).optional(),
    labels: z
      .record(
        z.string().regex(/^[1-9]\d*$/, { error: 'label values are whole numbers from 1' }),
        labelEntrySchema,
      )
      .optional(),
    ellipses: z.array(ellipseRegionSchema).optional(),
  })
  .refine((file) => (file.mask === undefined) === (file.labels === undefined), {
    error: 'a mask needs its label table ("labels") and a label table needs its "mask"',
  })
  .refine(
    (file) =>
      (file.labels !== undefined && Object.keys(file.labels).length > 0) || (file.ellipses?.length ?? 0) > 0,
    {
      error: 'no regions: give "mask" with "labels", or "ellipses"',
    },
  );

export type QctRegionsFile = z.infer<typeof qctRegionsSchema>;
export type LabelEntry = z.infer<typeof labelEntrySchema>;
export type EllipseRegion = z.infer<typeof ellipseRegionSchema>;
