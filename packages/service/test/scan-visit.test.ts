import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, type ReferrerRecord } from '@quantrad/store';
import type { Actor } from '../src/actor.ts';
import {
  authoriseReferral,
  bookAppointment,
  recordDailyQc,
  recordScanVisit,
  registerReferral,
  registerScanner,
  type ScanVisitInput,
} from '../src/index.ts';
import { ServiceFixture } from './service-fixture.ts';

for (const backend of TEST_BACKENDS) {
  describe(`the scan visit on ${backend.name}`, () => {
    let f: ServiceFixture;
    let operator: Actor;
    let gp: ReferrerRecord;
    let n = 0;

    /** A referral for the patient, authorised and booked for today on the scanner; returns the appointment id. */
    async function bookedToday(scannerId: string, sex: 'female' | 'male' = 'female'): Promise<string> {
      n += 1;
      const r = await registerReferral(f.ctx(operator), {
        patient: {
          identifier: `visit-${String(n)}`,
          familyName: 'Khan',
          givenNames: 'Sam',
          birthDate: '1960-04-04',
          address: '3 Park Lane, Bath',
          sex,
        },
        referrerId: gp.id,
        source: 'gp',
        examination: 'dxa',
        indications: ['glucocorticoids'],
        clinicalInformation: 'Prednisolone 10 mg daily for asthma since January.',
        signedByReferrer: true,
        method: 'electronic',
      });
      if (!r.ok) throw new Error(r.error.message);
      const a = await authoriseReferral(f.ctx(operator), {
        referralId: r.value.id,
        basis: 'operator_under_written_criteria',
      });
      if (!a.ok) throw new Error(a.error.message);
      const b = await bookAppointment(f.ctx(operator), {
        referralId: r.value.id,
        scannerId,
        startsAt: new Date(f.nowMs + (30 + n * 30) * 60_000).toISOString(),
      });
      if (!b.ok) throw new Error(b.error.message);
      return b.value.id;
    }

    function visit(appointmentId: string, overrides: Partial<ScanVisitInput> = {}): ScanVisitInput {
      return {
        appointmentId,
        identity: { name: true, birthDate: true, address: true, examination: true },
        pregnancy: { childBearingCapacity: false, status: 'not_applicable' },
        questionnaire: {
          steroidTablets: { answer: 'yes', detail: 'prednisolone 10 mg since January' },
          currentSmoker: { answer: 'no' },
        },
        heightCm: 161.5,
        weightKg: 63.2,
        consent: true,
        contraindications: { recentNuclearMedicine: false, recentContrast: false, metalwork: null },
        sitesScanned: ['lumbar_spine', 'left_hip'],
        ...overrides,
      };
    }

    beforeAll(async () => {
      f = new ServiceFixture(await backend.open());
      await f.user('olive.operator', [{ role: 'operator' }, { role: 'medical_physics_expert' }]);
      operator = await f.signedIn('olive.operator');
      gp = await f.referrer();
      for (const id of ['DXA-1', 'DXA-2']) {
        await registerScanner(f.ctx(operator), {
          id,
          modality: 'dxa',
          manufacturer: 'Hologic',
          model: 'Horizon A',
          location: 'Unit 1',
        });
      }
      await recordDailyQc(f.ctx(operator), { scannerId: 'DXA-1', passed: true });
    });
    afterAll(() => f.db.close());

    it('records nothing until all four points of identification are confirmed', async () => {
      const appointmentId = await bookedToday('DXA-1');
      expect(
        await recordScanVisit(
          f.ctx(operator),
          visit(appointmentId, {
            identity: { name: true, birthDate: true, address: false, examination: true },
          }),
        ),
      ).toMatchObject({
        error: { code: 'invalid', field: 'identity.address' },
      });
      expect(await f.store.scanVisits.byAppointment(appointmentId)).toBeNull();
    });

    it('asks everyone of child-bearing capacity about pregnancy, with a signature, whatever the recorded sex', async () => {
      const appointmentId = await bookedToday('DXA-1', 'male');
      const capable = {
        childBearingCapacity: true,
        status: 'not_pregnant',
        lastMenstrualPeriod: '2026-11-10',
      } as const;
      expect(
        await recordScanVisit(f.ctx(operator), visit(appointmentId, { pregnancy: capable })),
      ).toMatchObject({
        error: { field: 'pregnancy.signedBy' },
      });
      const recorded = await recordScanVisit(
        f.ctx(operator),
        visit(appointmentId, { pregnancy: { ...capable, signedBy: 'Sam Khan' } }),
      );
      expect(recorded).toMatchObject({
        ok: true,
        value: { outcome: 'scanned', pregnancy: { signedBy: 'Sam Khan' } },
      });
    });

    it('does not scan a possibly pregnant patient: the visit is recorded as not scanned, with the reason', async () => {
      const appointmentId = await bookedToday('DXA-1');
      const possibly = {
        childBearingCapacity: true,
        status: 'possibly_pregnant',
        signedBy: 'Sam Khan',
      } as const;
      expect(
        await recordScanVisit(f.ctx(operator), visit(appointmentId, { pregnancy: possibly })),
      ).toMatchObject({
        error: { code: 'conflict', field: 'pregnancy.status' },
      });
      const notScanned = await recordScanVisit(
        f.ctx(operator),
        visit(appointmentId, { pregnancy: possibly, sitesScanned: [] }),
      );
      expect(notScanned).toMatchObject({
        value: {
          outcome: 'not_scanned',
          notScannedReason: 'possible pregnancy: refer to the IR(ME)R practitioner before any exposure',
        },
      });
      const appointment = await f.store.appointments.byId(appointmentId);
      expect(appointment?.state).toBe('attended');
      expect((await f.store.referrals.byId(appointment?.referralId ?? ''))?.state).toBe('authorised');
    });

    it('records no patient scan on a scanner whose daily QC has not passed today (ROS 5.1)', async () => {
      const appointmentId = await bookedToday('DXA-2');
      expect(await recordScanVisit(f.ctx(operator), visit(appointmentId))).toMatchObject({
        error: {
          code: 'conflict',
          message: "no patient scan may be recorded on DXA-2: today's daily QC has not passed (ROS 5.1)",
        },
      });
      await recordDailyQc(f.ctx(operator), { scannerId: 'DXA-2', passed: false, note: 'Phantom BMD high' });
      expect(await recordScanVisit(f.ctx(operator), visit(appointmentId))).toMatchObject({ ok: false });
      await recordDailyQc(f.ctx(operator), {
        scannerId: 'DXA-2',
        passed: true,
        note: 'Repeat after recalibration',
      });
      expect(await recordScanVisit(f.ctx(operator), visit(appointmentId))).toMatchObject({
        ok: true,
        value: { scannerId: 'DXA-2' },
      });
    });

    it('needs measured height and weight, marks the appointment attended and the referral scanned, and is recorded once', async () => {
      const appointmentId = await bookedToday('DXA-1');
      expect(await recordScanVisit(f.ctx(operator), visit(appointmentId, { weightKg: null }))).toMatchObject({
        error: { field: 'weightKg' },
      });
      const done = await recordScanVisit(f.ctx(operator), visit(appointmentId));
      if (!done.ok) throw new Error(done.error.message);
      expect(done.value.questionnaire).toEqual({
        steroidTablets: { answer: 'yes', detail: 'prednisolone 10 mg since January' },
        currentSmoker: { answer: 'no' },
      });
      expect((await f.store.referrals.byId(done.value.referralId))?.state).toBe('scanned');
      expect(await recordScanVisit(f.ctx(operator), visit(appointmentId))).toMatchObject({
        error: { code: 'conflict', message: 'the appointment is attended' },
      });
      expect((await f.store.audit.verify()).problems).toEqual([]);
    });
  });
}
