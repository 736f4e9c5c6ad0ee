import {
  clinicalSchema,
  excludedVertebraSchema,
  fractureRiskSchema,
  siteLabelSchema,
  siteMeasurementSchema,
  technicalNoteSchema,
} from '@quantrad/densitometry';
import { z } from 'zod';

export const scannerLscSchema = z.strictObject({
  scannerId: z.string().min(1),
  site: z.union([siteLabelSchema, z.literal('spine')]),
  side: z.enum(['left', 'right']).nullable().default(null),
  lscGcm2: z.number().positive().max(0.5, { error: 'must be at most 0.5 g/cm² (is it in mg/cm²?)' }),
  /** Where the figure comes from, e.g. "precision study 2026-03, 30 patients × 2 scans". */
  source: z.string().trim().min(1).max(500),
});

/** The operator's or reporter's DXA results for a scanned visit: site values as the scanner printed them. */
export const dxaResultsSchema = z.strictObject({
  visitId: z.uuid(),
  sites: z.array(siteMeasurementSchema).min(1, { error: 'must hold at least one measured site' }),
  excludedVertebrae: z.array(excludedVertebraSchema).default([]),
  technicalNotes: z.array(technicalNoteSchema).default([]),
  menopause: z.enum(['pre', 'peri', 'post']).optional(),
  clinical: clinicalSchema.optional(),
  fractureRisk: fractureRiskSchema.optional(),
  source: z.string().min(1).max(50).default('manual'),
});

export type DxaResultsInput = z.input<typeof dxaResultsSchema>;
