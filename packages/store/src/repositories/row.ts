import { z } from 'zod';
import type { Row } from '../sql-executor.ts';

/** Parses database rows with a schema, so a column that drifts from the code fails loudly, by name. */
export function parseRows<T>(schema: z.ZodType<T>, rows: Row[], table: string): T[] {
  return rows.map((row) => {
    const parsed = schema.safeParse(row);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `${table} row does not match the code: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`,
      );
    }
    return parsed.data;
  });
}

export function parseRow<T>(schema: z.ZodType<T>, rows: Row[], table: string): T | null {
  return parseRows(schema, rows.slice(0, 1), table)[0] ?? null;
}

export const nullableText = z.string().nullable();
