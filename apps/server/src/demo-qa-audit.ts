import type { Role } from '@quantrad/store';
import {
  addAuditAction,
  addFinding,
  createAudit,
  handOverToEngineer,
  logMaintenance,
  receiveFromEngineer,
  recordPrecisionStudy,
  type ServiceContext,
} from '@quantrad/service';

// Demo scanner QA and audit for the QA and audit screens: DXA-1's maintenance log (a fault handed to the
// engineer and received back, and a planned visit not yet handed over), a 15 x 3 spine precision study
// (kept off the scanner's LSC, so serial comparisons in the demo are unchanged) and an open referrer
// entitlement audit of last month with a finding and an open action.

/** Each patient's three L1-L4 readings as deviations from their own mean, in mg/cm2. */
const REPEATS_MG = [
  [-8, 2, 6],
  [5, -6, 1],
  [-3, -4, 7],
  [9, -2, -7],
  [-5, 8, -3],
] as const;

function precisionScans(): { patient: string; scan: string; site: string; bmdGcm2: number }[] {
  return Array.from({ length: 15 }, (_, p) =>
    (REPEATS_MG[p % REPEATS_MG.length] ?? [0, 0, 0]).map((mg, s) => ({
      patient: `P${String(p + 1).padStart(2, '0')}`,
      scan: String(s + 1),
      site: 'L1-L4',
      bmdGcm2: Number((0.82 + 0.025 * p + mg / 1000).toFixed(3)),
    })),
  ).flat();
}

function at(ctx: ServiceContext, daysAgo: number, hourUtc: number): ServiceContext {
  const when = new Date(ctx.now().getTime() - daysAgo * 86_400_000);
  when.setUTCHours(hourUtc, 0, 0, 0);
  return { ...ctx, now: () => when };
}

function must<T>(
  what: string,
  outcome: { ok: true; value: T } | { ok: false; error: { message: string } },
): T {
  if (!outcome.ok) throw new Error(`demo ${what}: ${outcome.error.message}`);
  return outcome.value;
}

export async function seedDemoQaAndAudit(actors: ReadonlyMap<Role, ServiceContext>): Promise<void> {
  const operator = actors.get('operator');
  const physicist = actors.get('medical_physics_expert');
  const auditor = actors.get('auditor');
  if (!operator || !physicist || !auditor) throw new Error('demo QA and audit users missing');

  const fault = must(
    'fault',
    await logMaintenance(at(operator, 9, 8), 'DXA-1', {
      kind: 'fault',
      description: 'Table will not move to the home position after a hip scan',
    }),
  );
  must(
    'hand-over',
    await handOverToEngineer(at(operator, 8, 9), fault.id, { engineer: 'J. Smith, Hologic service' }),
  );
  must(
    'receive back',
    await receiveFromEngineer(at(physicist, 8, 15), fault.id, {
      engineerReport: 'Table drive belt replaced; positioning checked through its range',
      checksOnReturn: 'Phantom scan in control; radiation safety checks passed',
    }),
  );
  must(
    'planned maintenance',
    await logMaintenance(at(operator, 2, 8), 'DXA-1', {
      kind: 'planned_maintenance',
      description: 'Annual service visit booked for next month',
    }),
  );

  const month = new Date(physicist.now().getTime());
  month.setUTCDate(0); // the last day of the month before
  const lastDay = month.toISOString().slice(0, 10);
  const firstDay = `${lastDay.slice(0, 8)}01`;
  must(
    'precision study',
    await recordPrecisionStudy(at(physicist, 20, 12), 'DXA-1', {
      performedFrom: firstDay,
      performedTo: lastDay,
      applyToLsc: false,
      scans: precisionScans(),
    }),
  );

  const audit = must(
    'audit',
    await createAudit(at(auditor, 3, 10), {
      auditType: 'referrer_entitlement',
      scope: 'Referrals received last month: referrer entitled under the employer procedures',
      periodFrom: firstDay,
      periodTo: lastDay,
    }),
  );
  const finding = must(
    'finding',
    await addFinding(at(auditor, 3, 11), audit.id, {
      severity: 'moderate',
      description: 'One referral gave no registration number for the referrer',
    }),
  );
  must(
    'action',
    await addAuditAction(at(auditor, 3, 11), audit.id, {
      description: 'Remind referring practices that the registration number is required',
      owner: 'Service manager',
      dueOn: new Date(auditor.now().getTime() + 14 * 86_400_000).toISOString().slice(0, 10),
      findingId: finding.id,
    }),
  );
}
