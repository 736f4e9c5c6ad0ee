import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, type ReferrerRecord } from '@quantrad/store';
import type { Actor } from '../src/actor.ts';
import { enterDxaResults, recordFurtherInvestigation, setScannerLsc } from '../src/index.ts';
import { scannedVisit } from './pathway-helpers.ts';
import { ServiceFixture } from './service-fixture.ts';

const patient = {
  identifier: '485 777 3456',
  familyName: 'Cole',
  givenNames: 'Janet',
  birthDate: '1956-03-10',
  address: '1 High Street, Bath',
  sex: 'female',
} as const;

for (const backend of TEST_BACKENDS) {
  describe(`DXA results on ${backend.name}`, () => {
    let f: ServiceFixture;
    let operator: Actor;
    let physicist: Actor;
    let gp: ReferrerRecord;

    beforeAll(async () => {
      f = new ServiceFixture(await backend.open());
      await f.user('olive.operator', [{ role: 'operator' }]);
      await f.user('phil.physicist', [{ role: 'medical_physics_expert' }]);
      operator = await f.signedIn('olive.operator');
      physicist = await f.signedIn('phil.physicist');
      gp = await f.referrer();
      await f.scanner(physicist);
    });
    afterAll(() => f.db.close());

    it('lets only a physicist record an LSC, in g/cm²', async () => {
      expect(
        await setScannerLsc(f.ctx(operator), {
          scannerId: 'DXA-1',
          site: 'spine',
          lscGcm2: 0.03,
          source: 'x',
        }),
      ).toMatchObject({ error: { code: 'forbidden' } });
      expect(
        await setScannerLsc(f.ctx(physicist), {
          scannerId: 'DXA-1',
          site: 'spine',
          lscGcm2: 30,
          source: 'x',
        }),
      ).toMatchObject({ error: { field: 'lscGcm2' } });
      for (const [site, side, lscGcm2] of [
        ['spine', null, 0.03],
        ['total_hip', 'left', 0.024],
        ['femoral_neck', 'left', 0.033],
      ] as const) {
        const set = await setScannerLsc(f.ctx(physicist), {
          scannerId: 'DXA-1',
          site,
          side,
          lscGcm2,
          source: 'Precision study 2026-03: 30 patients × 2 scans',
        });
        expect(set.ok).toBe(true);
      }
    });

    it('runs the engine on the entered values with the measured height and weight', async () => {
      const { visitId } = await scannedVisit(f, operator, gp, 'DXA-1', patient);
      expect(
        await enterDxaResults(f.ctx(operator), { visitId, sites: [{ site: 'L1-L4', bmdGcm2: 780 }] }),
      ).toMatchObject({
        error: { code: 'invalid', field: 'sites.0.bmdGcm2' },
      });
      const entered = await enterDxaResults(f.ctx(operator), {
        visitId,
        menopause: 'post',
        sites: [
          { site: 'L1-L4', bmdGcm2: 0.78, tScore: -2.4 },
          { site: 'femoral_neck', side: 'left', bmdGcm2: 0.55, tScore: -2.6 },
          { site: 'total_hip', side: 'left', bmdGcm2: 0.68, tScore: -2.1 },
        ],
      });
      if (!entered.ok) throw new Error(entered.error.message);
      const a = entered.value.assessment;
      // ISCD 2019: the lowest T-score of spine, total hip and femoral neck, -2.6 ≤ -2.5: osteoporosis.
      expect(a.classification).toMatchObject({ category: 'osteoporosis', score: -2.6, site: 'femoral_neck' });
      // 58 kg / 1.62² = 22.1 kg/m²; aged 70 on 23 November 2026 (born 10 March 1956)
      expect([a.bmiKgM2, a.ageYears]).toEqual([22.1, 70]);
      expect(entered.value.version).toBe(1);
    });

    it('compares a follow-up two years later with the earlier result against the scanner LSC', async () => {
      f.advanceMinutes(2 * 365 * 24 * 60);
      const { visitId } = await scannedVisit(f, operator, gp, 'DXA-1', patient);
      const entered = await enterDxaResults(f.ctx(operator), {
        visitId,
        menopause: 'post',
        sites: [
          { site: 'L1-L4', bmdGcm2: 0.745, tScore: -2.7 },
          { site: 'femoral_neck', side: 'left', bmdGcm2: 0.545, tScore: -2.6 },
          { site: 'total_hip', side: 'left', bmdGcm2: 0.67, tScore: -2.2 },
        ],
      });
      if (!entered.ok) throw new Error(entered.error.message);
      const changes = Object.fromEntries(
        entered.value.assessment.changes.map((c) => [
          `${c.site}/${c.side ?? ''}`,
          [c.changeGcm2, c.significant],
        ]),
      );
      // Spine 0.745 - 0.780 = -0.035, beyond the LSC of 0.030: a real loss. Total hip -0.010 and
      // femoral neck -0.005 are within their LSCs (0.024, 0.033).
      expect(changes).toEqual({
        'L1-L4/': [-0.035, true],
        'femoral_neck/left': [-0.005, false],
        'total_hip/left': [-0.01, false],
      });
    });

    it('records the investigations the results call for as recommended, once per visit (ROS 4.7)', async () => {
      const { visitId, referralId } = await scannedVisit(f, operator, gp, 'DXA-1', {
        ...patient,
        identifier: 'steroids-1',
      });
      const results = {
        visitId,
        menopause: 'post',
        clinical: { glucocorticoidMgPerDay: 7.5, glucocorticoidMonths: 6 },
        sites: [
          { site: 'L1-L4', bmdGcm2: 0.86, tScore: -1.7 },
          { site: 'total_hip', side: 'left', bmdGcm2: 0.74, tScore: -2.1 },
        ],
      } as const;
      const first = await enterDxaResults(f.ctx(operator), results);
      if (!first.ok) throw new Error(first.error.message);
      // ISCD 2019: glucocorticoids ≥ 5 mg/day for ≥ 3 months with T below -1.0 call for VFA.
      expect(first.value.assessment.flags.map((fl) => fl.code)).toContain('vfa_indicated');
      await enterDxaResults(f.ctx(operator), results);
      const patientId = first.value.patientId;
      const recommended = await f.store.investigations.forPatient(patientId);
      expect(recommended.map((i) => [i.kind, i.status])).toEqual([
        ['vertebral_fracture_assessment', 'recommended'],
      ]);
      const done = await recordFurtherInvestigation(f.ctx(operator), {
        referralId,
        visitId,
        kind: 'vertebral_fracture_assessment',
        reason: 'Recommended at the scan',
        status: 'done',
        outcome: 'No vertebral fracture T4 to L4',
      });
      expect(done).toMatchObject({
        ok: true,
        value: { status: 'done', outcome: 'No vertebral fracture T4 to L4' },
      });
      expect(
        await recordFurtherInvestigation(f.ctx(physicist), {
          referralId,
          kind: 'blood_tests',
          reason: 'x',
          status: 'requested',
        }),
      ).toMatchObject({
        error: { code: 'forbidden' },
      });
    });

    it('keeps every version when results are corrected', async () => {
      const [latest] = (
        await f.store.results.latestForPatient(
          (await f.store.patients.byIdentifier('https://fhir.nhs.uk/Id/nhs-number', '485 777 3456'))?.id ??
            '',
        )
      ).slice(-1);
      if (!latest) throw new Error('no results');
      const corrected = await enterDxaResults(f.ctx(operator), {
        visitId: latest.visitId,
        menopause: 'post',
        sites: [
          { site: 'L1-L4', bmdGcm2: 0.755, tScore: -2.6 },
          { site: 'femoral_neck', side: 'left', bmdGcm2: 0.545, tScore: -2.6 },
          { site: 'total_hip', side: 'left', bmdGcm2: 0.67, tScore: -2.2 },
        ],
      });
      expect(corrected).toMatchObject({ ok: true, value: { version: 2 } });
      expect((await f.store.results.versionsForVisit(latest.visitId)).map((v) => v.version)).toEqual([1, 2]);
      expect((await f.store.audit.verify()).problems).toEqual([]);
    });
  });
}
