import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, type ReferrerRecord } from '@quantrad/store';
import type { Actor } from '../src/actor.ts';
import {
  handOverToEngineer,
  listScanners,
  logMaintenance,
  maintenanceLog,
  receiveFromEngineer,
} from '../src/index.ts';
import { replacementWarning } from '../src/scanners/scanner-use-cases.ts';
import { scannedVisit } from './pathway-helpers.ts';
import { ServiceFixture } from './service-fixture.ts';

describe('the replacement warning (ROS 5.2: a useful life of about 10 years)', () => {
  it('says nothing until a year before ten years, then gives the date, then says it is past', () => {
    expect(replacementWarning(null, '2026-11-23')).toBeNull();
    expect(replacementWarning('2020-01-01', '2026-11-23')).toBeNull();
    expect(replacementWarning('2016-11-24', '2025-11-23')).toBeNull();
    expect(replacementWarning('2016-11-24', '2025-11-24')).toBe(
      'reaches 10 years on 2026-11-24: plan its replacement and cross-calibration',
    );
    expect(replacementWarning('2016-11-23', '2026-11-23')).toBe(
      'past its useful life of about 10 years (installed 2016-11-23): plan its replacement and cross-calibration',
    );
  });
});

for (const backend of TEST_BACKENDS) {
  describe(`the maintenance and fault log on ${backend.name}`, () => {
    let f: ServiceFixture;
    let operator: Actor;
    let physicist: Actor;
    let auditor: Actor;
    let gp: ReferrerRecord;
    let patients = 0;
    const patient = (): Parameters<typeof scannedVisit>[4] => {
      patients += 1;
      return {
        identifier: `mnt-${String(patients)}`,
        familyName: 'Lane',
        givenNames: 'Ada',
        birthDate: '1952-04-04',
        address: '5 Mill Street',
        sex: 'female',
      };
    };
    beforeAll(async () => {
      f = new ServiceFixture(await backend.open());
      operator = await f.staff('olive.operator', [{ role: 'operator' }]);
      physicist = await f.staff('phil.physicist', [{ role: 'medical_physics_expert' }]);
      auditor = await f.staff('audrey.auditor', [{ role: 'auditor' }]);
      gp = await f.referrer();
      await f.scanner(physicist, { serialNumber: 'HZA-201734', installedOn: '2016-12-01' });
    });
    afterAll(() => f.db.close());

    it('takes the scanner out of clinical use from handover to return, and records who and when', async () => {
      expect(
        await logMaintenance(f.ctx(auditor), 'DXA-1', { kind: 'fault', description: 'Table judders' }),
      ).toMatchObject({ error: { code: 'forbidden' } });
      const fault = await logMaintenance(f.ctx(operator), 'DXA-1', {
        kind: 'fault',
        description: 'Table judders at the start of a hip scan',
      });
      if (!fault.ok) throw new Error(fault.error.message);
      expect(
        await receiveFromEngineer(f.ctx(operator), fault.value.id, {
          engineerReport: 'x',
          checksOnReturn: 'y',
        }),
      ).toMatchObject({
        error: { message: 'the scanner was not handed over to an engineer for this entry' },
      });

      f.advanceMinutes(60);
      const handed = await handOverToEngineer(f.ctx(operator), fault.value.id, {
        engineer: 'J. Smith, Hologic UK',
      });
      expect(handed).toMatchObject({ ok: true, value: { handedOverAt: '2026-11-23T10:00:00.000Z' } });
      expect(await handOverToEngineer(f.ctx(operator), fault.value.id, { engineer: 'again' })).toMatchObject({
        error: { code: 'conflict' },
      });
      const scanners = await listScanners(f.ctx(operator));
      expect(scanners.ok && scanners.value[0]).toMatchObject({
        withEngineer: true,
        serialNumber: 'HZA-201734',
        replacementWarning: 'reaches 10 years on 2026-12-01: plan its replacement and cross-calibration',
      });
      await expect(scannedVisit(f, operator, gp, 'DXA-1', patient())).rejects.toThrow(
        'no patient scan may be recorded on DXA-1: it is with the service engineer',
      );

      f.advanceMinutes(120);
      const back = await receiveFromEngineer(f.ctx(physicist), fault.value.id, {
        engineerReport: 'Table drive belt replaced',
        checksOnReturn: 'Phantom scan in control; table movement checked',
      });
      expect(back).toMatchObject({ ok: true, value: { returnedAt: '2026-11-23T12:00:00.000Z' } });
      await expect(scannedVisit(f, operator, gp, 'DXA-1', patient())).resolves.toMatchObject({
        visitId: expect.any(String) as unknown,
      });
      const log = await maintenanceLog(f.ctx(auditor), 'DXA-1');
      expect(log.ok && log.value.map((e) => [e.kind, e.engineer, e.engineerReport])).toEqual([
        ['fault', 'J. Smith, Hologic UK', 'Table drive belt replaced'],
      ]);
    });
  });
}
