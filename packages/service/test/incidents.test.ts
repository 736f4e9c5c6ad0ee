import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@quantrad/store';
import type { Actor } from '../src/actor.ts';
import {
  analyseIncident,
  closeIncident,
  getIncident,
  listIncidents,
  registerReferral,
  reportIncident,
} from '../src/index.ts';
import { ServiceFixture } from './service-fixture.ts';

// Incidents and near misses (ROS 5, 4.9 item 8): reported by anyone on the staff, analysed by the
// service manager or the medical physics expert, closed by the service manager.

for (const backend of TEST_BACKENDS) {
  describe(`incidents and near misses on ${backend.name}`, () => {
    let f: ServiceFixture;
    let operator: Actor;
    let physicist: Actor;
    let manager: Actor;
    let auditor: Actor;
    let referrer: Actor;
    let patientId = '';

    beforeAll(async () => {
      f = new ServiceFixture(await backend.open());
      operator = await f.staff('olive.operator', [{ role: 'operator' }]);
      physicist = await f.staff('phil.physicist', [{ role: 'medical_physics_expert' }]);
      manager = await f.staff('sam.manager', [{ role: 'service_manager' }]);
      auditor = await f.staff('audrey.auditor', [{ role: 'auditor' }]);
      referrer = await f.staff('dr.gp', [{ role: 'referrer' }]);
      const gp = await f.referrer();
      const referral = await registerReferral(f.ctx(operator), {
        patient: {
          identifier: 'inc-1',
          familyName: 'Lane',
          givenNames: 'Ada',
          birthDate: '1952-04-04',
          address: '5 Mill Street',
          sex: 'female',
        },
        referrerId: gp.id,
        source: 'gp',
        examination: 'dxa',
        indications: ['fragility_fracture'],
        clinicalInformation: 'Wrist fracture from standing height.',
        signedByReferrer: true,
        method: 'electronic',
      });
      if (!referral.ok) throw new Error(referral.error.message);
      patientId = referral.value.patientId;
    });
    afterAll(() => f.db.close());

    const nearMiss = (): Record<string, unknown> => ({
      kind: 'near_miss',
      occurredAt: '2026-11-23T08:30:00Z',
      description: 'Wrong patient called to the scan room; identity checks caught it before scanning',
      patientId,
      regulatorNotifiable: false,
    });

    it('names the field at fault and refuses referrers', async () => {
      expect(await reportIncident(f.ctx(operator), { ...nearMiss(), kind: 'accident' })).toMatchObject({
        error: { code: 'invalid', field: 'kind' },
      });
      expect(
        await reportIncident(f.ctx(operator), { ...nearMiss(), occurredAt: '2026-11-24T08:30:00Z' }),
      ).toMatchObject({ error: { code: 'invalid', field: 'occurredAt' } });
      expect(
        await reportIncident(f.ctx(operator), {
          ...nearMiss(),
          patientId: '00000000-0000-4000-8000-000000000000',
        }),
      ).toMatchObject({
        error: { code: 'invalid', field: 'patientId', message: 'patientId: no such patient' },
      });
      const { regulatorNotifiable: _omitted, ...withoutFlag } = nearMiss();
      expect(await reportIncident(f.ctx(operator), withoutFlag)).toMatchObject({
        error: { code: 'invalid', field: 'regulatorNotifiable' },
      });
      expect(await reportIncident(f.ctx(referrer), nearMiss())).toMatchObject({
        error: { code: 'forbidden' },
      });
    });

    it('is reported, analysed for its root cause, then closed by the service manager', async () => {
      const reported = await reportIncident(f.ctx(operator), nearMiss());
      if (!reported.ok) throw new Error(reported.error.message);
      const id = reported.value.id;
      expect(reported.value).toMatchObject({
        kind: 'near_miss',
        occurredAt: '2026-11-23T08:30:00.000Z',
        reportedAt: '2026-11-23T09:00:00.000Z',
        reportedBy: operator.userId,
        regulatorNotifiable: false,
        analysedAt: null,
      });
      expect(await closeIncident(f.ctx(manager), id)).toMatchObject({
        error: {
          code: 'conflict',
          message: 'record the root cause analysis and outcome before the incident is closed',
        },
      });
      const analysis = {
        causeCategories: ['patient_identification_error', 'communication'],
        rootCause: 'Two patients with the same surname in the waiting area',
        contributoryFactors: 'Busy clinic; name called without a second identifier',
        outcome: 'No exposure: caught by the three-point identity check',
        actions: 'Call patients by full name and date of birth',
      };
      expect(await analyseIncident(f.ctx(operator), id, analysis)).toMatchObject({
        error: { code: 'forbidden' },
      });
      expect(
        await analyseIncident(f.ctx(physicist), id, { ...analysis, causeCategories: ['bad_luck'] }),
      ).toMatchObject({ error: { code: 'invalid', field: 'causeCategories.0' } });
      f.advanceMinutes(120);
      const analysed = await analyseIncident(f.ctx(physicist), id, analysis);
      expect(analysed).toMatchObject({
        ok: true,
        value: { analysedAt: '2026-11-23T11:00:00.000Z', analysedBy: physicist.userId, ...analysis },
      });
      expect(await closeIncident(f.ctx(physicist), id)).toMatchObject({ error: { code: 'forbidden' } });
      f.advanceMinutes(60);
      expect(await closeIncident(f.ctx(manager), id)).toMatchObject({
        ok: true,
        value: { closedAt: '2026-11-23T12:00:00.000Z', closedBy: manager.userId },
      });
      expect(await closeIncident(f.ctx(manager), id)).toMatchObject({ error: { code: 'conflict' } });
      expect(await analyseIncident(f.ctx(manager), id, analysis)).toMatchObject({
        error: { code: 'conflict' },
      });
      expect(await getIncident(f.ctx(auditor), id)).toMatchObject({
        ok: true,
        value: {
          closedBy: manager.userId,
          causeCategories: ['patient_identification_error', 'communication'],
        },
      });
      expect(await listIncidents(f.ctx(operator))).toMatchObject({ error: { code: 'forbidden' } });
      const list = await listIncidents(f.ctx(auditor));
      expect(list.ok && list.value.map((i) => i.id)).toEqual([id]);
      const trail = await f.db.query(
        `SELECT action, outcome, detail->>'step' AS step FROM audit_event
         WHERE entity_type = 'incident' AND entity_id = $1 AND action <> 'read' ORDER BY seq`,
        [id],
      );
      expect(trail).toEqual([
        { action: 'create', outcome: 'success', step: null },
        { action: 'update', outcome: 'denied', step: null },
        { action: 'update', outcome: 'success', step: 'root cause analysis' },
        { action: 'update', outcome: 'denied', step: null },
        { action: 'update', outcome: 'success', step: 'closed' },
      ]);
    });
  });
}
