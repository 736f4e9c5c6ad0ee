import { z } from 'zod';

const answer = z.enum(['yes', 'no', 'unsure']);
const detail = z.string().trim().max(500).optional();

/** The ROS Appendix 2 questionnaire: every question optional, each answer yes, no or unsure. */
export const questionnaireSchema = z.strictObject({
  previousDxa: z.strictObject({ answer, detail }).optional(),
  spineOrHipSurgery: z.strictObject({ answer, detail }).optional(),
  recentImagingOrNuclearMedicine: z.strictObject({ answer, detail }).optional(),
  alcoholDaily: z.strictObject({ answer, unitsPerDay: z.number().min(0).max(100).optional() }).optional(),
  parentHipFracture: z.strictObject({ answer }).optional(),
  steroidTablets: z.strictObject({ answer, detail }).optional(),
  longTermCondition: z.strictObject({ answer, detail }).optional(),
  rheumatoidArthritis: z.strictObject({ answer }).optional(),
  currentSmoker: z.strictObject({ answer }).optional(),
  boneMedicines: z.strictObject({ answer, detail }).optional(),
  hysterectomy: z.strictObject({ answer, ovariesRemoved: z.boolean().optional() }).optional(),
  menopause: z.strictObject({ answer }).optional(),
  hrt: z.strictObject({ answer }).optional(),
});

export type QuestionnaireAnswers = z.infer<typeof questionnaireSchema>;
