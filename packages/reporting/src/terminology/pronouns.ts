import { z } from 'zod';

/** The words a report uses for the patient (ROS 4.6: the patient's pronouns of choice). */
export interface Pronouns {
  subject: string;
  object: string;
  possessive: string;
}

const PRESETS: Record<string, Pronouns> = {
  'she/her': { subject: 'she', object: 'her', possessive: 'her' },
  'he/him': { subject: 'he', object: 'him', possessive: 'his' },
  'they/them': { subject: 'they', object: 'them', possessive: 'their' },
};

export const pronounsSchema = z.union([
  z.enum(['she/her', 'he/him', 'they/them']),
  z.strictObject({ subject: z.string().min(1), object: z.string().min(1), possessive: z.string().min(1) }),
]);

/**
 * The pronouns to write with: the recorded ones, otherwise they/them, which never misgenders a
 * patient whose pronouns were not asked.
 */
export function resolvePronouns(recorded: z.infer<typeof pronounsSchema> | undefined): Pronouns {
  if (recorded === undefined) return PRESETS['they/them'] as Pronouns;
  return typeof recorded === 'string' ? (PRESETS[recorded] as Pronouns) : recorded;
}

/** "They are" / "she is": the verb agrees with the pronoun. */
export function be(p: Pronouns): string {
  return p.subject.toLowerCase() === 'they' ? 'are' : 'is';
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
