import { z } from 'zod';
import raw from '../../data/acr-ct-perfusion.json' with { type: 'json' };

const schema = z.strictObject({ source: z.string(), ctdiVolAlertMGy: z.number().positive() });

/** ACR CTP VII: the CTDIvol alert level (data/acr-ct-perfusion.json). */
export const ctPerfusionLimits = schema.parse(raw);
