import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, type ReferrerRecord } from '@quantrad/store';
import type { Actor } from '../src/actor.ts';
import {
  commissioningState,
  enterDxaResults,
  listCrossCalibrations,
  recordCommissioningCheck,
  recordCrossCalibration,
  registerScanner,
  listScanners,
  releaseScanner,
  setPhantomBaseline,
  setScannerLsc,
  startCommissioning,
} from '../src/index.ts';
import { commissioningChecklist } from '../src/reference/commissioning-checklist.ts';
import { scannedVisit } from './pathway-helpers.ts';
import { ServiceFixture } from './service-fixture.ts';

const patient = {
  identifier: 'xcal-1',
  familyName: 'Moss',
  givenNames: 'Edith',
  birthDate: '1950-02-02',
  address: '9 Quay Road',
  sex: 'female' as const,
};

// 30 patients whose new-scanner BMD is exactly 1.02 x old - 0.010: the fit must give that line.
const inVivoScans = Array.from({ length: 30 }, (_, i) => 0.7 + i * 0.02).flatMap((old, i) => [
  { patient: `X${String(i)}`, scanner: 'old' as const, bmdGcm2: old },
  { patient: `X${String(i)}`, scanner: 'new' as const, bmdGcm2: 1.02 * old - 0.01 },
  { patient: `X${String(i)}`, scanner: 'new' as const, bmdGcm2: 1.02 * old - 0.01 },
]);

for (const backend of TEST_BACKENDS) {
  describe(`commissioning a replacement scanner and cross-calibrating it on ${backend.name}`, () => {
    let f: ServiceFixture;
    let operator: Actor;
    let physicist: Actor;
    let manager: Actor;
    let gp: ReferrerRecord;
    beforeAll(async () => {
      f = new ServiceFixture(await backend.open());
      operator = await f.staff('olive.operator', [{ role: 'operator' }]);
      physicist = await f.staff('phil.physicist', [{ role: 'medical_physics_expert' }]);
      manager = await f.staff('sam.manager', [{ role: 'service_manager' }]);
      gp = await f.referrer();
      await f.scanner(physicist);
      const added = await registerScanner(f.ctx(physicist), {
        id: 'DXA-2',
        modality: 'dxa',
        manufacturer: 'GE',
        model: 'Lunar iDXA',
        location: 'Unit 1',
      });
      if (!added.ok) throw new Error(added.error.message);
    });
    afterAll(() => f.db.close());

    it('keeps a scanner out of clinical use until the physicist releases it with nothing outstanding', async () => {
      expect(await startCommissioning(f.ctx(operator), 'DXA-2', {})).toMatchObject({
        error: { code: 'forbidden' },
      });
      const ct = await registerScanner(f.ctx(physicist), {
        id: 'CT-9',
        modality: 'ct',
        manufacturer: 'Siemens',
        model: 'SOMATOM',
        location: 'CT suite',
      });
      expect(ct.ok).toBe(true);
      expect(await startCommissioning(f.ctx(manager), 'CT-9', {})).toMatchObject({
        error: { code: 'invalid' },
      });
      expect(await startCommissioning(f.ctx(manager), 'DXA-2', { replacesScannerId: 'CT-9' })).toMatchObject({
        error: { field: 'replacesScannerId' },
      });
      expect(await startCommissioning(f.ctx(manager), 'DXA-2', { replacesScannerId: 'DXA-2' })).toMatchObject(
        {
          error: { field: 'replacesScannerId' },
        },
      );
      const started = await startCommissioning(f.ctx(manager), 'DXA-2', { replacesScannerId: 'DXA-1' });
      if (!started.ok) throw new Error(started.error.message);
      // Every item is outstanding: nothing is recorded, and the phantom baseline and the cross-calibration
      // from DXA-1 (it replaces DXA-1) are not there yet.
      expect(started.value.outstanding).toHaveLength(commissioningChecklist.items.length);
      expect(await startCommissioning(f.ctx(manager), 'DXA-2', {})).toMatchObject({
        error: { code: 'conflict' },
      });
      await expect(
        scannedVisit(f, operator, gp, 'DXA-2', { ...patient, identifier: 'early-1' }),
      ).rejects.toThrow('it is being commissioned and has not been released for clinical use');
      // The scanner list says so, for the day's list and the visit's gate; the others are in clinical use.
      const listed = await listScanners(f.ctx(operator));
      expect(listed.ok && listed.value.map((s) => [s.id, s.awaitingRelease])).toEqual([
        ['CT-9', false],
        ['DXA-1', false],
        ['DXA-2', true],
      ]);

      // Items checked from the record cannot be ticked; not applicable needs why; evidence where required;
      // the MPE's acceptance report only by the MPE.
      expect(
        await recordCommissioningCheck(f.ctx(manager), 'DXA-2', 'phantom_baseline', { outcome: 'done' }),
      ).toMatchObject({ error: { field: 'itemCode' } });
      expect(
        await recordCommissioningCheck(f.ctx(manager), 'DXA-2', 'inventory', { outcome: 'not_applicable' }),
      ).toMatchObject({ error: { field: 'note' } });
      expect(
        await recordCommissioningCheck(f.ctx(manager), 'DXA-2', 'critical_examination', { outcome: 'done' }),
      ).toMatchObject({ error: { field: 'evidence' } });
      expect(
        await recordCommissioningCheck(f.ctx(manager), 'DXA-2', 'critical_examination', {
          outcome: 'not_applicable',
          note: 'Done by the supplier',
        }),
      ).toMatchObject({ error: { field: 'outcome' } });

      expect(
        await recordCommissioningCheck(f.ctx(operator), 'DXA-2', 'radiation_safety_acceptance', {
          outcome: 'done',
          evidence: 'MPE report 2026/114',
        }),
      ).toMatchObject({ error: { code: 'forbidden' } });
      expect(
        await recordCommissioningCheck(f.ctx(manager), 'DXA-2', 'no_such_item', { outcome: 'done' }),
      ).toMatchObject({ error: { code: 'not_found' } });

      const manual = commissioningChecklist.items.filter((i) => !i.verifiedBy);
      for (const item of manual) {
        const by = item.byRole === 'medical_physics_expert' ? physicist : manager;
        const recorded = await recordCommissioningCheck(f.ctx(by), 'DXA-2', item.code, {
          outcome: 'done',
          ...(item.evidenceRequired ? { evidence: `report ${item.code}` } : {}),
        });
        if (!recorded.ok) throw new Error(recorded.error.message);
      }
      expect(await releaseScanner(f.ctx(physicist), 'DXA-2', {})).toMatchObject({
        error: {
          code: 'conflict',
          message:
            'DXA-2 cannot be released for clinical use: outstanding phantom_baseline, cross_calibration (ROS Appendix 3)',
        },
      });

      const baseline = await setPhantomBaseline(f.ctx(physicist), 'DXA-2', {
        scansGcm2: [1.03, 1.031, 1.029, 1.03, 1.032, 1.028, 1.03, 1.031, 1.029, 1.03],
        reason: 'Acceptance testing',
      });
      if (!baseline.ok) throw new Error(baseline.error.message);
      const xcal = await recordCrossCalibration(f.ctx(physicist), {
        method: 'in_vivo',
        fromScannerId: 'DXA-1',
        toScannerId: 'DXA-2',
        site: 'spine',
        performedFrom: '2026-11-01',
        performedTo: '2026-11-20',
        lscGcm2: 0.03,
        scans: inVivoScans,
      });
      expect(xcal).toMatchObject({ ok: true, value: { slope: 1.02, interceptGcm2: -0.01, lscGcm2: 0.03 } });
      const state = await commissioningState(f.ctx(operator), 'DXA-2');
      expect(state.ok && state.value.items.find((i) => i.code === 'cross_calibration')).toMatchObject({
        status: 'done',
        detail: '1 cross-calibration(s) from DXA-1',
      });

      expect(await releaseScanner(f.ctx(manager), 'DXA-2', {})).toMatchObject({
        error: { code: 'forbidden' },
      });
      const released = await releaseScanner(f.ctx(physicist), 'DXA-2', {
        note: 'Signed over to the department',
      });
      expect(released).toMatchObject({ ok: true, value: { readyForRelease: true, outstanding: [] } });
      const afterRelease = await listScanners(f.ctx(operator));
      expect(afterRelease.ok && afterRelease.value.find((s) => s.id === 'DXA-2')?.awaitingRelease).toBe(
        false,
      );
      expect(
        await recordCommissioningCheck(f.ctx(manager), 'DXA-2', 'inventory', { outcome: 'done' }),
      ).toMatchObject({ error: { code: 'conflict' } });
      expect(await releaseScanner(f.ctx(physicist), 'DXA-2', {})).toMatchObject({
        error: { code: 'conflict' },
      });
    });

    it('compares a prior on the old scanner through the cross-calibration (ISCD 2019)', async () => {
      await setScannerLsc(f.ctx(physicist), {
        scannerId: 'DXA-2',
        site: 'spine',
        lscGcm2: 0.025,
        source: 'x',
      });
      const first = await scannedVisit(f, operator, gp, 'DXA-1', patient);
      const before = await enterDxaResults(f.ctx(operator), {
        visitId: first.visitId,
        menopause: 'post',
        sites: [{ site: 'L1-L4', bmdGcm2: 1.0, tScore: -0.4 }],
      });
      if (!before.ok) throw new Error(before.error.message);
      f.advanceMinutes(2 * 365 * 24 * 60);
      const second = await scannedVisit(
        f,
        operator,
        gp,
        'DXA-2',
        patient,
        {},
        {
          scannerOverrideReason: 'DXA-1 replaced by DXA-2',
        },
      );
      const after = await enterDxaResults(f.ctx(operator), {
        visitId: second.visitId,
        menopause: 'post',
        sites: [{ site: 'L1-L4', bmdGcm2: 0.99, tScore: -0.5 }],
      });
      if (!after.ok) throw new Error(after.error.message);
      // Prior 1.000 on DXA-1 is 1.02 x 1.000 - 0.010 = 1.010 on DXA-2; 0.990 - 1.010 = -0.020, within the
      // cross-calibration LSC of 0.030 (not DXA-2's own 0.025): no significant change.
      expect(after.value.assessment.changes).toMatchObject([
        {
          site: 'L1-L4',
          priorBmdGcm2: 1.01,
          changeGcm2: -0.02,
          lscGcm2: 0.03,
          comparable: true,
          significant: false,
        },
      ]);
      expect(after.value.assessment.changes[0]?.note).toContain(
        'prior converted to DXA-2 by cross-calibration',
      );
    });

    it('refuses an in vivo study of fewer than 30 patients and a phantom study of fewer than 10 scans each', async () => {
      const base = {
        site: 'spine' as const,
        fromScannerId: 'DXA-1',
        toScannerId: 'DXA-2',
        performedFrom: '2026-11-01',
        performedTo: '2026-11-02',
      };
      expect(
        await recordCrossCalibration(f.ctx(physicist), {
          ...base,
          method: 'in_vivo',
          scans: inVivoScans.slice(0, 87),
        }),
      ).toMatchObject({
        error: {
          field: 'scans',
          message: 'scans: 29 patients: an ISCD in vivo cross-calibration needs at least 30',
        },
      });
      const phantom = (n: number): { patient: string; scanner: 'old' | 'new'; bmdGcm2: number }[] => [
        ...Array.from({ length: n }, () => ({
          patient: 'spine phantom',
          scanner: 'old' as const,
          bmdGcm2: 1.0,
        })),
        ...Array.from({ length: n }, () => ({
          patient: 'spine phantom',
          scanner: 'new' as const,
          bmdGcm2: 1.05,
        })),
      ];
      expect(
        await recordCrossCalibration(f.ctx(physicist), { ...base, method: 'phantom', scans: phantom(9) }),
      ).toMatchObject({ error: { field: 'scans' } });
      // A spine phantom says nothing of the hip; an in vivo study names the site it measured.
      expect(
        await recordCrossCalibration(f.ctx(physicist), {
          ...base,
          site: 'total_hip',
          method: 'phantom',
          scans: phantom(10),
        }),
      ).toMatchObject({ error: { field: 'site' } });
      expect(
        await recordCrossCalibration(f.ctx(physicist), {
          ...base,
          site: null,
          method: 'in_vivo',
          scans: inVivoScans,
        }),
      ).toMatchObject({ error: { field: 'site' } });
      // Ratio of phantom means 1.05 / 1.00: slope 1.05, intercept 0.
      expect(
        await recordCrossCalibration(f.ctx(physicist), {
          ...base,
          site: 'L1-L4',
          method: 'phantom',
          scans: phantom(10),
        }),
      ).toMatchObject({ ok: true, value: { slope: 1.05, interceptGcm2: 0, method: 'phantom' } });
      expect(
        await recordCrossCalibration(f.ctx(physicist), {
          ...base,
          toScannerId: 'DXA-1',
          method: 'stated',
          slope: 1,
          interceptGcm2: 0,
          source: 'x',
        }),
      ).toMatchObject({ error: { field: 'toScannerId' } });
      expect(
        await recordCrossCalibration(f.ctx(operator), {
          ...base,
          method: 'stated',
          slope: 1.01,
          interceptGcm2: 0,
          source: 'Manufacturer',
        }),
      ).toMatchObject({ error: { code: 'forbidden' } });
      const listed = await listCrossCalibrations(f.ctx(manager), 'DXA-2');
      expect(listed.ok && listed.value.map((c) => [c.method, c.site])).toEqual([
        ['phantom', 'L1-L4'],
        ['in_vivo', 'spine'],
      ]);
    });
  });
}
