import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, type ReferrerRecord } from '@quantrad/store';
import type { Actor } from '../src/actor.ts';
import type { ServiceContext } from '../src/context.ts';
import { importDxaResultsCsv, registerScanner, sitesFromVendorCsv } from '../src/index.ts';
import { vendorResultCsv } from '../src/reference/vendor-result-csv.ts';
import { scannedVisit } from './pathway-helpers.ts';
import { ServiceFixture } from './service-fixture.ts';

const hologic = vendorResultCsv.formats['hologic'];
const HOLOGIC_CSV =
  '\uFEFFRegion,Side,BMD (g/cm2),T-score,Z-score,BMC (g),Area (cm2)\r\n' +
  'Total,,0.780,-2.4,-1.2,44.46,57.00\r\n' +
  'Neck,Left,0.550,-2.6,-1.3,2.75,5.00\r\n' +
  'Total Hip,Left,0.680,-2.1,-1.0,24.48,36.00\r\n';

describe('reading a vendor CSV export', () => {
  it('maps Hologic regions and sides to exam sites, with a byte-order mark and CRLF line ends', () => {
    if (!hologic) throw new Error('no hologic format');
    expect(sitesFromVendorCsv(HOLOGIC_CSV, hologic)).toEqual({
      ok: true,
      value: [
        { site: 'L1-L4', bmdGcm2: 0.78, tScore: -2.4, zScore: -1.2, bmcG: 44.46, areaCm2: 57 },
        {
          site: 'femoral_neck',
          side: 'left',
          bmdGcm2: 0.55,
          tScore: -2.6,
          zScore: -1.3,
          bmcG: 2.75,
          areaCm2: 5,
        },
        {
          site: 'total_hip',
          side: 'left',
          bmdGcm2: 0.68,
          tScore: -2.1,
          zScore: -1,
          bmcG: 24.48,
          areaCm2: 36,
        },
      ],
    });
  });
  it('names the row and the value it cannot read', () => {
    if (!hologic) throw new Error('no hologic format');
    expect(sitesFromVendorCsv(HOLOGIC_CSV.replace('Total Hip', 'Troch'), hologic)).toMatchObject({
      error: { field: 'csv', message: 'csv row 4: region "Troch" is not in the Region mapping' },
    });
    expect(sitesFromVendorCsv(HOLOGIC_CSV.replace('0.550', '0,550'), hologic)).toMatchObject({ ok: false });
  });
});

for (const backend of TEST_BACKENDS) {
  describe(`importing results with an idempotency key on ${backend.name}`, () => {
    let f: ServiceFixture;
    let operator: Actor;
    let gp: ReferrerRecord;
    beforeAll(async () => {
      f = new ServiceFixture(await backend.open());
      await f.user('olive.operator', [{ role: 'operator' }, { role: 'medical_physics_expert' }]);
      operator = await f.signedIn('olive.operator');
      gp = await f.referrer();
      await registerScanner(f.ctx(operator), {
        id: 'DXA-1',
        modality: 'dxa',
        manufacturer: 'Hologic',
        model: 'Horizon A',
        location: 'Unit 1',
      });
    });
    afterAll(() => f.db.close());

    it('imports once: a retry returns the first answer, a different body under the same key is refused', async () => {
      const { visitId } = await scannedVisit(f, operator, gp, 'DXA-1', {
        identifier: 'csv-1',
        familyName: 'Cole',
        givenNames: 'Janet',
        birthDate: '1956-03-10',
        address: '1 High Street',
        sex: 'female',
      });
      const body = { visitId, vendor: 'hologic', csv: HOLOGIC_CSV, menopause: 'post' };
      const first = await importDxaResultsCsv(f.ctx(operator), body, 'import-2026-11-23-001');
      if (!first.ok) throw new Error(first.error.message);
      expect(first.value).toMatchObject({ version: 1, source: 'csv:hologic' });
      expect(first.value.assessment.classification?.category).toBe('osteoporosis');
      const retry = await importDxaResultsCsv(f.ctx(operator), body, 'import-2026-11-23-001');
      expect(retry.ok && retry.value.id).toBe(first.value.id);
      expect(await f.store.results.versionsForVisit(visitId)).toHaveLength(1);
      expect(
        await importDxaResultsCsv(
          f.ctx(operator),
          { ...body, csv: HOLOGIC_CSV.replace('0.780', '0.790') },
          'import-2026-11-23-001',
        ),
      ).toMatchObject({ error: { code: 'conflict', field: 'Idempotency-Key' } });
      expect(await importDxaResultsCsv(f.ctx(operator), { ...body, vendor: 'acme' }, null)).toMatchObject({
        error: { field: 'vendor' },
      });
    });

    it('lets a retry run once the first attempt has stopped without an answer, and forgets keys after a day', async () => {
      const { visitId } = await scannedVisit(f, operator, gp, 'DXA-1', {
        identifier: 'csv-2',
        familyName: 'Dunn',
        givenNames: 'Mary',
        birthDate: '1950-07-01',
        address: '2 High Street',
        sex: 'female',
      });
      const body = { visitId, vendor: 'hologic', csv: HOLOGIC_CSV, menopause: 'post' };
      const key = 'import-stopped-001';
      // The first attempt claims the key, then dies before its transaction commits.
      const dying: ServiceContext = {
        ...f.ctx(operator),
        store: { ...f.store, transaction: () => Promise.reject(new Error('process killed')) },
      };
      await expect(importDxaResultsCsv(dying, body, key)).rejects.toThrow('process killed');
      expect(await f.store.results.versionsForVisit(visitId)).toHaveLength(0);

      // A retry straight away is told the first has not finished, and to retry with the same key.
      expect(await importDxaResultsCsv(f.ctx(operator), body, key)).toMatchObject({
        ok: false,
        error: {
          code: 'conflict',
          field: 'Idempotency-Key',
          message: expect.stringContaining('send it again with the same key') as unknown,
        },
      });
      // Ten minutes on, the unfinished claim is abandoned: the retry imports, once.
      f.advanceMinutes(10);
      const retried = await importDxaResultsCsv(f.ctx(operator), body, key);
      if (!retried.ok) throw new Error(retried.error.message);
      expect(retried.value.version).toBe(1);
      const again = await importDxaResultsCsv(f.ctx(operator), body, key);
      expect(again.ok && again.value.id).toBe(retried.value.id);
      expect(await f.store.results.versionsForVisit(visitId)).toHaveLength(1);

      // An answer is kept for a day; after that the key is forgotten and may name a new import.
      f.advanceMinutes(24 * 60 - 1);
      expect(
        await importDxaResultsCsv(
          f.ctx(operator),
          { ...body, csv: HOLOGIC_CSV.replace('0.780', '0.790') },
          key,
        ),
      ).toMatchObject({ ok: false, error: { field: 'Idempotency-Key' } });
      f.advanceMinutes(1);
      const corrected = await importDxaResultsCsv(
        f.ctx(operator),
        { ...body, csv: HOLOGIC_CSV.replace('0.780', '0.790') },
        key,
      );
      expect(corrected.ok && corrected.value.version).toBe(2);
    });
  });
}
