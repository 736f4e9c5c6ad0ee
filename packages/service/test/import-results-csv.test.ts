import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, type ReferrerRecord } from '@quantrad/store';
import type { Actor } from '../src/actor.ts';
import type { ServiceContext } from '../src/context.ts';
import { importDxaResultsCsv, sitesFromVendorCsv } from '../src/index.ts';
import { vendorResultCsv, type VendorCsvFormat } from '../src/reference/vendor-result-csv.ts';
import { scannedVisit } from './pathway-helpers.ts';
import { ServiceFixture } from './service-fixture.ts';

const hologic = vendorResultCsv.formats['hologic'];
const geLunar = vendorResultCsv.formats['ge_lunar'];
// A Hologic export: a spine scan and a left hip scan, one row per region; the hip's Total is the total
// hip, never the spine; the trochanter and intertrochanter rows are read and skipped.
const HOLOGIC_CSV =
  '\uFEFFScan,Region,Side,BMD (g/cm2),T-score,Z-score,BMC (g),Area (cm2)\r\n' +
  'AP Spine,L1-L4,,0.780,-2.4,-1.2,44.46,57.00\r\n' +
  'Left Hip,Neck,,0.550,-2.6,-1.3,2.75,5.00\r\n' +
  'Left Hip,Troch,,0.520,-1.9,-0.9,6.24,12.00\r\n' +
  'Left Hip,Total,,0.680,-2.1,-1.0,24.48,36.00\r\n';

function format(name: string): VendorCsvFormat {
  const found = vendorResultCsv.formats[name];
  if (!found) throw new Error(`no ${name} format`);
  return found;
}

describe('reading a vendor CSV export', () => {
  it('maps Hologic regions by their scan, with a byte-order mark and CRLF line ends', () => {
    expect(hologic).toBeDefined();
    expect(sitesFromVendorCsv(HOLOGIC_CSV, format('hologic'))).toEqual({
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

  it('never files a Total as a spine result: a spine Total and a forearm Total are refused or skipped', () => {
    // A Hologic spine Total covers only the vertebrae included, so the named composite is needed.
    expect(
      sitesFromVendorCsv('Scan,Region,BMD (g/cm2)\nAP Spine,Total,0.900\n', format('hologic')),
    ).toMatchObject({
      ok: false,
      error: {
        field: 'csv',
        message: 'csv row 2: region "Total" of a spine scan is not in the Region mapping',
      },
    });
    // The forearm Total (radius and ulna) is read and skipped; the 1/3 radius is the site reported.
    expect(
      sitesFromVendorCsv(
        'Scan,Region,BMD (g/cm2),T-score\nLeft Forearm,Total,0.600,-1.0\nLeft Forearm,1/3,0.700,-1.5\n',
        format('hologic'),
      ),
    ).toEqual({ ok: true, value: [{ site: 'radius_33', side: 'left', bmdGcm2: 0.7, tScore: -1.5 }] });
  });

  it('reads GE Lunar ROI names with the side in the name, skips means and left-right differences, and reads "-" as no value', () => {
    // Scan and ROI names as a GE enCORE 15 structured report gives them for a DualFemur scan.
    const csv = [
      'Scan,Region,BMD,BMD_TSCORE,BMD_ZSCORE',
      'AP Spine,L1,1.010,-1.4,-0.2',
      'AP Spine,L1-L2,1.050,-1.1,0.0',
      'DualFemur,Neck Left,0.820,-1.6,-0.4',
      'DualFemur,Neck Right,0.800,-1.8,-0.6',
      'DualFemur,Neck Mean,0.810,-1.7,-0.5',
      'DualFemur,Neck Diff.,0.020,0.2,0.2',
      'DualFemur,Upper Neck Left,0.700,-,-',
      'DualFemur,Total Left,0.900,-1.0,0.1',
      'DualFemur,Total Right,0.880,-,-',
    ].join('\n');
    expect(sitesFromVendorCsv(csv, format('ge_lunar'))).toEqual({
      ok: true,
      value: [
        { site: 'L1', bmdGcm2: 1.01, tScore: -1.4, zScore: -0.2 },
        { site: 'femoral_neck', side: 'left', bmdGcm2: 0.82, tScore: -1.6, zScore: -0.4 },
        { site: 'femoral_neck', side: 'right', bmdGcm2: 0.8, tScore: -1.8, zScore: -0.6 },
        { site: 'total_hip', side: 'left', bmdGcm2: 0.9, tScore: -1, zScore: 0.1 },
        { site: 'total_hip', side: 'right', bmdGcm2: 0.88 },
      ],
    });
    expect(geLunar).toBeDefined();
  });

  it('names the row and the value it cannot read, and refuses sides that disagree', () => {
    expect(
      sitesFromVendorCsv(HOLOGIC_CSV.replace('Left Hip,Troch', 'Left Hip,Femur'), format('hologic')),
    ).toMatchObject({
      error: {
        field: 'csv',
        message: 'csv row 4: region "Femur" of a hip scan is not in the Region mapping',
      },
    });
    expect(sitesFromVendorCsv(HOLOGIC_CSV.replace('0.550', 'n/a'), format('hologic'))).toMatchObject({
      ok: false,
      error: { message: 'csv row 3: BMD (g/cm2) "n/a" is not a number' },
    });
    expect(
      sitesFromVendorCsv(HOLOGIC_CSV.replace('AP Spine', 'Whole Body'), format('hologic')),
    ).toMatchObject({
      error: { message: 'csv row 2: scan "Whole Body" is not in the Scan mapping' },
    });
    expect(
      sitesFromVendorCsv(HOLOGIC_CSV.replace('Left Hip,Neck,,', 'Left Hip,Neck,Right,'), format('hologic')),
    ).toMatchObject({
      error: { message: 'csv row 3: the scan, region and side disagree on left or right' },
    });
    expect(sitesFromVendorCsv('Scan,Region,BMD\ntoString,L1,1.0\n', format('hologic'))).toMatchObject({
      error: { message: 'csv row 2: scan "toString" is not in the Scan mapping' },
    });
    expect(sitesFromVendorCsv('Region,BMD (g/cm2)\nL1,1.0\n', format('hologic'))).toMatchObject({
      error: { message: 'csv: no "Scan" or "Scan Type" column' },
    });
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
      await f.scanner(operator);
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

    it('undoes a first attempt that outlived its claim, so it cannot commit beside the retry that took over', async () => {
      const ids = f.store.idempotency;
      const userId = operator.userId;
      expect(
        await ids.claim(userId, 'slow-001', 'h', '2026-11-23T09:00:00.000Z', '2026-11-23T08:50:00.000Z'),
      ).toBe(true);
      // Ten minutes on, a retry of the same request takes the unanswered claim over.
      expect(
        await ids.claim(userId, 'slow-001', 'h', '2026-11-23T09:10:00.000Z', '2026-11-23T09:00:00.000Z'),
      ).toBe(true);
      await expect(
        ids.complete(userId, 'slow-001', { ok: true }, '2026-11-23T09:00:00.000Z'),
      ).rejects.toThrow('the claim was taken over by a retry');
      await ids.complete(userId, 'slow-001', { ok: true }, '2026-11-23T09:10:00.000Z');
      expect(await ids.get(userId, 'slow-001')).toMatchObject({ response: { ok: true } });
      // And an answered claim is never taken over.
      expect(
        await ids.claim(userId, 'slow-001', 'h', '2026-11-23T09:30:00.000Z', '2026-11-23T09:20:00.000Z'),
      ).toBe(false);
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
