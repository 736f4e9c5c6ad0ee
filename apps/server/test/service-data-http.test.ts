import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@quantrad/store';
import { bearer, httpFixture, type HttpFixture } from './http-fixture.ts';

// The service data over HTTP (ROS 5): JSON, and CSV a spreadsheet opens as a download; a bad period is a
// 400 naming the field. The figures themselves are tested in the service's service-data.test.ts.

for (const backend of TEST_BACKENDS) {
  describe(`service data over HTTP on ${backend.name}`, () => {
    let f: HttpFixture;
    beforeAll(async () => {
      f = await httpFixture(await backend.open());
    }, 60_000);
    afterAll(() => f.close());

    it('answers JSON with every measure, and the same measures as CSV with a file name', async () => {
      const query = 'from=2026-11-01&to=2026-11-30';
      const json = await f.app.inject({ url: `/api/service-data?${query}`, headers: bearer(f, 'auditor') });
      expect(json.statusCode).toBe(200);
      const body = json.json<{ from: string; to: string; measures: { measure: string }[] }>();
      expect(body).toMatchObject({ from: '2026-11-01', to: '2026-11-30' });
      for (const url of [`/api/service-data.csv?${query}`, `/api/service-data?${query}&format=csv`]) {
        const csv = await f.app.inject({ url, headers: bearer(f, 'service_manager') });
        expect(csv.statusCode).toBe(200);
        expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
        expect(csv.headers['content-disposition']).toBe(
          'attachment; filename="service-data-2026-11-01-to-2026-11-30.csv"',
        );
        const lines = csv.body.split('\r\n');
        expect(lines[0]).toBe('section,measure,value,denominator,percent,unit,definition');
        // A header, a record per measure and nothing after the last CRLF (no line breaks in these names).
        expect(lines).toHaveLength(body.measures.length + 2);
      }
    });

    it('refuses a period that is not one with 400 naming the field', async () => {
      const bad = await f.app.inject({
        url: '/api/service-data.csv?from=2026-11-01&to=30/11/2026',
        headers: bearer(f, 'service_manager'),
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ error: { field: string } }>().error.field).toBe('to');
      const backwards = await f.app.inject({
        url: '/api/service-data?from=2026-11-30&to=2026-11-01',
        headers: bearer(f, 'service_manager'),
      });
      expect(backwards.json<{ error: { field: string; message: string } }>().error).toEqual({
        code: 'invalid',
        field: 'to',
        message: 'to: is before from (2026-11-30)',
      });
    });
  });
}
