import { randomUUID } from 'node:crypto';
import {
  phantomBaseline,
  phantomControlChart,
  type PhantomBaseline,
  type PhantomPoint,
} from '@quantrad/densitometry';
import type {
  DailyQcRecord,
  PhantomBaselineRecord,
  PhantomScanRecord,
  QaAlertRecord,
  Role,
} from '@quantrad/store';
import { z } from 'zod';
import { recordAudit, recordStandaloneAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { fail, notFound, ok, type Outcome } from '../outcome.ts';
import { isoDate } from '../time.ts';
import { validate } from '../validate.ts';

export const phantomBaselineSchema = z.strictObject({
  /** L1-L4 BMD of each baseline scan of the spine phantom, without repositioning (ROS Appendix 3). */
  scansGcm2: z.array(z.number().positive().max(5)).min(1).max(100),
  reason: z.string().trim().min(1, { error: 'say why: installation, a repair, a software upgrade' }).max(500),
});

export const closeAlertSchema = z.strictObject({
  /** What was found and done: the cause, the repair, a new baseline. */
  note: z.string().trim().min(1, { error: 'say what was found and done' }).max(2000),
});

export const phantomScanSchema = z.strictObject({
  bmdGcm2: z.number().positive().max(5),
});

const CHART_READERS: readonly Role[] = [
  'medical_physics_expert',
  'operator',
  'service_manager',
  'administrator',
  'auditor',
];

function baselineOf(record: PhantomBaselineRecord): PhantomBaseline {
  const tolerance = record.tolerancePercent / 100;
  return {
    scans: record.scansGcm2.length,
    meanGcm2: record.meanGcm2,
    sdGcm2: record.sdGcm2,
    cvPercent: (100 * record.sdGcm2) / record.meanGcm2,
    tolerancePercent: record.tolerancePercent,
    lowerLimitGcm2: record.meanGcm2 * (1 - tolerance),
    upperLimitGcm2: record.meanGcm2 * (1 + tolerance),
  };
}

/** A medical physics expert sets a scanner's phantom baseline; it supersedes any earlier one. */
export async function setPhantomBaseline(
  ctx: ServiceContext,
  scannerId: string,
  input: unknown,
): Promise<Outcome<PhantomBaseline & { id: string }>> {
  const parsed = validate(phantomBaselineSchema, input);
  if (!parsed.ok) return parsed;
  const scanner = await ctx.store.scanners.byId(scannerId);
  if (!scanner) return notFound('scanner', scannerId);
  const allowed = await authorise(ctx, ['medical_physics_expert'], scanner.id, {
    entityType: 'phantom_baseline',
    entityId: scanner.id,
    patientId: null,
    what: 'setting a phantom baseline',
    action: 'create',
  });
  if (!allowed.ok) return allowed;
  if (scanner.modality !== 'dxa')
    return fail('invalid', `scannerId: ${scanner.id} is not a DXA scanner`, 'scannerId');
  let baseline: PhantomBaseline;
  try {
    baseline = phantomBaseline(parsed.value.scansGcm2);
  } catch (error) {
    return fail(
      'invalid',
      `scansGcm2: ${error instanceof Error ? error.message : String(error)}`,
      'scansGcm2',
    );
  }
  const record: PhantomBaselineRecord = {
    id: randomUUID(),
    scannerId: scanner.id,
    establishedAt: ctx.now().toISOString(),
    establishedBy: allowed.value.actor.userId,
    scansGcm2: parsed.value.scansGcm2,
    meanGcm2: baseline.meanGcm2,
    sdGcm2: baseline.sdGcm2,
    tolerancePercent: baseline.tolerancePercent,
    reason: parsed.value.reason,
  };
  await ctx.store.transaction(async (tx) => {
    await tx.qa.insertBaseline(record);
    await recordAudit(tx, ctx, {
      action: 'create',
      entityType: 'phantom_baseline',
      entityId: record.id,
      patientId: null,
      detail: { scannerId: scanner.id, meanGcm2: record.meanGcm2, scans: baseline.scans },
    });
  });
  return ok({ ...baseline, id: record.id });
}

export interface PhantomScanResult {
  point: PhantomPoint;
  dailyQc: DailyQcRecord;
  alert: QaAlertRecord | null;
}

/**
 * The day's phantom scan, put on the control chart. In control, it is that day's passed QC; out of
 * control (any Shewhart or CUSUM signal), it raises an alert and fails the day's QC, so no patient scan
 * can be recorded on the scanner until QC passes again (ROS 5.1).
 */
export async function recordPhantomScan(
  ctx: ServiceContext,
  scannerId: string,
  input: unknown,
): Promise<Outcome<PhantomScanResult>> {
  const parsed = validate(phantomScanSchema, input);
  if (!parsed.ok) return parsed;
  const scanner = await ctx.store.scanners.byId(scannerId);
  if (!scanner) return notFound('scanner', scannerId);
  const allowed = await authorise(ctx, ['operator', 'medical_physics_expert'], scanner.id, {
    entityType: 'phantom_scan',
    entityId: scanner.id,
    patientId: null,
    what: 'recording a phantom scan',
    action: 'create',
  });
  if (!allowed.ok) return allowed;
  const actorId = allowed.value.actor.userId;
  const now = ctx.now();
  return ctx.store.transaction(async (tx): Promise<Outcome<PhantomScanResult>> => {
    const baselineRecord = await tx.qa.currentBaseline(scanner.id);
    if (!baselineRecord)
      return fail(
        'conflict',
        `${scanner.id} has no phantom baseline: a medical physics expert sets one from at least 10 scans (ROS Appendix 3)`,
      );
    const earlier = await tx.qa.phantomScans(baselineRecord.id);
    const chart = phantomControlChart(baselineOf(baselineRecord), [
      ...earlier.map((s) => s.bmdGcm2),
      parsed.value.bmdGcm2,
    ]);
    const point = chart.at(-1);
    if (!point) throw new Error('phantom chart has no point for the scan just made');
    // An out-of-control alert stays a QC failure until a physicist closes it, even if a repeat scan is in.
    const alertsOpen = (await tx.qa.openAlerts(scanner.id)).length;
    const passed = point.inControl && alertsOpen === 0;
    const dailyQc: DailyQcRecord = {
      id: randomUUID(),
      scannerId: scanner.id,
      qcDate: isoDate(now),
      performedAt: now.toISOString(),
      performedBy: actorId,
      passed,
      measurements: {
        phantomBmdGcm2: point.bmdGcm2,
        percentFromMean: Number(point.percentFromMean.toFixed(3)),
        sdFromMean: Number(point.sdFromMean.toFixed(3)),
      },
      note: !point.inControl
        ? `phantom out of control: ${point.signals.map((s) => s.text).join('; ')}`
        : passed
          ? null
          : `phantom in control, but ${String(alertsOpen)} out-of-control alert(s) on ${scanner.id} await a physicist (ROS 5.1)`,
    };
    await tx.scanners.insertQc(dailyQc);
    const scan: PhantomScanRecord = {
      id: randomUUID(),
      scannerId: scanner.id,
      baselineId: baselineRecord.id,
      scannedAt: now.toISOString(),
      performedBy: actorId,
      bmdGcm2: point.bmdGcm2,
      signals: point.signals,
      inControl: point.inControl,
      dailyQcId: dailyQc.id,
    };
    await tx.qa.insertPhantomScan(scan);
    let alert: QaAlertRecord | null = null;
    if (!point.inControl) {
      alert = {
        id: randomUUID(),
        scannerId: scanner.id,
        raisedAt: now.toISOString(),
        kind: 'phantom_out_of_control',
        detail: { phantomScanId: scan.id, signals: point.signals },
        closedAt: null,
        closedBy: null,
        closingNote: null,
      };
      await tx.qa.insertAlert(alert);
    }
    await recordAudit(tx, ctx, {
      action: 'create',
      entityType: 'phantom_scan',
      entityId: scan.id,
      patientId: null,
      detail: {
        scannerId: scanner.id,
        inControl: point.inControl,
        signals: point.signals.map((s) => s.code),
      },
    });
    return ok({ point, dailyQc, alert });
  });
}

/** A medical physics expert closes a QA alert, saying what was found and done. */
export async function closeQaAlert(
  ctx: ServiceContext,
  alertId: string,
  input: unknown,
): Promise<Outcome<QaAlertRecord>> {
  const parsed = validate(closeAlertSchema, input);
  if (!parsed.ok) return parsed;
  const alert = await ctx.store.qa.alertById(alertId);
  if (!alert) return notFound('QA alert', alertId);
  const allowed = await authorise(ctx, ['medical_physics_expert'], alert.scannerId, {
    entityType: 'qa_alert',
    entityId: alert.id,
    patientId: null,
    what: 'closing a QA alert',
    action: 'update',
  });
  if (!allowed.ok) return allowed;
  const at = ctx.now().toISOString();
  const by = allowed.value.actor.userId;
  return ctx.store.transaction(async (tx): Promise<Outcome<QaAlertRecord>> => {
    if (!(await tx.qa.closeAlert(alert.id, by, at, parsed.value.note)))
      return fail('conflict', 'this alert is already closed');
    await recordAudit(tx, ctx, {
      action: 'update',
      entityType: 'qa_alert',
      entityId: alert.id,
      patientId: null,
      detail: { scannerId: alert.scannerId, closed: true },
    });
    return ok({ ...alert, closedAt: at, closedBy: by, closingNote: parsed.value.note });
  });
}

export interface PhantomChart {
  scannerId: string;
  baseline: (PhantomBaseline & { id: string; establishedAt: string; reason: string }) | null;
  points: (PhantomPoint & { scannedAt: string })[];
  openAlerts: QaAlertRecord[];
}

/** The control chart against the current baseline, with open alerts: what the QA screen draws. */
export async function phantomChart(ctx: ServiceContext, scannerId: string): Promise<Outcome<PhantomChart>> {
  const scanner = await ctx.store.scanners.byId(scannerId);
  if (!scanner) return notFound('scanner', scannerId);
  const allowed = await authorise(ctx, CHART_READERS, '*', {
    entityType: 'phantom_scan',
    entityId: scanner.id,
    patientId: null,
    what: 'reading the phantom control chart',
    action: 'read',
  });
  if (!allowed.ok) return allowed;
  const record = await ctx.store.qa.currentBaseline(scanner.id);
  const openAlerts = await ctx.store.qa.openAlerts(scanner.id);
  await recordStandaloneAudit(ctx, {
    action: 'read',
    entityType: 'phantom_scan',
    entityId: scanner.id,
    patientId: null,
  });
  if (!record) return ok({ scannerId: scanner.id, baseline: null, points: [], openAlerts });
  const baseline = baselineOf(record);
  const scans = await ctx.store.qa.phantomScans(record.id);
  const chart = phantomControlChart(
    baseline,
    scans.map((s) => s.bmdGcm2),
  );
  return ok({
    scannerId: scanner.id,
    baseline: { ...baseline, id: record.id, establishedAt: record.establishedAt, reason: record.reason },
    points: chart.map((p, i) => ({ ...p, scannedAt: scans[i]?.scannedAt ?? '' })),
    openAlerts,
  });
}
