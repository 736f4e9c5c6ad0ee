import { bearer, type HttpFixture } from './http-fixture.ts';

// Records the audit programme routes act on, each made by the duty holder over HTTP: an open audit by
// the auditor (with an open action where asked), an incident reported by an operator and, where asked,
// analysed by the physicist.

/** A fresh open audit of referrer entitlement, opened by the auditor. */
export async function freshAudit(f: HttpFixture): Promise<string> {
  const created = await f.app.inject({
    method: 'POST',
    url: '/api/audits',
    headers: bearer(f, 'auditor'),
    payload: {
      auditType: 'referrer_entitlement',
      scope: 'Referrals received in October',
      periodFrom: '2026-10-01',
      periodTo: '2026-10-31',
    },
  });
  return created.json<{ id: string }>().id;
}

/** A fresh open audit with one open action: the url of closing that action. */
export async function openActionUrl(f: HttpFixture): Promise<string> {
  const auditId = await freshAudit(f);
  const action = await f.app.inject({
    method: 'POST',
    url: `/api/audits/${auditId}/actions`,
    headers: bearer(f, 'auditor'),
    payload: {
      description: 'Remind referrers of the entitlement list',
      owner: 'Service manager',
      dueOn: '2026-12-31',
    },
  });
  return `/api/audits/${auditId}/actions/${action.json<{ id: string }>().id}/close`;
}

/** A fresh near miss reported by the operator, analysed by the physicist where asked. */
export async function freshIncident(f: HttpFixture, analysed = false): Promise<string> {
  const reported = await f.app.inject({
    method: 'POST',
    url: '/api/incidents',
    headers: bearer(f, 'operator'),
    payload: incidentBody(),
  });
  const id = reported.json<{ id: string }>().id;
  if (analysed)
    await f.app.inject({
      method: 'POST',
      url: `/api/incidents/${id}/analysis`,
      headers: bearer(f, 'medical_physics_expert'),
      payload: incidentAnalysis(),
    });
  return id;
}

export function incidentBody(): object {
  return {
    kind: 'near_miss',
    occurredAt: '2026-11-23T08:00:00Z',
    description: 'Pregnancy status not asked; caught before scanning',
    regulatorNotifiable: false,
  };
}

export function incidentAnalysis(): object {
  return {
    causeCategories: ['pregnancy_check_error'],
    rootCause: 'Checklist skipped in a busy list',
    contributoryFactors: 'Two operators off sick',
    outcome: 'No exposure',
    actions: 'Pregnancy question made a required field',
  };
}
