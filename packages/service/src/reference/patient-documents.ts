import { questionnaireSchema } from '@quantrad/store';
import { z } from 'zod';
import questionnaireJson from '../../data/bone-health-questionnaire.json' with { type: 'json' };
import leafletJson from '../../data/patient-leaflet.json' with { type: 'json' };

/** The patient information leaflet sent with the appointment letter (ROS 4.4, 8.1; Appendix 4B). */
export const patientLeaflet = z
  .strictObject({
    source: z.string(),
    title: z.string(),
    introduction: z.string(),
    sections: z
      .array(
        z.strictObject({
          heading: z.string(),
          paragraphs: z.array(z.string()).optional(),
          items: z.array(z.string()).optional(),
        }),
      )
      .min(1),
    contactHeading: z.string(),
    noTelephone: z.string(),
  })
  .parse(leafletJson);

const VISIT_KEYS = Object.keys(questionnaireSchema.shape);

/**
 * The bone health questionnaire (ROS Appendix 2): one list for the scan visit checklist and the printed
 * questionnaire, keyed as the visit records the answers, every one of them once.
 */
export const boneHealthQuestionnaire = z
  .strictObject({
    source: z.string(),
    title: z.string(),
    instructions: z.string(),
    questions: z.array(
      z.strictObject({
        key: z.string(),
        question: z.string(),
        toPatient: z.string(),
        takesDetail: z.boolean(),
        writeIn: z.boolean(),
      }),
    ),
  })
  .refine(
    (q) =>
      q.questions.length === VISIT_KEYS.length &&
      VISIT_KEYS.every((k) => q.questions.filter((x) => x.key === k).length === 1),
    { message: 'the questionnaire must ask each of the visit’s questions once' },
  )
  .parse(questionnaireJson);
