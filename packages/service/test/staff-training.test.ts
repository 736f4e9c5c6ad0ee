import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@quantrad/store';
import type { Actor } from '../src/actor.ts';
import {
  addAncillaryEquipment,
  addMonths,
  expiryFor,
  listTraining,
  recordCalibrationCheck,
  recordCpd,
  recordLocalRulesRead,
  recordTraining,
  trainingLapses,
  type TrainingLapse,
} from '../src/index.ts';
import { actorForToken } from '../src/security/session.ts';
import { ServiceFixture } from './service-fixture.ts';

// The fixture's day is 2026-11-23. Renewal periods are those of data/staff-training.json (local policy):
// DXA scanning competency 24 months, IR(ME)R operator training 36 months; the local rules in force are
// version 2026-1. An expiry date is the last day the training counts.

describe('renewal dates', () => {
  it('adds calendar months, falling back to the last day of a shorter month', () => {
    expect(addMonths('2024-03-15', 24)).toBe('2026-03-15');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2025-12-31', 2)).toBe('2026-02-28');
    expect(addMonths('2023-12-31', 2)).toBe('2024-02-29');
  });

  it("expires a completion after its kind's renewal period, or never", () => {
    expect(expiryFor('dxa_scanning_competency', '2024-03-15')).toBe('2026-03-15');
    expect(expiryFor('irmer_operator_training', '2025-01-10')).toBe('2028-01-10');
    expect(expiryFor('equipment_training', '2025-01-10')).toBeNull();
  });
});

for (const backend of TEST_BACKENDS) {
  describe(`staff training on ${backend.name}`, () => {
    let f: ServiceFixture;
    let manager: Actor;
    let auditor: Actor;
    let equipmentId: string;
    beforeAll(async () => {
      f = new ServiceFixture(await backend.open());
      f.trainingRequired = true;
      manager = await f.staff('morgan.manager', [{ role: 'service_manager' }]);
      auditor = await f.staff('ada.auditor', [{ role: 'auditor' }]);
      const scales = await addAncillaryEquipment(f.ctx(manager), {
        kind: 'weighing_scales',
        label: 'Scales 1',
        location: 'Room 1',
      });
      if (!scales.ok) throw new Error(scales.error.message);
      equipmentId = scales.value.id;
    });
    afterAll(() => f.db.close());

    const train = async (userId: string, input: object): Promise<void> => {
      const recorded = await recordTraining(f.ctx(manager), userId, input);
      if (!recorded.ok) throw new Error(recorded.error.message);
    };
    const check = (actor: Actor): ReturnType<typeof recordCalibrationCheck> =>
      recordCalibrationCheck(f.ctx(actor), equipmentId, { passed: true });

    it('records training with its expiry worked out from the renewal period, or as given', async () => {
      const olu = await f.user('olu.operator', [{ role: 'operator' }]);
      const computed = await recordTraining(f.ctx(manager), olu, {
        kind: 'dxa_scanning_competency',
        completedOn: '2024-03-15',
        evidence: 'ROS NTS certificate 1234',
      });
      expect(computed).toMatchObject({
        ok: true,
        value: { expiresOn: '2026-03-15', recordedBy: manager.userId },
      });
      const given = await recordTraining(f.ctx(manager), olu, {
        kind: 'manual_handling',
        completedOn: '2026-01-10',
        expiresOn: '2026-12-31',
      });
      expect(given).toMatchObject({ ok: true, value: { expiresOn: '2026-12-31' } });
      expect(
        await recordTraining(f.ctx(manager), olu, { kind: 'manual_handling', completedOn: '2026-11-24' }),
      ).toMatchObject({ ok: false, error: { code: 'invalid', field: 'completedOn' } });
      expect(
        await recordTraining(f.ctx(manager), olu, {
          kind: 'manual_handling',
          completedOn: '2026-01-10',
          expiresOn: '2026-01-09',
        }),
      ).toMatchObject({ ok: false, error: { field: 'expiresOn' } });
      expect(
        await recordTraining(f.ctx(manager), olu, { kind: 'juggling', completedOn: '2026-01-10' }),
      ).toMatchObject({ ok: false, error: { field: 'kind' } });
    });

    it('refuses an operator whose competency has lapsed, naming it and its date, and allows once renewed', async () => {
      const userId = await f.user('omar.operator', [{ role: 'operator' }]);
      await train(userId, { kind: 'dxa_scanning_competency', completedOn: '2024-03-15' });
      await train(userId, { kind: 'irmer_operator_training', completedOn: '2025-01-10' });
      expect(
        (
          await recordLocalRulesRead(f.ctx(await f.signedIn('omar.operator')), userId, {
            readOn: '2026-11-01',
          })
        ).ok,
      ).toBe(true);
      const refused = await check(await f.signedIn('omar.operator'));
      expect(refused).toMatchObject({
        ok: false,
        error: {
          code: 'forbidden',
          message:
            'recording a calibration check needs current training for your operator entitlement: DXA scanning competency lapsed on 2026-03-15',
        },
      });
      const denied = (await f.store.audit.list({ limit: 1000 })).filter(
        (e) => e.outcome === 'denied' && e.actorName === 'omar.operator',
      );
      expect(denied).toHaveLength(1);

      // The switch off, the same lapse does not stop them (the existing tests' staff have no records).
      f.trainingRequired = false;
      expect((await check(await f.signedIn('omar.operator'))).ok).toBe(true);
      f.trainingRequired = true;

      await train(userId, { kind: 'dxa_scanning_competency', completedOn: '2026-11-20' });
      expect((await check(await f.signedIn('omar.operator'))).ok).toBe(true);
      const view = await listTraining(f.ctx(manager), userId);
      // Renewed 2026-11-20 + 24 months = 2028-11-20; the 2024 completion is superseded.
      expect(view.ok && view.value.training.map((t) => [t.kind, t.expiresOn, t.state])).toEqual([
        ['dxa_scanning_competency', '2028-11-20', 'current'],
        ['irmer_operator_training', '2028-01-10', 'current'],
        ['dxa_scanning_competency', '2026-03-15', 'superseded'],
      ]);
      expect(view.ok && view.value.entitlements).toEqual([
        { role: 'operator', scope: '*', validUntil: null, shortfalls: [] },
      ]);
    });

    it('refuses an operator who has not read the local rules in force, or has no IR(ME)R training', async () => {
      const userId = await f.user('ola.operator', [{ role: 'operator' }]);
      await train(userId, { kind: 'dxa_scanning_competency', completedOn: '2026-06-01' });
      await recordLocalRulesRead(f.ctx(manager), userId, { version: '2025-3', readOn: '2025-06-01' });
      expect(await check(await f.signedIn('ola.operator'))).toMatchObject({
        ok: false,
        error: {
          message:
            'recording a calibration check needs current training for your operator entitlement: IR(ME)R operator training not recorded; local rules version 2026-1 read not recorded',
        },
      });
      await train(userId, { kind: 'irmer_operator_training', completedOn: '2026-06-01' });
      await recordLocalRulesRead(f.ctx(manager), userId, {});
      expect((await check(await f.signedIn('ola.operator'))).ok).toBe(true);
    });

    it('lets a signed-in session see new training at once, past the reused session lookup', async () => {
      const cached = new ServiceFixture(f.db, { sessionLookupCacheMs: 60_000, nowMs: () => 0 });
      cached.trainingRequired = true;
      await cached.user('cyd.operator', [{ role: 'operator' }]);
      const token = await cached.signedInToken('cyd.operator');
      const before = await actorForToken(cached.store, token, cached.now());
      expect(before.ok && before.value.held.training).toEqual([]);
      const userId = before.ok ? before.value.userId : '';
      expect(
        (
          await recordTraining(cached.ctx(manager), userId, {
            kind: 'irmer_operator_training',
            completedOn: '2026-02-01',
          })
        ).ok,
      ).toBe(true);
      const after = await actorForToken(cached.store, token, cached.now());
      expect(after.ok && after.value.held.training).toEqual([
        { kind: 'irmer_operator_training', completedOn: '2026-02-01', expiresOn: '2029-02-01' },
      ]);
    });

    it('lets staff read their own record and add their own CPD, and managers and auditors read anyone’s', async () => {
      const ria = await f.user('ria.reporter', [{ role: 'reporter' }]);
      await f.user('ron.reporter', [{ role: 'reporter' }]);
      const riaActor = await f.signedIn('ria.reporter');
      const ron = await f.signedIn('ron.reporter');
      expect((await listTraining(f.ctx(riaActor), ria)).ok).toBe(true);
      expect(await listTraining(f.ctx(ron), ria)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect((await listTraining(f.ctx(auditor), ria)).ok).toBe(true);
      const cpd = { doneOn: '2026-11-02', hours: 1.5, activity: 'ROS reporting webinar' };
      expect((await recordCpd(f.ctx(riaActor), ria, cpd)).ok).toBe(true);
      expect(await recordCpd(f.ctx(ron), ria, cpd)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect((await recordCpd(f.ctx(manager), ria, { ...cpd, hours: 3 })).ok).toBe(true);
      expect(await recordCpd(f.ctx(manager), ria, { ...cpd, hours: 0 })).toMatchObject({
        ok: false,
        error: { field: 'hours' },
      });
      // Staff do not certify their own competency: only a manager records training.
      expect(
        await recordTraining(f.ctx(riaActor), ria, {
          kind: 'reporting_competency',
          completedOn: '2026-01-01',
        }),
      ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(
        await recordTraining(f.ctx(auditor), ria, {
          kind: 'reporting_competency',
          completedOn: '2026-01-01',
        }),
      ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const view = await listTraining(f.ctx(riaActor), ria);
      expect(view.ok && view.value.cpd.map((c) => c.hours).sort()).toEqual([1.5, 3]);
      expect(view.ok && view.value.entitlements[0]?.shortfalls.map((s) => s.requirement)).toEqual([
        'irmer_operator_training',
        'reporting_competency',
      ]);
    });

    it('reports who lapses within the window, who has lapsed and what was never recorded', async () => {
      // Today 2026-11-23; within 90 days runs to 2027-02-21 (7 days to 30 Nov, +31 Dec, +31 Jan, +21).
      const lena = await f.user('lena.lapsing', [{ role: 'operator' }]);
      await train(lena, {
        kind: 'irmer_operator_training',
        completedOn: '2026-01-01',
        expiresOn: '2027-02-21',
      });
      await train(lena, {
        kind: 'dxa_scanning_competency',
        completedOn: '2026-01-01',
        expiresOn: '2027-02-22',
      });
      const rex = await f.user('rex.reporter', [{ role: 'reporter' }]);
      // 2024-03-15 + 24 months = 2026-03-15: 253 days before 2026-11-23 (16 to 31 Mar, 214 in Apr-Oct, 23).
      await train(rex, { kind: 'reporting_competency', completedOn: '2024-03-15' });
      await train(rex, { kind: 'manual_handling', completedOn: '2025-01-01', expiresOn: '2026-12-01' });
      const report = await trainingLapses(f.ctx(auditor), { within: '90' });
      if (!report.ok) throw new Error(report.error.message);
      expect(report.value).toMatchObject({ today: '2026-11-23', withinDays: 90, until: '2027-02-21' });
      const of = (userId: string): Partial<TrainingLapse>[] =>
        report.value.items
          .filter((i) => i.userId === userId)
          .map(({ requirement, state, expiresOn, daysLeft, entitlementsAffected, refusedNow }) => ({
            requirement,
            state,
            expiresOn,
            daysLeft,
            entitlementsAffected,
            refusedNow,
          }));
      expect(of(lena)).toEqual([
        {
          requirement: 'local_rules',
          state: 'missing',
          expiresOn: null,
          daysLeft: null,
          entitlementsAffected: ['operator'],
          refusedNow: true,
        },
        {
          requirement: 'irmer_operator_training',
          state: 'lapsing',
          expiresOn: '2027-02-21',
          daysLeft: 90,
          entitlementsAffected: ['operator'],
          refusedNow: false,
        },
      ]);
      expect(of(rex)).toEqual([
        {
          requirement: 'irmer_operator_training',
          state: 'missing',
          expiresOn: null,
          daysLeft: null,
          entitlementsAffected: ['reporter'],
          refusedNow: true,
        },
        {
          requirement: 'reporting_competency',
          state: 'lapsed',
          expiresOn: '2026-03-15',
          daysLeft: -253,
          entitlementsAffected: ['reporter'],
          refusedNow: true,
        },
        {
          requirement: 'manual_handling',
          state: 'lapsing',
          expiresOn: '2026-12-01',
          daysLeft: 8,
          entitlementsAffected: [],
          refusedNow: false,
        },
      ]);
      // One day further out, lena's DXA competency (last day 2027-02-22) joins the report.
      const wider = await trainingLapses(f.ctx(manager), { within: 91 });
      expect(
        wider.ok && wider.value.items.some((i) => i.userId === lena && i.expiresOn === '2027-02-22'),
      ).toBe(true);
      expect(await trainingLapses(f.ctx(manager), { within: -1 })).toMatchObject({
        ok: false,
        error: { field: 'within' },
      });
      const operator = await f.signedIn('lena.lapsing');
      expect(await trainingLapses(f.ctx(operator), {})).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    });
  });
}
