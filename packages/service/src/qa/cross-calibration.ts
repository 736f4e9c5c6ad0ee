import { randomUUID } from 'node:crypto';
import { crossCalibrationFit, siteLabelSchema, type CrossCalibrationFit } from '@quantrad/densitometry';
import type { CrossCalibrationRecord, Role } from '@quantrad/store';
import { z } from 'zod';
import { recordAudit, recordStandaloneAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { fail, notFound, ok, type Outcome } from '../outcome.ts';
import { equipmentPolicy } from '../reference/equipment-policy.ts';
import { validate } from '../validate.ts';

// Cross-calibration between an old and a new scanner (ISCD 2019; ROS 5.2, Appendix 3). The conversion
// new = slope x old + intercept comes from an in vivo study (patients on both scanners: least squares),
// from phantom scans on both (ratio of means) or as stated by the manufacturer or the physicist's own
// calculation. Serial change then converts a prior on the old scanner before comparing.

const crossScan = z.strictObject({
  /** A study code, never the patient's name or NHS number (data minimisation). */
  patient: z.string().trim().min(1).max(40),
  scanner: z.enum(['old', 'new']),
  bmdGcm2: z.number().positive().max(3),
});

const common = {
  fromScannerId: z.string().trim().min(1),
  toScannerId: z.string().trim().min(1),
  /** One site, "spine" for every lumbar composite, or null for all sites. */
  site: z
    .union([siteLabelSchema, z.literal('spine')])
    .nullable()
    .default(null),
  performedFrom: z.iso.date(),
  performedTo: z.iso.date(),
  /** The LSC between the two scanners (e.g. from the ISCD cross-calibration tool), in g/cm². */
  lscGcm2: z.number().positive().max(0.5).nullable().default(null),
  note: z.string().trim().min(1).max(2000).nullable().default(null),
};

export const crossCalibrationSchema = z
  .discriminatedUnion('method', [
    z.strictObject({ method: z.literal('in_vivo'), ...common, scans: z.array(crossScan).min(6).max(2000) }),
    z.strictObject({ method: z.literal('phantom'), ...common, scans: z.array(crossScan).min(4).max(2000) }),
    z.strictObject({
      method: z.literal('stated'),
      ...common,
      slope: z.number().positive().min(0.5).max(2),
      interceptGcm2: z.number().min(-0.5).max(0.5),
      /** Where the conversion comes from: the manufacturer's equation, a published study. */
      source: z.string().trim().min(1).max(500),
    }),
  ])
  // A spine phantom converts spine BMD only; an in vivo study converts the site it measured. Only a stated
  // conversion (a manufacturer's equation) may hold for every site.
  .refine((c) => c.method === 'stated' || c.site !== null, {
    error: 'say which site the study measured ("spine" for the lumbar composites)',
    path: ['site'],
  })
  .refine((c) => c.method !== 'phantom' || c.site === 'spine' || /^L[1-4]/.test(c.site ?? ''), {
    error: 'a spine phantom converts spine BMD only: "spine" or a lumbar site',
    path: ['site'],
  })
  .refine((c) => c.fromScannerId !== c.toScannerId, {
    error: 'a cross-calibration joins two different scanners',
    path: ['toScannerId'],
  })
  .refine((c) => c.performedFrom <= c.performedTo, {
    error: 'must be on or after performedFrom',
    path: ['performedTo'],
  });

type CrossCalibrationInput = z.output<typeof crossCalibrationSchema>;

const READERS: readonly Role[] = ['medical_physics_expert', 'service_manager', 'administrator', 'auditor'];

interface Conversion {
  slope: number;
  interceptGcm2: number;
  fit: Record<string, unknown> | null;
  source: string;
}

function phantomConversion(input: CrossCalibrationInput & { method: 'phantom' }): Outcome<Conversion> {
  const minimum = equipmentPolicy.phantomCrossCalibrationMinimumScansEach;
  const old = input.scans.filter((s) => s.scanner === 'old').map((s) => s.bmdGcm2);
  const fresh = input.scans.filter((s) => s.scanner === 'new').map((s) => s.bmdGcm2);
  if (old.length < minimum || fresh.length < minimum)
    return fail(
      'invalid',
      `scans: a phantom cross-calibration needs at least ${String(minimum)} scans on each scanner (${String(old.length)} old, ${String(fresh.length)} new)`,
      'scans',
    );
  const meanOld = old.reduce((a, b) => a + b, 0) / old.length;
  const meanNew = fresh.reduce((a, b) => a + b, 0) / fresh.length;
  const slope = Math.round((meanNew / meanOld) * 10000) / 10000;
  return ok({
    slope,
    interceptGcm2: 0,
    fit: { meanOldGcm2: meanOld, meanNewGcm2: meanNew, scansOld: old.length, scansNew: fresh.length },
    source: `phantom ${input.performedFrom} to ${input.performedTo}: mean ${meanNew.toFixed(4)} / ${meanOld.toFixed(4)} g/cm² over ${String(old.length)} + ${String(fresh.length)} scans`,
  });
}

function inVivoConversion(input: CrossCalibrationInput & { method: 'in_vivo' }): Outcome<Conversion> {
  let fit: CrossCalibrationFit;
  try {
    fit = crossCalibrationFit(input.scans);
  } catch (e) {
    return fail('invalid', e instanceof Error ? e.message : String(e), 'scans');
  }
  // ISCD 2019: an in vivo cross-calibration is 30 patients; fewer would give a conversion nobody should trust.
  if (!fit.iscdCompliant) return fail('invalid', `scans: ${fit.notes.join('; ')}`, 'scans');
  return ok({
    slope: fit.slope,
    interceptGcm2: fit.interceptGcm2,
    fit: { ...fit },
    source: `in vivo ${input.performedFrom} to ${input.performedTo}: ${String(fit.patients)} patients, r ${fit.correlation.toFixed(3)}, SEE ${fit.seeGcm2.toFixed(4)} g/cm² (ISCD 2019)`,
  });
}

/** A physicist records a cross-calibration; the newest for a pair of scanners and site is the one used. */
export async function recordCrossCalibration(
  ctx: ServiceContext,
  input: unknown,
): Promise<Outcome<CrossCalibrationRecord>> {
  const parsed = validate(crossCalibrationSchema, input);
  if (!parsed.ok) return parsed;
  const c = parsed.value;
  const allowed = await authorise(ctx, ['medical_physics_expert'], c.toScannerId, {
    entityType: 'cross_calibration',
    entityId: null,
    patientId: null,
    what: 'recording a cross-calibration',
    action: 'create',
  });
  if (!allowed.ok) return allowed;
  for (const field of ['fromScannerId', 'toScannerId'] as const) {
    const scanner = await ctx.store.scanners.byId(c[field]);
    if (!scanner) return fail('invalid', `${field}: no scanner ${c[field]}`, field);
    // BMD in g/cm² converts between DXA scanners; QCT's volumetric mg/cm³ is a different measurement.
    if (scanner.modality !== 'dxa')
      return fail('invalid', `${field}: ${scanner.id} is not a DXA scanner`, field);
  }
  const conversion: Outcome<Conversion> =
    c.method === 'stated'
      ? ok({ slope: c.slope, interceptGcm2: c.interceptGcm2, fit: null, source: c.source })
      : c.method === 'phantom'
        ? phantomConversion(c)
        : inVivoConversion(c);
  if (!conversion.ok) return conversion;
  const record: CrossCalibrationRecord = {
    id: randomUUID(),
    fromScannerId: c.fromScannerId,
    toScannerId: c.toScannerId,
    site: c.site,
    method: c.method,
    performedFrom: c.performedFrom,
    performedTo: c.performedTo,
    slope: conversion.value.slope,
    interceptGcm2: conversion.value.interceptGcm2,
    lscGcm2: c.lscGcm2,
    fit: conversion.value.fit,
    scans: c.method === 'stated' ? null : c.scans,
    source: c.note === null ? conversion.value.source : `${conversion.value.source}; ${c.note}`,
    recordedBy: allowed.value.actor.userId,
    recordedAt: ctx.now().toISOString(),
  };
  await ctx.store.transaction(async (tx) => {
    await tx.crossCalibrations.insert(record);
    await recordAudit(tx, ctx, {
      action: 'create',
      entityType: 'cross_calibration',
      entityId: record.id,
      patientId: null,
      detail: {
        fromScannerId: record.fromScannerId,
        toScannerId: record.toScannerId,
        site: record.site,
        slope: record.slope,
        interceptGcm2: record.interceptGcm2,
      },
    });
  });
  return ok(record);
}

/** Every cross-calibration to or from a scanner, newest first. */
export async function listCrossCalibrations(
  ctx: ServiceContext,
  scannerId: string,
): Promise<Outcome<CrossCalibrationRecord[]>> {
  const scanner = await ctx.store.scanners.byId(scannerId);
  if (!scanner) return notFound('scanner', scannerId);
  const allowed = await authorise(ctx, READERS, '*', {
    entityType: 'cross_calibration',
    entityId: scanner.id,
    patientId: null,
    what: 'reading cross-calibrations',
    action: 'read',
  });
  if (!allowed.ok) return allowed;
  const records = await ctx.store.crossCalibrations.forScanner(scanner.id);
  await recordStandaloneAudit(ctx, {
    action: 'read',
    entityType: 'cross_calibration',
    entityId: scanner.id,
    patientId: null,
  });
  return ok(records);
}
