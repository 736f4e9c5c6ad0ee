import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { describeZodError, InputError } from './input-error.ts';

export async function readTextFile(path: string): Promise<string> {
  try {
    // Some Windows exports start with a byte-order mark, which is not part of the JSON or CSV.
    return (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${path}: file not found`);
    if (code === 'EISDIR') throw new InputError(`${path}: is a directory, not a file`);
    throw new InputError(`${path}: cannot be read (${code ?? 'unknown error'})`);
  }
}

/** Read a JSON file and validate it; every failure is an InputError naming the file and the field. */
export async function readJsonFile<T>(path: string, schema: z.ZodType<T>): Promise<T> {
  const text = await readTextFile(path);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InputError(`${path}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}
