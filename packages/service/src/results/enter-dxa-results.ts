import { randomUUID } from 'node:crypto';
import { assessExam, examInputSchema, type DxaAssessment, type ExamInput } from '@quantrad/densitometry';
import type { DxaResultRecord, Repositories, ScanVisitRecord, ScannerLscRecord } from '@quantrad/store';
import type { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { fail, notFound, ok, type Outcome } from '../outcome.ts';
import { recommendFromFlags } from '../investigations/further-investigations.ts';
import { validate } from '../validate.ts';
import { dxaResultsSchema, scannerLscSchema } from './results-input.ts';

export interface DxaResult extends Omit<DxaResultRecord, 'assessment'> {
  assessment: DxaAssessment;
}

/** A medical physics expert records a scanner site's least significant change from a precision study. */
export async function setScannerLsc(ctx: ServiceContext, input: unknown): Promise<Outcome<ScannerLscRecord>> {
  const parsed = validate(scannerLscSchema, input);
  if (!parsed.ok) return parsed;
  const l = parsed.value;
  const allowed = await authorise(ctx, ['medical_physics_expert'], l.scannerId, {
    entityType: 'scanner_lsc',
    entityId: l.scannerId,
    patientId: null,
    what: 'recording a scanner LSC',
  });
  if (!allowed.ok) return allowed;
  if (!(await ctx.store.scanners.byId(l.scannerId)))
    return fail('invalid', `scannerId: no scanner ${l.scannerId}`, 'scannerId');
  const record: ScannerLscRecord = {
    ...l,
    recordedBy: allowed.value.actor.userId,
    recordedAt: ctx.now().toISOString(),
  };
  await ctx.store.transaction(async (tx) => {
    await tx.results.setLsc(record);
    await recordAudit(tx, ctx, {
      action: 'update',
      entityType: 'scanner_lsc',
      entityId: l.scannerId,
      patientId: null,
      detail: { ...l },
    });
  });
  return ok(record);
}

/** The engine's input for this visit: the patient, the measured height and weight, priors and LSCs. */
async function examInputFor(
  tx: Repositories,
  visit: ScanVisitRecord,
  r: z.output<typeof dxaResultsSchema>,
): Promise<Outcome<unknown>> {
  const patient = await tx.patients.byId(visit.patientId);
  const scanner = await tx.scanners.byId(visit.scannerId);
  if (!patient || !scanner) return notFound('patient or scanner', visit.patientId);
  const examDate = visit.recordedAt.slice(0, 10);
  // Priors: the latest results of each earlier visit, so serial change uses what was reported then.
  const priors = (await tx.results.latestForPatient(patient.id))
    .filter((p) => p.examDate < examDate)
    .map((p) => {
      const input = p.examInput as {
        exam?: { sites?: unknown; excludedVertebrae?: unknown };
        patient?: { weightKg?: unknown };
      };
      return {
        date: p.examDate,
        scannerId: p.scannerId,
        ...(typeof input.patient?.weightKg === 'number' ? { weightKg: input.patient.weightKg } : {}),
        sites: input.exam?.sites ?? [],
        ...(input.exam?.excludedVertebrae !== undefined
          ? { excludedVertebrae: input.exam.excludedVertebrae }
          : {}),
      };
    });
  const lsc = (await tx.results.lscAll()).map((l) => ({
    scannerId: l.scannerId,
    site: l.site,
    ...(l.side !== null ? { side: l.side } : {}),
    lscGcm2: l.lscGcm2,
  }));
  // ISCD 2019: a prior on a replaced scanner is compared through the newest cross-calibration into this one.
  const crossCalibrations = (await tx.crossCalibrations.currentInto(scanner.id)).map((c) => ({
    fromScannerId: c.fromScannerId,
    toScannerId: c.toScannerId,
    ...(c.site !== null ? { site: c.site } : {}),
    slope: c.slope,
    interceptGcm2: c.interceptGcm2,
    ...(c.lscGcm2 !== null ? { lscGcm2: c.lscGcm2 } : {}),
    source: `${c.method.replace('_', ' ')} cross-calibration ${c.performedTo}`,
  }));
  return ok({
    patient: {
      sex: patient.sex,
      birthDate: patient.birthDate,
      ...(r.menopause !== undefined ? { menopause: r.menopause } : {}),
      ...(patient.ethnicity !== null ? { ethnicity: patient.ethnicity } : {}),
      ...(visit.heightCm !== null ? { heightCm: visit.heightCm } : {}),
      ...(visit.weightKg !== null ? { weightKg: visit.weightKg } : {}),
    },
    exam: {
      date: examDate,
      scanner: {
        id: scanner.id,
        manufacturer: scanner.manufacturer.toLowerCase(),
        model: scanner.model,
        ...(scanner.softwareVersion !== null ? { softwareVersion: scanner.softwareVersion } : {}),
      },
      sites: r.sites,
      excludedVertebrae: r.excludedVertebrae,
      technicalNotes: r.technicalNotes,
    },
    priors,
    lsc,
    ...(crossCalibrations.length > 0 ? { crossCalibrations } : {}),
    ...(r.clinical !== undefined ? { clinical: r.clinical } : {}),
    ...(r.fractureRisk !== undefined ? { fractureRisk: r.fractureRisk } : {}),
  });
}

export interface EnterResultsOptions {
  /** Runs in the transaction that stores the results, with its outcome (the import's idempotency record). */
  inSameTransaction?: (tx: Repositories, outcome: Outcome<DxaResult>) => Promise<void>;
}

/**
 * Enters (or corrects) a visit's DXA site values and runs the densitometry engine with the scanner's LSC
 * and the patient's previous results. Each entry is a new version; earlier versions are kept.
 */
export async function enterDxaResults(
  ctx: ServiceContext,
  input: unknown,
  options: EnterResultsOptions = {},
): Promise<Outcome<DxaResult>> {
  const parsed = validate(dxaResultsSchema, input);
  if (!parsed.ok) return parsed;
  const r = parsed.value;
  const visit = await ctx.store.scanVisits.byId(r.visitId);
  if (!visit) return notFound('scan visit', r.visitId);
  const allowed = await authorise(ctx, ['operator', 'reporter'], visit.scannerId, {
    entityType: 'dxa_result',
    entityId: visit.id,
    patientId: visit.patientId,
    what: 'entering DXA results',
    action: 'create',
  });
  if (!allowed.ok) return allowed;
  if (visit.outcome !== 'scanned') return fail('conflict', 'the patient was not scanned at this visit');
  const actorId = allowed.value.actor.userId;
  return ctx.store.transaction(async (tx): Promise<Outcome<DxaResult>> => {
    const outcome = await storeResults(tx, visit);
    await options.inSameTransaction?.(tx, outcome);
    return outcome;
  });

  async function storeResults(tx: Repositories, visit: ScanVisitRecord): Promise<Outcome<DxaResult>> {
    const built = await examInputFor(tx, visit, r);
    if (!built.ok) return built;
    const exam = examInputSchema.safeParse(built.value);
    if (!exam.success) {
      const issue = exam.error.issues[0];
      const field = (issue?.path ?? []).map(String).join('.');
      return fail('invalid', `${field}: ${issue?.message ?? 'invalid'}`, field);
    }
    const examInput: ExamInput = exam.data;
    const assessment = assessExam(examInput);
    const versions = await tx.results.versionsForVisit(visit.id);
    const record: DxaResultRecord = {
      id: randomUUID(),
      visitId: visit.id,
      version: versions.length + 1,
      patientId: visit.patientId,
      referralId: visit.referralId,
      scannerId: visit.scannerId,
      examDate: examInput.exam.date,
      source: r.source,
      examInput: JSON.parse(JSON.stringify(examInput)) as Record<string, unknown>,
      assessment: JSON.parse(JSON.stringify(assessment)) as Record<string, unknown>,
      enteredBy: actorId,
      enteredAt: ctx.now().toISOString(),
    };
    await tx.results.insertResult(record);
    // ROS 4.7: the investigations the results call for are recorded as recommended.
    await recommendFromFlags(tx, assessment, visit, record.enteredBy, record.enteredAt);
    await recordAudit(tx, ctx, {
      action: versions.length === 0 ? 'create' : 'update',
      entityType: 'dxa_result',
      entityId: record.id,
      patientId: visit.patientId,
      detail: {
        visitId: visit.id,
        version: record.version,
        classification: assessment.classification?.category ?? null,
      },
    });
    return ok({ ...record, assessment });
  }
}
