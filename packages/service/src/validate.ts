import type { z } from 'zod';
import { fail, ok, type Outcome } from './outcome.ts';

/** Parses input at a use case's boundary; the first problem names its field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): Outcome<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  return fail('invalid', `${field === '' ? 'input' : field}: ${issue?.message ?? 'invalid'}`, field);
}
