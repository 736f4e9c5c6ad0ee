import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@quantrad/store';
import { bearer, httpFixture, type HttpFixture } from './http-fixture.ts';

// One patient through every step over HTTP, each by the duty holder the pathway names: registered by
// the operator, justified by the IR(ME)R practitioner, booked, scanned after the day's QC, results
// entered, reported, signed and issued by the reporter.

for (const backend of TEST_BACKENDS) {
  describe(`the DXA pathway over HTTP on ${backend.name}`, () => {
    let f: HttpFixture;
    beforeAll(async () => {
      f = await httpFixture(await backend.open());
    }, 60_000);
    afterAll(() => f.close());

    async function call(
      role: Parameters<typeof bearer>[1],
      method: 'GET' | 'POST',
      url: string,
      payload?: object,
    ) {
      const response = await f.app.inject({
        method,
        url,
        headers: bearer(f, role),
        ...(payload ? { payload } : {}),
      });
      if (response.statusCode >= 300)
        throw new Error(`${method} ${url}: ${String(response.statusCode)} ${response.body}`);
      return response;
    }

    it('walks from referral to an issued, signed report', async () => {
      const referral = (
        await call('operator', 'POST', '/api/referrals', {
          patient: {
            identifier: '600 100 2000',
            familyName: 'Hughes',
            givenNames: 'Margaret',
            birthDate: '1949-07-21',
            address: '4 Mill Lane, Bath',
            sex: 'female',
            pronouns: 'she/her',
          },
          referrerId: '0b7d8a4e-6f1c-4d1e-9f0a-000000000001',
          source: 'fracture_liaison',
          examination: 'dxa',
          indications: ['fragility_fracture'],
          clinicalInformation: 'Low-trauma wrist fracture in August; mother had a hip fracture.',
          signedByReferrer: true,
          method: 'electronic',
        })
      ).json<{ id: string }>();
      await call('irmer_practitioner', 'POST', `/api/referrals/${referral.id}/authorise`, {
        basis: 'practitioner_justified',
      });
      const appointment = (
        await call('operator', 'POST', '/api/appointments', {
          referralId: referral.id,
          scannerId: 'DXA-1',
          startsAt: '2026-11-23T15:00:00Z',
        })
      ).json<{ id: string; withinSixWeeks: boolean }>();
      expect(appointment.withinSixWeeks).toBe(true);
      const visit = (
        await call('operator', 'POST', '/api/visits', {
          appointmentId: appointment.id,
          identity: { name: true, birthDate: true, address: true, examination: true },
          pregnancy: { childBearingCapacity: false, status: 'not_applicable' },
          questionnaire: { parentHipFracture: { answer: 'yes' }, currentSmoker: { answer: 'no' } },
          heightCm: 158,
          weightKg: 61,
          consent: true,
          contraindications: { recentNuclearMedicine: false, recentContrast: false },
          sitesScanned: ['lumbar_spine', 'left_hip'],
        })
      ).json<{ id: string }>();
      await call('operator', 'POST', '/api/results/dxa', {
        visitId: visit.id,
        menopause: 'post',
        sites: [
          { site: 'L1-L4', bmdGcm2: 0.86, tScore: -1.7 },
          { site: 'femoral_neck', side: 'left', bmdGcm2: 0.6, tScore: -2.1 },
          { site: 'total_hip', side: 'left', bmdGcm2: 0.74, tScore: -1.7 },
        ],
        fractureRisk: { tool: 'FRAX', withBmd: true, majorOsteoporoticPercent: 24, hipPercent: 5.8 },
      });
      const draft = (await call('reporter', 'POST', '/api/reports', { visitId: visit.id })).json<{
        id: string;
        text: string;
      }>();
      // T -2.1 is low bone density; FRAX 24% and 5.8% are above the NOGG intervention thresholds at 77.
      expect(draft.text).toContain('Increased (high) fracture risk and low bone density (osteopenia).');
      await call('reporter', 'POST', `/api/reports/${draft.id}/sign`);
      const issued = (await call('reporter', 'POST', `/api/reports/${draft.id}/issue`)).json<{
        issuedVersion: number;
        state: string;
      }>();
      expect(issued).toMatchObject({ issuedVersion: 1, state: 'signed' });
      const pdf = await call('reporter', 'GET', `/api/reports/${draft.id}?format=pdf`);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const referralNow = (await call('operator', 'GET', `/api/referrals/${referral.id}`)).json<{
        state: string;
        history: { toState: string }[];
      }>();
      expect(referralNow.history.map((h) => h.toState)).toEqual(['received', 'authorised', 'scanned']);
      expect((await f.store.audit.verify()).problems).toEqual([]);
    });
  });
}
