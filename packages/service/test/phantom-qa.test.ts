import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@quantrad/store';
import type { Actor } from '../src/actor.ts';
import {
  closeQaAlert,
  recordDailyQc,
  phantomChart,
  recordPhantomScan,
  registerScanner,
  setPhantomBaseline,
} from '../src/index.ts';
import { dailyQcPassed } from '../src/scanners/scanner-use-cases.ts';
import { ServiceFixture } from './service-fixture.ts';

// The made-up baseline of the engine's tests: mean 1.000 g/cm2, SD 0.0052705, limits 0.985 to 1.015.
const BASELINE_SCANS = [0.991, 0.994, 0.998, 0.998, 1.0, 1.0, 1.002, 1.002, 1.006, 1.009];
const TODAY = '2026-11-23';

for (const backend of TEST_BACKENDS) {
  describe(`phantom QA on ${backend.name}`, () => {
    let f: ServiceFixture;
    let operator: Actor;
    let physicist: Actor;
    beforeAll(async () => {
      f = new ServiceFixture(await backend.open());
      operator = await f.staff('olive.operator', [{ role: 'operator' }]);
      physicist = await f.staff('phil.physicist', [{ role: 'medical_physics_expert' }]);
      for (const [id, modality] of [
        ['DXA-1', 'dxa'],
        ['DXA-2', 'dxa'],
        ['CT-1', 'ct'],
      ] as const) {
        await registerScanner(f.ctx(physicist), {
          id,
          modality,
          manufacturer: 'Hologic',
          model: 'Horizon A',
          location: 'Unit 1',
        });
      }
    });
    afterAll(() => f.db.close());

    it('lets only a physicist set a baseline, from at least 10 scans of a DXA scanner', async () => {
      const body = { scansGcm2: BASELINE_SCANS, reason: 'Installation' };
      expect(await setPhantomBaseline(f.ctx(operator), 'DXA-1', body)).toMatchObject({
        error: { code: 'forbidden' },
      });
      expect(
        await setPhantomBaseline(f.ctx(physicist), 'DXA-1', { ...body, scansGcm2: BASELINE_SCANS.slice(1) }),
      ).toMatchObject({
        error: {
          field: 'scansGcm2',
          message: 'scansGcm2: phantom baseline: needs at least 10 scans, has 9 (ROS Appendix 3)',
        },
      });
      expect(await setPhantomBaseline(f.ctx(physicist), 'CT-1', body)).toMatchObject({
        error: { field: 'scannerId' },
      });
      const set = await setPhantomBaseline(f.ctx(physicist), 'DXA-1', body);
      if (!set.ok) throw new Error(set.error.message);
      expect(set.value.meanGcm2).toBeCloseTo(1.0, 12);
      expect(set.value.sdGcm2).toBeCloseTo(0.0052705, 7);
    });

    it('refuses a phantom scan on a scanner without a baseline', async () => {
      expect(await recordPhantomScan(f.ctx(operator), 'DXA-2', { bmdGcm2: 1.0 })).toMatchObject({
        error: {
          code: 'conflict',
          message: expect.stringContaining('DXA-2 has no phantom baseline') as unknown,
        },
      });
    });

    it('passes the day’s QC on a scan in control, and fails it with an alert on one out of control', async () => {
      const inControl = await recordPhantomScan(f.ctx(operator), 'DXA-1', { bmdGcm2: 1.002 });
      if (!inControl.ok) throw new Error(inControl.error.message);
      expect(inControl.value).toMatchObject({ alert: null, dailyQc: { passed: true, qcDate: TODAY } });
      expect(await dailyQcPassed(f.store, 'DXA-1', TODAY)).toBe(true);

      // 1.016 g/cm2 is +1.6%, beyond the ±1.5% tolerance and 3.04 SD from the mean.
      f.advanceMinutes(30);
      const out = await recordPhantomScan(f.ctx(operator), 'DXA-1', { bmdGcm2: 1.016 });
      if (!out.ok) throw new Error(out.error.message);
      expect(out.value.point.signals.map((s) => s.code)).toEqual(['outside_tolerance', 'one_beyond_3sd']);
      expect(out.value.dailyQc).toMatchObject({
        passed: false,
        note: 'phantom out of control: 1.60% from the baseline mean, outside ±1.5%; 3.0 SD from the mean',
      });
      expect(out.value.alert?.kind).toBe('phantom_out_of_control');
      // The pathway's gate reads the day's latest QC: no patient scan now (ROS 5.1).
      expect(await dailyQcPassed(f.store, 'DXA-1', TODAY)).toBe(false);
      // Nor can QC be passed again, by hand or by a repeat phantom scan in control, while the alert is open.
      expect(await recordDailyQc(f.ctx(operator), { scannerId: 'DXA-1', passed: true })).toMatchObject({
        error: { code: 'conflict', field: 'passed' },
      });
      f.advanceMinutes(5);
      const repeat = await recordPhantomScan(f.ctx(operator), 'DXA-1', { bmdGcm2: 1.002 });
      expect(repeat).toMatchObject({
        ok: true,
        value: {
          point: { inControl: true },
          dailyQc: {
            passed: false,
            note: 'phantom in control, but 1 out-of-control alert(s) on DXA-1 await a physicist (ROS 5.1)',
          },
        },
      });
      expect(await dailyQcPassed(f.store, 'DXA-1', TODAY)).toBe(false);
      f.advanceMinutes(-5);

      const chart = await phantomChart(f.ctx(physicist), 'DXA-1');
      if (!chart.ok) throw new Error(chart.error.message);
      expect(chart.value.points.map((p) => [p.bmdGcm2, p.inControl])).toEqual([
        [1.002, true],
        [1.016, false],
        [1.002, true],
      ]);
      expect(chart.value.openAlerts).toHaveLength(1);
      expect(chart.value.baseline?.reason).toBe('Installation');
    });

    it('lets only a physicist close an alert, once, saying what was done', async () => {
      const chart = await phantomChart(f.ctx(physicist), 'DXA-1');
      const alert = chart.ok ? chart.value.openAlerts[0] : undefined;
      if (!alert) throw new Error('no open alert');
      expect(await closeQaAlert(f.ctx(operator), alert.id, { note: 'Fine' })).toMatchObject({
        error: { code: 'forbidden' },
      });
      expect(await closeQaAlert(f.ctx(physicist), alert.id, { note: ' ' })).toMatchObject({
        error: { field: 'note' },
      });
      const closed = await closeQaAlert(f.ctx(physicist), alert.id, {
        note: 'Detector fault found by the engineer; new baseline after repair',
      });
      expect(closed).toMatchObject({ ok: true, value: { closedAt: '2026-11-23T09:30:00.000Z' } });
      expect(await closeQaAlert(f.ctx(physicist), alert.id, { note: 'Again' })).toMatchObject({
        error: { code: 'conflict', message: 'this alert is already closed' },
      });
      const after = await phantomChart(f.ctx(physicist), 'DXA-1');
      expect(after.ok && after.value.openAlerts).toEqual([]);
    });

    it('starts the chart again from a new baseline after the fault is put right', async () => {
      await setPhantomBaseline(f.ctx(physicist), 'DXA-1', {
        scansGcm2: BASELINE_SCANS.map((x) => x + 0.01),
        reason: 'Detector replaced; new baseline',
      });
      f.advanceMinutes(30);
      const scan = await recordPhantomScan(f.ctx(operator), 'DXA-1', { bmdGcm2: 1.012 });
      expect(scan.ok && scan.value.dailyQc.passed).toBe(true);
      const chart = await phantomChart(f.ctx(operator), 'DXA-1');
      expect(chart.ok && chart.value.points.map((p) => p.bmdGcm2)).toEqual([1.012]);
    });
  });
}
