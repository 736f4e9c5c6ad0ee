import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ServiceContext } from '../context.ts';
import { fail, type Outcome } from '../outcome.ts';
import { vendorResultCsv } from '../reference/vendor-result-csv.ts';
import { validate } from '../validate.ts';
import { enterDxaResults, type DxaResult, type EnterResultsOptions } from './enter-dxa-results.ts';
import { addMinutes } from '../time.ts';
import { sitesFromVendorCsv } from './vendor-csv-sites.ts';

export const importResultsCsvSchema = z.strictObject({
  visitId: z.uuid(),
  vendor: z.string().refine((v) => v in vendorResultCsv.formats, {
    error: `must be one of ${Object.keys(vendorResultCsv.formats).join(', ')}`,
  }),
  csv: z.string().min(1).max(200_000),
  menopause: z.enum(['pre', 'peri', 'post']).optional(),
});

// How long an idempotent import's answer is kept for retries, and how long an unfinished first attempt
// holds its key before a retry with the same key may run (an import takes well under a second).
const ANSWER_KEPT_MINUTES = 24 * 60;
const UNFINISHED_CLAIM_ABANDONED_MINUTES = 10;

/**
 * Imports a visit's results from the scanner's CSV export. With an idempotency key, a retried import
 * (same key, same body) returns the first answer and changes nothing; the same key with a different body
 * is refused.
 */
export async function importDxaResultsCsv(
  ctx: ServiceContext,
  input: unknown,
  idempotencyKey: string | null,
): Promise<Outcome<DxaResult>> {
  const parsed = validate(importResultsCsvSchema, input);
  if (!parsed.ok) return parsed;
  const r = parsed.value;
  const format = vendorResultCsv.formats[r.vendor];
  if (!format) return fail('invalid', 'vendor: unknown', 'vendor');
  const run = async (options: EnterResultsOptions = {}): Promise<Outcome<DxaResult>> => {
    const sites = sitesFromVendorCsv(r.csv, format);
    if (!sites.ok) return sites;
    return enterDxaResults(
      ctx,
      {
        visitId: r.visitId,
        sites: sites.value,
        source: `csv:${r.vendor}`,
        ...(r.menopause !== undefined ? { menopause: r.menopause } : {}),
      },
      options,
    );
  };
  if (idempotencyKey === null) return run();
  if (!ctx.actor) return fail('unauthenticated', 'sign in to continue');
  const actorId = ctx.actor.userId;
  const key = idempotencyKey;
  const hash = createHash('sha256').update(JSON.stringify(r)).digest('hex');
  const now = ctx.now();
  await ctx.store.idempotency.forgetBefore(actorId, addMinutes(now, -ANSWER_KEPT_MINUTES).toISOString());
  const claimedAt = now.toISOString();
  const claimed = await ctx.store.idempotency.claim(
    actorId,
    key,
    hash,
    claimedAt,
    addMinutes(now, -UNFINISHED_CLAIM_ABANDONED_MINUTES).toISOString(),
  );
  if (!claimed) {
    const seen = await ctx.store.idempotency.get(actorId, key);
    if (seen?.requestHash !== hash)
      return fail('conflict', 'Idempotency-Key: was used for a different request', 'Idempotency-Key');
    if (seen.response === null)
      return fail(
        'conflict',
        `Idempotency-Key: the first request with this key (at ${seen.createdAt}) has not finished; send it again with the same key in a moment (after ${String(UNFINISHED_CLAIM_ABANDONED_MINUTES)} minutes an unfinished request is treated as stopped)`,
        'Idempotency-Key',
      );
    // Stored by this function, below, from an Outcome<DxaResult>: the first answer, returned again.
    return seen.response as Outcome<DxaResult>;
  }
  // The answer is stored in the transaction that stores the results, so a crash leaves either both or
  // neither: never results without an answer (which a retry would import twice).
  const outcome = await run({
    inSameTransaction: (tx, answer) => tx.idempotency.complete(actorId, key, answer, claimedAt),
  });
  // Refusals before the transaction (an unreadable file, a visit not scanned) are answers too.
  const stored = await ctx.store.idempotency.get(actorId, key);
  // A retry that took the key over meanwhile answers for it; this refusal changed nothing.
  if (stored?.response === null)
    await ctx.store.idempotency.complete(actorId, key, outcome, claimedAt).catch(() => undefined);
  return outcome;
}
