import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, type ReferrerRecord } from '@quantrad/store';
import type { Actor } from '../src/actor.ts';
import { bookAppointment, dayList, enterDxaResults, visitResults } from '../src/index.ts';
import { authorisedReferral, scannedVisit } from './pathway-helpers.ts';
import { ServiceFixture } from './service-fixture.ts';

// The day's list (appointments with the patient's identification details and the visit) and a visit's
// results, read back as entered (quantrad issue 6).

const older = {
  identifier: '485 777 3456',
  familyName: 'Cole',
  givenNames: 'Janet',
  birthDate: '1956-03-10',
  address: '1 High Street, Bath',
  sex: 'female',
} as const;
const younger = {
  identifier: '943 476 5919',
  familyName: 'Reid',
  givenNames: 'Alex',
  birthDate: '1990-12-01',
  address: '2 Low Street, Bath',
  sex: 'male',
} as const;

for (const backend of TEST_BACKENDS) {
  describe(`the day's list and a visit's results on ${backend.name}`, () => {
    let f: ServiceFixture;
    let operator: Actor;
    let physicist: Actor;
    let auditor: Actor;
    let gp: ReferrerRecord;
    let visitId = '';
    let bookedId = '';

    beforeAll(async () => {
      f = new ServiceFixture(await backend.open());
      await f.user('olive.operator', [{ role: 'operator' }]);
      await f.user('phil.physicist', [{ role: 'medical_physics_expert' }]);
      await f.user('audrey.auditor', [{ role: 'auditor' }]);
      operator = await f.signedIn('olive.operator');
      physicist = await f.signedIn('phil.physicist');
      auditor = await f.signedIn('audrey.auditor');
      gp = await f.referrer();
      await f.scanner(physicist);
      visitId = (await scannedVisit(f, operator, gp, 'DXA-1', older)).visitId;
      const referralId = await authorisedReferral(f, operator, gp, younger, {
        indications: ['glucocorticoids'],
        clinicalInformation: 'Prednisolone 10 mg daily for asthma since January.',
      });
      const booked = await bookAppointment(f.ctx(operator), {
        referralId,
        scannerId: 'DXA-1',
        startsAt: '2026-11-23T14:30:00Z',
      });
      if (!booked.ok) throw new Error(booked.error.message);
      bookedId = booked.value.id;
    });
    afterAll(() => f.db.close());

    it('lists the day by time with each patient, their age that day and the visit once recorded', async () => {
      const listed = await dayList(f.ctx(operator), { date: '2026-11-23' });
      if (!listed.ok) throw new Error(listed.error.message);
      expect(listed.value.pregnancyEnquiryAgeYears).toEqual({ from: 12, to: 55 });
      expect(
        listed.value.appointments.map((e) => ({
          name: `${e.patient.familyName}, ${e.patient.givenNames}`,
          at: e.appointment.startsAt,
          age: e.patient.ageYears,
          enquiry: e.pregnancyEnquiryAge,
          visit: e.visit?.id ?? null,
        })),
      ).toEqual([
        // Booked an hour after the fixture's 09:00; 70 on 2026-11-23 (born 1956-03-10).
        { name: 'Cole, Janet', at: '2026-11-23T10:00:00.000Z', age: 70, enquiry: false, visit: visitId },
        // 35, not 36, until 1 December; within 12 to 55 whatever the recorded sex.
        { name: 'Reid, Alex', at: '2026-11-23T14:30:00.000Z', age: 35, enquiry: true, visit: null },
      ]);
      expect(listed.value.appointments[1]?.appointment.id).toBe(bookedId);
      const nextDay = await dayList(f.ctx(operator), { date: '2026-11-24' });
      expect(nextDay).toMatchObject({ ok: true, value: { appointments: [] } });
    });

    it('refuses the list to those who do not book, scan or report, and a date that is not one', async () => {
      expect(await dayList(f.ctx(auditor), { date: '2026-11-23' })).toMatchObject({
        error: { code: 'forbidden' },
      });
      expect(await dayList(f.ctx(operator), { date: '23/11/2026' })).toMatchObject({
        error: { code: 'invalid', field: 'date' },
      });
    });

    it("reads a visit's latest results with the assessment the engine gave when they were entered", async () => {
      expect(await visitResults(f.ctx(operator), visitId)).toMatchObject({
        ok: true,
        value: { latest: null, versions: 0, visit: { id: visitId }, patient: { familyName: 'Cole' } },
      });
      const first = await enterDxaResults(f.ctx(operator), {
        visitId,
        sites: [{ site: 'L1-L4', bmdGcm2: 0.9, tScore: -1.3 }],
      });
      const corrected = await enterDxaResults(f.ctx(operator), {
        visitId,
        sites: [{ site: 'L1-L4', bmdGcm2: 0.8, tScore: -2.6 }],
      });
      if (!first.ok || !corrected.ok) throw new Error('results not entered');
      const read = await visitResults(f.ctx(operator), visitId);
      if (!read.ok) throw new Error(read.error.message);
      expect(read.value.versions).toBe(2);
      expect(read.value.latest?.id).toBe(corrected.value.id);
      expect(read.value.latest?.assessment).toEqual(JSON.parse(JSON.stringify(corrected.value.assessment)));
    });

    it("refuses a visit's results to a physicist, and names an unknown visit", async () => {
      expect(await visitResults(f.ctx(physicist), visitId)).toMatchObject({ error: { code: 'forbidden' } });
      expect(await visitResults(f.ctx(operator), '00000000-0000-4000-8000-000000000000')).toMatchObject({
        error: { code: 'not_found' },
      });
    });
  });
}
