import { randomUUID } from 'node:crypto';
import {
  operatorPrecisionAcceptable,
  precisionStudy,
  siteLabelSchema,
  type PrecisionResult,
} from '@quantrad/densitometry';
import type { PrecisionStudyRecord, Role, ScannerLscRecord } from '@quantrad/store';
import { z } from 'zod';
import { recordAudit, recordStandaloneAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { fail, notFound, ok, type Outcome } from '../outcome.ts';
import { validate } from '../validate.ts';

export const precisionStudySchema = z
  .strictObject({
    /** The operator who did every scan, for per-operator precision; omitted for the service's study. */
    operatorUserId: z.uuid().nullable().default(null),
    performedFrom: z.iso.date(),
    performedTo: z.iso.date(),
    /** Whether ISCD-compliant results replace the scanner's LSC for their sites. */
    applyToLsc: z.boolean().default(true),
    scans: z
      .array(
        z.strictObject({
          /** A study code, never the patient's name or NHS number (data minimisation). */
          patient: z.string().trim().min(1).max(40),
          scan: z.string().trim().min(1).max(20),
          site: siteLabelSchema,
          side: z.enum(['left', 'right']).nullable().default(null),
          bmdGcm2: z.number().positive().max(3),
        }),
      )
      .min(2)
      .max(2000),
  })
  .refine((s) => s.performedFrom <= s.performedTo, {
    error: 'must be on or after performedFrom',
    path: ['performedTo'],
  });

export interface PrecisionStudyOutcome {
  id: string;
  results: PrecisionResult[];
  /** The LSCs set from the study; a result that is not ISCD compliant sets none. */
  lscSet: ScannerLscRecord[];
  /** For one operator's study: each site against the ISCD minimum for an individual technologist. */
  operatorPrecision: OperatorPrecision[];
}

export interface OperatorPrecision {
  site: string;
  side: 'left' | 'right' | null;
  cvPercent: number;
  minimumCvPercent: number;
  acceptable: boolean;
  /** Said when the operator is worse than the minimum. */
  action: string | null;
}

function operatorPrecisionOf(results: readonly PrecisionResult[]): OperatorPrecision[] {
  return results.flatMap((r) => {
    // A study too small for ISCD (under 30 degrees of freedom) can neither clear nor fault an operator.
    if (!r.iscdCompliant) return [];
    const check = operatorPrecisionAcceptable(r.site, r.cvPercent);
    if (check === null) return [];
    return [
      {
        site: r.site,
        side: r.side,
        cvPercent: r.cvPercent,
        minimumCvPercent: check.minimumCvPercent,
        acceptable: check.acceptable,
        // ISCD 2019: retraining when an operator's precision is worse than the minimum acceptable.
        action: check.acceptable
          ? null
          : `precision ${r.cvPercent.toFixed(2)}% is worse than the ISCD minimum ${check.minimumCvPercent.toFixed(1)}% for ${r.site}: retraining required`,
      },
    ];
  });
}

const READERS: readonly Role[] = ['medical_physics_expert', 'service_manager', 'administrator', 'auditor'];

/**
 * A physicist records a precision study (ISCD 2019): RMS-SD, %CV and LSC per site from the engine. Where
 * a site's study is compliant (at least 30 degrees of freedom) and applyToLsc is set, its LSC becomes the
 * scanner's for that site, which every later serial comparison uses.
 */
export async function recordPrecisionStudy(
  ctx: ServiceContext,
  scannerId: string,
  input: unknown,
): Promise<Outcome<PrecisionStudyOutcome>> {
  const parsed = validate(precisionStudySchema, input);
  if (!parsed.ok) return parsed;
  const study = parsed.value;
  const scanner = await ctx.store.scanners.byId(scannerId);
  if (!scanner) return notFound('scanner', scannerId);
  const allowed = await authorise(ctx, ['medical_physics_expert'], scanner.id, {
    entityType: 'precision_study',
    entityId: scanner.id,
    patientId: null,
    what: 'recording a precision study',
    action: 'create',
  });
  if (!allowed.ok) return allowed;
  if (study.operatorUserId !== null && !(await ctx.store.users.byId(study.operatorUserId)))
    return fail('invalid', `operatorUserId: no user ${study.operatorUserId}`, 'operatorUserId');
  const results = precisionStudy(
    study.scans.map((s) => ({
      patient: s.patient,
      scan: s.scan,
      site: s.site,
      bmdGcm2: s.bmdGcm2,
      scannerId: scanner.id,
      ...(s.side !== null ? { side: s.side } : {}),
    })),
  );
  const measured = results.filter((r) => r.degreesOfFreedom > 0);
  if (measured.length === 0)
    return fail('invalid', 'scans: no patient has two or more scans of the same site', 'scans');
  const actorId = allowed.value.actor.userId;
  const now = ctx.now().toISOString();
  const id = randomUUID();
  const lscSet: ScannerLscRecord[] = study.applyToLsc
    ? measured
        .filter((r) => r.iscdCompliant)
        .map((r) => ({
          scannerId: scanner.id,
          site: r.site,
          side: r.side,
          lscGcm2: r.lscGcm2,
          source: `precision study ${study.performedFrom} to ${study.performedTo}: ${String(r.patients)} patients, ${String(r.scans)} scans, ${String(r.degreesOfFreedom)} degrees of freedom, RMS-SD ${r.rmsSdGcm2.toFixed(4)} g/cm² (ISCD 2019)`,
          recordedBy: actorId,
          recordedAt: now,
        }))
    : [];
  const record: PrecisionStudyRecord = {
    id,
    scannerId: scanner.id,
    operatorId: study.operatorUserId,
    performedFrom: study.performedFrom,
    performedTo: study.performedTo,
    recordedBy: actorId,
    recordedAt: now,
    scans: study.scans,
    results: JSON.parse(JSON.stringify(measured)) as Record<string, unknown>[],
    appliedToLsc: lscSet.length > 0,
  };
  await ctx.store.transaction(async (tx) => {
    await tx.precisionStudies.insert(record);
    for (const lsc of lscSet) await tx.results.setLsc(lsc);
    await recordAudit(tx, ctx, {
      action: 'create',
      entityType: 'precision_study',
      entityId: id,
      patientId: null,
      detail: {
        scannerId: scanner.id,
        lscSet: lscSet.map((l) => ({ site: l.site, side: l.side, lscGcm2: l.lscGcm2 })),
      },
    });
  });
  const operatorPrecision = study.operatorUserId === null ? [] : operatorPrecisionOf(measured);
  return ok({ id, results: measured, lscSet, operatorPrecision });
}

/** A study as listed: for one operator's study, each site against the ISCD minimum for a technologist. */
export type ListedPrecisionStudy = PrecisionStudyRecord & { operatorPrecision: OperatorPrecision[] };

/** A scanner's precision studies, newest first. */
export async function listPrecisionStudies(
  ctx: ServiceContext,
  scannerId: string,
): Promise<Outcome<ListedPrecisionStudy[]>> {
  const scanner = await ctx.store.scanners.byId(scannerId);
  if (!scanner) return notFound('scanner', scannerId);
  const allowed = await authorise(ctx, READERS, '*', {
    entityType: 'precision_study',
    entityId: scanner.id,
    patientId: null,
    what: 'reading precision studies',
    action: 'read',
  });
  if (!allowed.ok) return allowed;
  const studies = await ctx.store.precisionStudies.forScanner(scanner.id);
  await recordStandaloneAudit(ctx, {
    action: 'read',
    entityType: 'precision_study',
    entityId: scanner.id,
    patientId: null,
  });
  return ok(
    studies.map((s) => ({
      ...s,
      // Stored as the engine gave them (recordPrecisionStudy), so they read back as its results.
      operatorPrecision:
        s.operatorId === null ? [] : operatorPrecisionOf(s.results as unknown as PrecisionResult[]),
    })),
  );
}
