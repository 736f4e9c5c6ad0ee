import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@quantrad/store';
import { bearer, httpFixture, type HttpFixture } from './http-fixture.ts';

const newReferral = {
  patient: {
    identifier: '999 000 1111',
    familyName: 'Evans',
    givenNames: 'Mary',
    birthDate: '1950-02-02',
    address: '2 Mill Lane, Bath',
    sex: 'female',
  },
  referrerId: '0b7d8a4e-6f1c-4d1e-9f0a-000000000001',
  source: 'fracture_liaison',
  examination: 'dxa',
  indications: ['fragility_fracture'],
  clinicalInformation: 'Hip fracture after a trip at home, seen by the fracture liaison service.',
  signedByReferrer: true,
  method: 'electronic',
};

for (const backend of TEST_BACKENDS) {
  describe(`HTTP API on ${backend.name}`, () => {
    let f: HttpFixture;
    beforeAll(async () => {
      f = await httpFixture(await backend.open());
    }, 60_000);
    afterAll(() => f.close());

    it('answers health and serves an OpenAPI document made from the route schemas', async () => {
      expect((await f.app.inject('/api/health')).json()).toEqual({ status: 'ok', database: f.db.kind });
      const doc = (await f.app.inject('/api/openapi.json')).json<{
        openapi: string;
        paths: Record<
          string,
          Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }>
        >;
      }>();
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/api/referrals',
          '/api/referrals/{id}/authorise',
          '/api/auth/sign-in',
          '/api/users',
        ]),
      );
      const body = doc.paths['/api/referrals']?.['post']?.requestBody?.content['application/json']?.schema;
      expect(body?.required).toEqual(
        expect.arrayContaining(['patient', 'referrerId', 'clinicalInformation', 'signedByReferrer']),
      );
    });

    it('refuses a request without a session with 401, and bad input with 400 naming the field', async () => {
      expect((await f.app.inject('/api/referrals')).statusCode).toBe(401);
      const bad = await f.app.inject({
        method: 'POST',
        url: '/api/referrals',
        headers: bearer(f, 'operator'),
        payload: { ...newReferral, patient: { ...newReferral.patient, birthDate: '02/02/1950' } },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ error: { code: string; field: string } }>().error).toMatchObject({
        code: 'invalid',
        field: 'patient.birthDate',
      });
      const badId = await f.app.inject({ url: '/api/referrals/not-a-uuid', headers: bearer(f, 'operator') });
      expect(badId.json<{ error: { field: string } }>().error.field).toBe('id');
    });

    it('registers, lists oldest first and authorises a referral over HTTP', async () => {
      const created = await f.app.inject({
        method: 'POST',
        url: '/api/referrals',
        headers: bearer(f, 'operator'),
        payload: newReferral,
      });
      expect(created.statusCode).toBe(201);
      const id = created.json<{ id: string }>().id;
      const worklist = await f.app.inject({
        url: '/api/referrals?state=received',
        headers: bearer(f, 'irmer_practitioner'),
      });
      const items = worklist.json<{ items: { id: string; waitingDays: number; dm01Breach: boolean }[] }>()
        .items;
      // The demo referral received 45 days ago is first and past the six-week target.
      expect(items[0]).toMatchObject({ waitingDays: 45, dm01Breach: true });
      expect(items.map((i) => i.id)).toContain(id);
      const authorised = await f.app.inject({
        method: 'POST',
        url: `/api/referrals/${id}/authorise`,
        headers: bearer(f, 'irmer_practitioner'),
        payload: { basis: 'practitioner_justified' },
      });
      expect(authorised.json()).toMatchObject({
        state: 'authorised',
        authorisation: 'practitioner_justified',
      });
    });
  });
}
