import { z } from 'zod';
import letterJson from '../../data/appointment-letter.json' with { type: 'json' };
import policyJson from '../../data/appointment-policy.json' with { type: 'json' };

export const appointmentPolicy = z
  .strictObject({
    source: z.string(),
    durationMinutes: z.strictObject({ dxa: z.number().int().positive(), qct: z.number().int().positive() }),
    reminderDaysBefore: z.number().int().min(0),
    didNotAttend: z.strictObject({ dischargeAfter: z.number().int().min(1) }),
  })
  .parse(policyJson);

export const appointmentLetter = z
  .strictObject({
    source: z.string(),
    title: z.string(),
    paragraphs: z.array(z.string()).min(1),
    enclosures: z.array(z.string()),
  })
  .parse(letterJson);
