import type { z } from 'zod';

/** Bad input: the CLI prints its one line and exits with status 2 (issue 2 §3). */
export class InputError extends Error {
  override readonly name = 'InputError';
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text === '' ? String(key) : `${text}.${String(key)}`;
  }, '');
}

/** The first problem zod found, as "field.path: what is wrong". */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid input';
  if (issue.code === 'unrecognized_keys') {
    const where = formatPath(issue.path);
    return `${where === '' ? '' : `${where}: `}unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  const where = formatPath(issue.path);
  return where === '' ? issue.message : `${where}: ${issue.message}`;
}
