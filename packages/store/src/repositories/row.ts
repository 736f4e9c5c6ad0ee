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

// Schemas for small result rows, built once: zod compiles a schema on first use, so one made inside a
// function is compiled again on every call.
export const countRow = z.object({ n: z.number() });
export const totalCountRow = z.object({ total_count: z.number() }).optional();
