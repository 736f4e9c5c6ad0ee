import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, type ReferrerRecord } from '@quantrad/store';
import type { Actor } from '../src/actor.ts';
import {
  authoriseReferral,
  bookAppointment,
  cancelAppointment,
  dailyQcPassed,
  getBookingDetail,
  listAppointments,
  listReferrals,
  rebookAppointment,
  recordDailyQc,
  recordDidNotAttend,
  registerReferral,
  registerScanner,
  sendDueReminders,
  type NewReferral,
} from '../src/index.ts';
import { ServiceFixture } from './service-fixture.ts';

for (const backend of TEST_BACKENDS) {
  describe(`scanners, daily QC and appointments on ${backend.name}`, () => {
    let f: ServiceFixture;
    let operator: Actor;
    let physicist: Actor;
    let practitioner: Actor;
    let gp: ReferrerRecord;
    let patientNumber = 0;

    /** A referral received today and authorised by the practitioner; returns its id. */
    async function authorisedReferral(patient: Partial<NewReferral['patient']> = {}): Promise<string> {
      patientNumber += 1;
      const r = await registerReferral(f.ctx(operator), {
        patient: {
          identifier: `appt-${String(patientNumber)}`,
          familyName: 'Cole',
          givenNames: 'Janet',
          birthDate: '1956-03-10',
          address: '1 High Street, Bath',
          sex: 'female',
          ...patient,
        },
        referrerId: gp.id,
        source: 'gp',
        examination: 'dxa',
        indications: ['fragility_fracture'],
        clinicalInformation: 'Wrist fracture after a fall from standing.',
        signedByReferrer: true,
        method: 'electronic',
      });
      if (!r.ok) throw new Error(r.error.message);
      const a = await authoriseReferral(f.ctx(practitioner), {
        referralId: r.value.id,
        basis: 'practitioner_justified',
      });
      if (!a.ok) throw new Error(a.error.message);
      return r.value.id;
    }

    beforeAll(async () => {
      f = new ServiceFixture(await backend.open());
      await f.user('olive.operator', [{ role: 'operator' }]);
      await f.user('phil.physicist', [{ role: 'medical_physics_expert' }]);
      await f.user('pat.practitioner', [{ role: 'irmer_practitioner' }]);
      operator = await f.signedIn('olive.operator');
      physicist = await f.signedIn('phil.physicist');
      practitioner = await f.signedIn('pat.practitioner');
      gp = await f.referrer();
      await f.store.reports.setServiceDetails({
        name: 'Bath Bone Density Service',
        address: 'Royal United Hospital, Bath BA1 3NG',
        adviceLine: '01225 000000',
        email: 'bone.density@example.nhs.uk',
        gpCopyCommissioned: false,
      });
      for (const [id, modality] of [
        ['DXA-1', 'dxa'],
        ['DXA-2', 'dxa'],
        ['CT-1', 'ct'],
      ] as const) {
        const s = await registerScanner(f.ctx(physicist), {
          id,
          modality,
          manufacturer: 'Hologic',
          model: 'Horizon A',
          location: 'Bone Density Unit, Royal United Hospital, Bath',
          ...(id === 'DXA-1'
            ? {
                directions: 'Enter by the main entrance, take lift B to level 2 and follow signs for Zone C.',
                accessibility: 'Step-free access and a hoist; the scanner table takes up to 205 kg.',
              }
            : {}),
        });
        if (!s.ok) throw new Error(s.error.message);
      }
    });
    afterAll(() => f.db.close());

    it('lets only a physicist or administrator add scanners', async () => {
      expect(
        await registerScanner(f.ctx(operator), {
          id: 'X',
          modality: 'dxa',
          manufacturer: 'a',
          model: 'b',
          location: 'c',
        }),
      ).toMatchObject({ error: { code: 'forbidden' } });
    });

    it('records daily QC, needs a note on a failure, and the latest run of the day decides', async () => {
      expect(await recordDailyQc(f.ctx(operator), { scannerId: 'DXA-1', passed: false })).toMatchObject({
        error: { field: 'note' },
      });
      await recordDailyQc(f.ctx(operator), {
        scannerId: 'DXA-1',
        passed: true,
        measurements: { phantomBmdGcm2: 1.021 },
      });
      expect(await dailyQcPassed(f.store, 'DXA-1', '2026-11-23')).toBe(true);
      await recordDailyQc(f.ctx(physicist), { scannerId: 'DXA-2', passed: true });
      f.advanceMinutes(5);
      await recordDailyQc(f.ctx(physicist), {
        scannerId: 'DXA-2',
        passed: false,
        note: 'Phantom BMD out of tolerance',
      });
      expect(await dailyQcPassed(f.store, 'DXA-2', '2026-11-23')).toBe(false);
      expect(await dailyQcPassed(f.store, 'DXA-1', '2026-11-24')).toBe(false);
    });

    it('books an authorised referral, writes the letter and shows whether it is within six weeks', async () => {
      const received = await registerReferral(f.ctx(operator), {
        patient: {
          identifier: 'not-authorised',
          familyName: 'A',
          givenNames: 'B',
          birthDate: '1950-01-01',
          address: 'x',
          sex: 'male',
        },
        referrerId: gp.id,
        source: 'gp',
        examination: 'dxa',
        clinicalInformation: 'Vertebral fracture on X-ray.',
        signedByReferrer: true,
        method: 'post',
      });
      if (!received.ok) throw new Error(received.error.message);
      expect(
        await bookAppointment(f.ctx(operator), {
          referralId: received.value.id,
          scannerId: 'DXA-1',
          startsAt: '2026-12-01T09:30:00Z',
        }),
      ).toMatchObject({
        error: {
          code: 'conflict',
          message: 'the referral is received: only an authorised referral is booked (ROS 4.4)',
        },
      });

      const referralId = await authorisedReferral();
      const booked = await bookAppointment(f.ctx(operator), {
        referralId,
        scannerId: 'DXA-1',
        startsAt: '2026-12-01T09:30:00Z',
      });
      // received 23 November, seen 1 December: 8 days
      expect(booked).toMatchObject({
        ok: true,
        value: { state: 'booked', durationMinutes: 30, daysFromReceipt: 8, withinSixWeeks: true },
      });
      const letters = await f.store.appointments.correspondence({ referralId });
      expect(letters.map((l) => l.kind)).toEqual(['appointment_letter']);
      expect(letters[0]?.body).toContain(
        'Your appointment is on Tuesday 1 December 2026 at 09:30, at Bone Density Unit',
      );
      expect(letters[0]?.body).toContain('Bone health questionnaire (ROS Appendix 2)');
      expect(
        letters[0]?.body.startsWith('Bath Bone Density Service\nRoyal United Hospital, Bath BA1 3NG\n'),
      ).toBe(true);
      expect(letters[0]?.body).toContain('To contact us: 01225 000000, bone.density@example.nhs.uk.');
      expect(letters[0]?.body).toContain(
        'Bath.\n\nHow to find us: Enter by the main entrance, take lift B to level 2 and follow signs for Zone C.\n\nAccess: Step-free access and a hoist; the scanner table takes up to 205 kg.\n\nA bone density scan',
      );

      expect(
        await bookAppointment(f.ctx(operator), {
          referralId,
          scannerId: 'DXA-1',
          startsAt: '2026-12-02T09:30:00Z',
        }),
      ).toMatchObject({
        error: { code: 'conflict', message: expect.any(String) as unknown },
      });
      const other = await authorisedReferral();
      expect(
        await bookAppointment(f.ctx(operator), {
          referralId: other,
          scannerId: 'DXA-1',
          startsAt: '2026-12-01T09:45:00Z',
        }),
      ).toMatchObject({
        error: {
          code: 'conflict',
          field: 'startsAt',
          message: 'startsAt: DXA-1 is already booked from 2026-12-01T09:30:00.000Z',
        },
      });
      expect(
        await bookAppointment(f.ctx(operator), {
          referralId: other,
          scannerId: 'CT-1',
          startsAt: '2026-12-01T10:00:00Z',
        }),
      ).toMatchObject({
        error: { field: 'scannerId', message: 'scannerId: CT-1 is a CT scanner; the referral is for DXA' },
      });
      // 23 November + 43 days = 5 January: past the six-week target
      expect(
        await bookAppointment(f.ctx(operator), {
          referralId: other,
          scannerId: 'DXA-1',
          startsAt: '2027-01-05T10:00:00Z',
        }),
      ).toMatchObject({
        value: { daysFromReceipt: 43, withinSixWeeks: false },
      });
    });

    it('books a follow-up on the scanner of the previous scan unless a reason is given', async () => {
      const first = await authorisedReferral({ identifier: 'follow-up-patient' });
      const booked = await bookAppointment(f.ctx(operator), {
        referralId: first,
        scannerId: 'DXA-1',
        startsAt: '2026-12-03T09:00:00Z',
      });
      if (!booked.ok) throw new Error(booked.error.message);
      // The scan visit (next step of the pathway) marks the appointment attended; here the store does.
      await f.store.appointments.update(booked.value, { state: 'attended' });
      const second = await authorisedReferral({ identifier: 'follow-up-patient' });
      expect(
        await bookAppointment(f.ctx(operator), {
          referralId: second,
          scannerId: 'DXA-2',
          startsAt: '2028-12-04T09:00:00Z',
        }),
      ).toMatchObject({
        error: {
          field: 'scannerId',
          message:
            'scannerId: the previous scan was on DXA-1: book the follow-up there so results can be compared, or give scannerOverrideReason',
        },
      });
      expect(
        await bookAppointment(f.ctx(operator), {
          referralId: second,
          scannerId: 'DXA-2',
          startsAt: '2028-12-04T09:00:00Z',
          scannerOverrideReason: 'DXA-1 decommissioned; cross-calibration recorded',
        }),
      ).toMatchObject({ ok: true, value: { scannerId: 'DXA-2' } });
    });

    it('gives the booking desk the follow-up scanner, the letters and the queue of referrals still to book', async () => {
      const first = await authorisedReferral({
        identifier: 'desk-patient',
        familyName: 'Iqbal',
        givenNames: 'Amina',
      });
      const booked = await bookAppointment(f.ctx(operator), {
        referralId: first,
        scannerId: 'DXA-1',
        startsAt: '2026-12-07T10:00:00Z',
      });
      if (!booked.ok) throw new Error(booked.error.message);
      const detail = await getBookingDetail(f.ctx(operator), first);
      if (!detail.ok) throw new Error(detail.error.message);
      // A first scan: no scanner to follow.
      expect(detail.value.previousScan).toBeNull();
      expect(detail.value.patient).toMatchObject({ familyName: 'Iqbal', identifier: 'desk-patient' });
      expect(detail.value.appointments.map((a) => [a.id, a.state, a.scannerId])).toEqual([
        [booked.value.id, 'booked', 'DXA-1'],
      ]);
      const [letter, ...others] = detail.value.correspondence;
      expect(others).toEqual([]);
      expect(letter).toMatchObject({ kind: 'appointment_letter', appointmentId: booked.value.id });
      expect(letter?.body).toContain('Your appointment is on Monday 7 December 2026 at 10:00');
      expect(detail.value.enclosures).toEqual([
        'Information leaflet: your bone density scan (ROS Appendix 4B)',
        'Bone health questionnaire (ROS Appendix 2)',
      ]);
      // The calendar names whose appointment each block is.
      const day = await listAppointments(f.ctx(operator), { from: '2026-12-07', scannerId: 'DXA-1' });
      expect(day.ok && day.value.map((a) => [a.id, a.patient.familyName, a.patient.identifier])).toEqual([
        [booked.value.id, 'Iqbal', 'desk-patient'],
      ]);
      // The queue: authorised and not booked. The booked one has left it, with its time on the worklist.
      const queue = await listReferrals(f.ctx(operator), { awaitingBooking: 'true', limit: '200' });
      if (!queue.ok) throw new Error(queue.error.message);
      expect(queue.value.items.map((r) => r.id)).not.toContain(first);
      expect(queue.value.items.every((r) => r.state === 'authorised' && r.bookedFor === null)).toBe(true);
      const all = await listReferrals(f.ctx(operator), { state: 'authorised', limit: '200' });
      expect(all.ok && all.value.items.find((r) => r.id === first)?.bookedFor).toBe(
        '2026-12-07T10:00:00.000Z',
      );
      // Scanned there; the next referral for the patient is steered to DXA-1.
      await f.store.appointments.update(booked.value, { state: 'attended' });
      const second = await authorisedReferral({
        identifier: 'desk-patient',
        familyName: 'Iqbal',
        givenNames: 'Amina',
      });
      const followUp = await getBookingDetail(f.ctx(operator), second);
      expect(followUp.ok && followUp.value.previousScan).toEqual({
        scannerId: 'DXA-1',
        startsAt: '2026-12-07T10:00:00.000Z',
      });
      const queued = await listReferrals(f.ctx(operator), { awaitingBooking: 'true', limit: '200' });
      expect(queued.ok && queued.value.items.map((r) => r.id)).toContain(second);
      // Physicists do not work the booking desk.
      expect(await getBookingDetail(f.ctx(physicist), second)).toMatchObject({
        error: { code: 'forbidden' },
      });
    });

    it('rebooks (old cancelled, new letter), cancels at the patient’s request, and sends each reminder once', async () => {
      const referralId = await authorisedReferral();
      const booked = await bookAppointment(f.ctx(operator), {
        referralId,
        scannerId: 'DXA-2',
        startsAt: '2026-11-25T14:00:00Z',
      });
      if (!booked.ok) throw new Error(booked.error.message);
      f.advanceMinutes(1);
      const moved = await rebookAppointment(f.ctx(operator), {
        appointmentId: booked.value.id,
        startsAt: '2026-11-25T15:00:00Z',
        reason: 'Patient asked for a later time',
      });
      if (!moved.ok) throw new Error(moved.error.message);
      expect((await f.store.appointments.forReferral(referralId)).map((a) => [a.state, a.startsAt])).toEqual([
        ['cancelled', '2026-11-25T14:00:00.000Z'],
        ['booked', '2026-11-25T15:00:00.000Z'],
      ]);
      expect((await f.store.appointments.correspondence({ referralId })).map((c) => c.kind)).toEqual([
        'appointment_letter',
        'appointment_letter',
      ]);
      // 25 November 15:00 is within 3 days of 23 November 09:00; the 1 and 3 December ones are not.
      const reminders = await sendDueReminders(f.ctx(operator));
      expect(reminders).toEqual({ ok: true, value: { sent: 1 } });
      expect(await sendDueReminders(f.ctx(operator))).toEqual({ ok: true, value: { sent: 0 } });
      const cancelled = await cancelAppointment(f.ctx(operator), {
        appointmentId: moved.value.id,
        requestedBy: 'patient',
        reason: 'In hospital',
      });
      expect(cancelled).toMatchObject({
        value: { state: 'cancelled', closeReason: 'patient request: In hospital' },
      });
    });

    it('offers another appointment after a first did-not-attend and discharges after the second, telling the referrer', async () => {
      const referralId = await authorisedReferral();
      const first = await bookAppointment(f.ctx(operator), {
        referralId,
        scannerId: 'DXA-1',
        startsAt: '2026-11-23T11:00:00Z',
      });
      if (!first.ok) throw new Error(first.error.message);
      expect(await recordDidNotAttend(f.ctx(operator), { appointmentId: first.value.id })).toMatchObject({
        error: { message: 'the appointment has not started yet' },
      });
      f.advanceMinutes(180);
      expect(await recordDidNotAttend(f.ctx(operator), { appointmentId: first.value.id })).toMatchObject({
        value: { action: 'rebook', didNotAttendCount: 1 },
      });
      expect((await f.store.referrals.byId(referralId))?.state).toBe('authorised');
      const second = await bookAppointment(f.ctx(operator), {
        referralId,
        scannerId: 'DXA-1',
        startsAt: '2026-11-23T13:00:00Z',
      });
      if (!second.ok) throw new Error(second.error.message);
      f.advanceMinutes(120);
      expect(await recordDidNotAttend(f.ctx(operator), { appointmentId: second.value.id })).toMatchObject({
        value: { action: 'discharged', didNotAttendCount: 2 },
      });
      expect((await f.store.referrals.byId(referralId))?.state).toBe('discharged');
      const toReferrer = (await f.store.appointments.correspondence({ referralId })).filter(
        (c) => c.kind === 'did_not_attend_referrer',
      );
      expect(toReferrer).toHaveLength(1);
      expect(toReferrer[0]?.recipient).toBe('Dr A. Patel, Riverside Surgery');
      expect(toReferrer[0]?.body).toContain(
        'did not attend 2 bone density scan appointments, the last on Monday 23 November 2026 at 13:00',
      );
      expect((await f.store.audit.verify()).problems).toEqual([]);
    });
  });
}
