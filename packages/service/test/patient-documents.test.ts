import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questionnaireSchema, TEST_BACKENDS, type ReferrerRecord } from '@quantrad/store';
import questionnaireJson from '../data/bone-health-questionnaire.json' with { type: 'json' };
import leafletJson from '../data/patient-leaflet.json' with { type: 'json' };
import type { Actor } from '../src/actor.ts';
import { patientLeafletDocument } from '../src/appointments/patient-documents.ts';
import {
  authoriseReferral,
  bookAppointment,
  getBookingDetail,
  registerReferral,
  registerScanner,
  type BookingDetail,
} from '../src/index.ts';
import { ServiceFixture } from './service-fixture.ts';

/** Every piece of text in the leaflet, in order, to look for the department's details. */
function leafletText(l: BookingDetail['documents']['leaflet']): string {
  return [
    l.title,
    l.introduction,
    ...l.sections.flatMap((s) => [s.heading, ...s.paragraphs, ...s.items]),
  ].join('\n');
}

describe('the leaflet without service details', () => {
  it('asks the patient to use the number on their letter rather than leaving a gap', () => {
    const l = patientLeafletDocument(null);
    const text = leafletText(l);
    expect(text).not.toContain('{telephone}');
    expect(text).toContain(`on ${leafletJson.noTelephone}`);
    expect(l.contact.department).toEqual({ name: null, address: null, telephone: null, email: null });
  });
});

for (const backend of TEST_BACKENDS) {
  describe(`the leaflet and questionnaire sent with the appointment on ${backend.name}`, () => {
    let f: ServiceFixture;
    let operator: Actor;
    let practitioner: Actor;
    let gp: ReferrerRecord;

    beforeAll(async () => {
      f = new ServiceFixture(await backend.open());
      await f.user('olive.operator', [{ role: 'operator' }]);
      await f.user('phil.physicist', [{ role: 'medical_physics_expert' }]);
      await f.user('pat.practitioner', [{ role: 'irmer_practitioner' }]);
      operator = await f.signedIn('olive.operator');
      practitioner = await f.signedIn('pat.practitioner');
      const physicist = await f.signedIn('phil.physicist');
      gp = await f.referrer();
      await f.store.reports.setServiceDetails({
        name: 'Wells Bone Density Service',
        address: 'Wells Community Hospital, Wells BA5 1XX',
        adviceLine: '01749 123456',
        email: 'dxa@wells.example.nhs.uk',
        gpCopyCommissioned: false,
      });
      const s = await registerScanner(f.ctx(physicist), {
        id: 'DXA-W',
        modality: 'dxa',
        manufacturer: 'GE',
        model: 'Lunar iDXA',
        location: 'Outpatients, Wells Community Hospital',
      });
      if (!s.ok) throw new Error(s.error.message);
    });
    afterAll(() => f.db.close());

    async function bookedReferral(): Promise<string> {
      const r = await registerReferral(f.ctx(operator), {
        patient: {
          identifier: 'letters-1',
          familyName: 'Okafor',
          givenNames: 'Grace Ada',
          birthDate: '1949-11-02',
          address: '3 Mill Lane, Wells',
          sex: 'female',
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
      const b = await bookAppointment(f.ctx(operator), {
        referralId: r.value.id,
        scannerId: 'DXA-W',
        startsAt: '2026-12-08T14:30:00Z',
      });
      if (!b.ok) throw new Error(b.error.message);
      return r.value.id;
    }

    it('serves both with the booking: the department from the service details, the visit’s questions', async () => {
      const referralId = await bookedReferral();
      const detail = await getBookingDetail(f.ctx(operator), referralId);
      if (!detail.ok) throw new Error(detail.error.message);
      const { leaflet, questionnaire } = detail.value.documents;

      // The leaflet: every heading of the data file, in order, and the department's own details.
      expect(leaflet.sections.map((s) => s.heading)).toEqual(leafletJson.sections.map((s) => s.heading));
      expect(leaflet.contact.department).toEqual({
        name: 'Wells Bone Density Service',
        address: 'Wells Community Hospital, Wells BA5 1XX',
        telephone: '01749 123456',
        email: 'dxa@wells.example.nhs.uk',
      });
      const help = leaflet.sections.find((s) => s.heading === 'How you can help us');
      expect(help?.items.filter((i) => i.includes('on 01749 123456'))).toHaveLength(2);
      expect(leafletText(leaflet)).not.toContain('{telephone}');

      // The questionnaire: exactly the questions the scan visit records, in the patient's words.
      expect(questionnaire.questions.map((q) => q.key)).toEqual(
        questionnaireJson.questions.map((q) => q.key),
      );
      expect([...questionnaire.questions.map((q) => q.key)].sort()).toEqual(
        Object.keys(questionnaireSchema.shape).sort(),
      );
      expect(questionnaire.questions.map((q) => [q.text, q.takesDetail, q.writeIn])).toEqual(
        questionnaireJson.questions.map((q) => [q.toPatient, q.takesDetail, q.writeIn]),
      );
      expect(questionnaire.patient).toEqual({
        name: 'Grace Ada Okafor',
        birthDate: '1949-11-02',
        identifier: 'letters-1',
      });
      // 14:30 UTC on 8 December is 14:30 in London (GMT).
      expect(questionnaire.appointment).toEqual({
        startsAt: '2026-12-08T14:30:00.000Z',
        when: 'Tuesday 8 December 2026 at 14:30',
        location: 'Outpatients, Wells Community Hospital',
      });
    });
  });
}
