import { REPORT_WORKLIST_STAGES, type ReportWorklistRow, type Role } from '@quantrad/store';
import { z } from 'zod';
import { recordStandaloneAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { ok, type Outcome } from '../outcome.ts';
import type { Page } from '../referrals/read-referrals.ts';
import { validate } from '../validate.ts';

/** Who works the reporting worklist: the reporter drafts and signs; the office issues (ROS 4.6). */
const WORKLIST_READERS: readonly Role[] = ['reporter', 'administrator', 'service_manager'];

export const reportWorklistSchema = z.strictObject({
  stage: z.enum(REPORT_WORKLIST_STAGES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/**
 * The reporting worklist, oldest visit first: scanned visits with results and no report yet, drafts
 * awaiting signature, signed or amended reports whose latest version is not yet issued. Audited.
 */
export async function listReportWorklist(
  ctx: ServiceContext,
  input: unknown,
): Promise<Outcome<Page<ReportWorklistRow>>> {
  const parsed = validate(reportWorklistSchema, input);
  if (!parsed.ok) return parsed;
  const q = parsed.value;
  const allowed = await authorise(ctx, WORKLIST_READERS, 'dxa', {
    entityType: 'report',
    entityId: null,
    patientId: null,
    what: 'reading the reporting worklist',
    action: 'read',
  });
  if (!allowed.ok) return allowed;
  const page = await ctx.store.reports.worklist({
    limit: q.limit,
    offset: q.offset,
    ...(q.stage ? { stage: q.stage } : {}),
  });
  await recordStandaloneAudit(ctx, {
    action: 'read',
    entityType: 'report',
    entityId: null,
    patientId: null,
    detail: {
      list: { stage: q.stage ?? null, offset: q.offset },
      visits: page.items.map((i) => i.visitId),
    },
  });
  return ok({ items: page.items, total: page.total, limit: q.limit, offset: q.offset });
}
