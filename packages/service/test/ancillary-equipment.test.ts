import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, type CalibrationCheckRecord } from '@quantrad/store';
import type { Actor } from '../src/actor.ts';
import {
  addAncillaryEquipment,
  calibrationStatus,
  listAncillaryEquipment,
  recordCalibrationCheck,
} from '../src/index.ts';
import { ServiceFixture } from './service-fixture.ts';

function check(checkedOn: string, passed = true): CalibrationCheckRecord {
  return { id: checkedOn, equipmentId: 'e', checkedOn, checkedBy: 'u', passed, note: passed ? null : 'off' };
}

// Worked by hand for a yearly item: checked 2025-12-01 → due 2026-12-01; "due soon" from 30 days before
// (2026-11-01); overdue from 2026-12-02.
describe('calibration status of scales, stadiometers and hoists', () => {
  const yearly = { checkIntervalDays: 365 };
  it('is never checked, in date, due soon, overdue or failed', () => {
    expect(calibrationStatus(yearly, [], '2026-11-23').state).toBe('never_checked');
    expect(calibrationStatus(yearly, [check('2025-12-01')], '2026-10-31')).toMatchObject({
      state: 'in_date',
      nextDueOn: '2026-12-01',
    });
    expect(calibrationStatus(yearly, [check('2025-12-01')], '2026-11-01').state).toBe('due_soon');
    expect(calibrationStatus(yearly, [check('2025-12-01')], '2026-12-01').state).toBe('due_soon');
    expect(calibrationStatus(yearly, [check('2025-12-01')], '2026-12-02').state).toBe('overdue');
    expect(
      calibrationStatus(yearly, [check('2025-12-01'), check('2026-06-01', false)], '2026-06-02').state,
    ).toBe('failed');
  });
});

for (const backend of TEST_BACKENDS) {
  describe(`scales, stadiometers and hoists on ${backend.name}`, () => {
    let f: ServiceFixture;
    let operator: Actor;
    let physicist: Actor;
    beforeAll(async () => {
      f = new ServiceFixture(await backend.open());
      operator = await f.staff('olive.operator', [{ role: 'operator' }]);
      physicist = await f.staff('phil.physicist', [{ role: 'medical_physics_expert' }]);
    });
    afterAll(() => f.db.close());

    it('adds an item (physicist), records checks (operator) and lists what is due', async () => {
      expect(
        await addAncillaryEquipment(f.ctx(operator), {
          kind: 'weighing_scales',
          label: 'S1',
          location: 'U1',
        }),
      ).toMatchObject({ error: { code: 'forbidden' } });
      const scales = await addAncillaryEquipment(f.ctx(physicist), {
        kind: 'weighing_scales',
        label: 'Scales, Bone Density Unit',
        location: 'Room 2',
      });
      if (!scales.ok) throw new Error(scales.error.message);
      expect(scales.value.checkIntervalDays).toBe(365);
      expect(await recordCalibrationCheck(f.ctx(operator), scales.value.id, { passed: false })).toMatchObject(
        { error: { field: 'note' } },
      );
      expect(
        await recordCalibrationCheck(f.ctx(operator), scales.value.id, {
          passed: true,
          checkedOn: '2026-11-24',
        }),
      ).toMatchObject({ error: { field: 'checkedOn' } });
      await recordCalibrationCheck(f.ctx(operator), scales.value.id, {
        passed: true,
        checkedOn: '2025-11-01',
      });
      const listed = await listAncillaryEquipment(f.ctx(physicist));
      expect(listed.ok && listed.value.map((e) => [e.label, e.state, e.nextDueOn])).toEqual([
        ['Scales, Bone Density Unit', 'overdue', '2026-11-01'],
      ]);
      await recordCalibrationCheck(f.ctx(operator), scales.value.id, { passed: true });
      const after = await listAncillaryEquipment(f.ctx(operator));
      expect(after.ok && after.value.map((e) => [e.state, e.nextDueOn])).toEqual([['in_date', '2027-11-23']]);
    });
  });
}
