import type { ScanVisitRecord } from '@quantrad/store';
import type { DxaAssessment } from '@quantrad/densitometry';
import { recordStandaloneAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { notFound, ok, type Outcome } from '../outcome.ts';
import type { DxaResult } from './enter-dxa-results.ts';

export interface VisitResults {
  visit: ScanVisitRecord;
  patient: { id: string; familyName: string; givenNames: string; birthDate: string; sex: 'female' | 'male' };
  /** The latest version of the visit's results with the engine's assessment, or null before any entry. */
  latest: DxaResult | null;
  versions: number;
}

/** A scan visit with its latest DXA results and assessment, for the operator or reporter. Audited. */
export async function visitResults(ctx: ServiceContext, visitId: string): Promise<Outcome<VisitResults>> {
  const visit = await ctx.store.scanVisits.byId(visitId);
  if (!visit) return notFound('scan visit', visitId);
  const allowed = await authorise(ctx, ['operator', 'reporter'], visit.scannerId, {
    entityType: 'dxa_result',
    entityId: visit.id,
    patientId: visit.patientId,
    what: "reading a visit's results",
    action: 'read',
  });
  if (!allowed.ok) return allowed;
  const patient = await ctx.store.patients.byId(visit.patientId);
  if (!patient) return notFound('patient', visit.patientId);
  const versions = await ctx.store.results.versionsForVisit(visit.id);
  const last = versions.at(-1);
  await recordStandaloneAudit(ctx, {
    action: 'read',
    entityType: 'dxa_result',
    entityId: last?.id ?? null,
    patientId: visit.patientId,
    detail: { visitId: visit.id, version: last?.version ?? null },
  });
  return ok({
    visit,
    patient: {
      id: patient.id,
      familyName: patient.familyName,
      givenNames: patient.givenNames,
      birthDate: patient.birthDate,
      sex: patient.sex,
    },
    // Stored by enterDxaResults from the engine's DxaAssessment.
    latest: last ? { ...last, assessment: last.assessment as unknown as DxaAssessment } : null,
    versions: versions.length,
  });
}
