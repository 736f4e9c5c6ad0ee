import { z } from 'zod';
import policyJson from '../../data/equipment-policy.json' with { type: 'json' };

export const equipmentPolicy = z
  .strictObject({
    source: z.string(),
    usefulLifeYears: z.number().positive(),
    warnYearsBefore: z.number().min(0),
    ancillaryCheckIntervalDays: z.number().int().positive(),
    ancillaryDueSoonDays: z.number().int().min(0),
    phantomCrossCalibrationMinimumScansEach: z.number().int().min(2),
    phantomCrossCalibrationSource: z.string(),
  })
  .parse(policyJson);
