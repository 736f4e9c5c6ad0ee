import { z } from 'zod';
import raw from '../../data/terminology.json' with { type: 'json' };

const terminologySchema = z.strictObject({
  source: z.string(),
  whoTerms: z.strictObject({
    normal: z.array(z.string()),
    low_bone_density: z.array(z.string()),
    osteoporosis: z.array(z.string()),
  }),
  approvedOsteopeniaPhrase: z.string(),
  approvedRiskPhrases: z.array(z.string()),
  zScoreWording: z.string(),
  properNames: z.array(z.string()),
  genderedPronouns: z.array(z.string()),
});

/** The ROS/ISCD wording rules as data (data/terminology.json). */
export const terminology = terminologySchema.parse(raw);
