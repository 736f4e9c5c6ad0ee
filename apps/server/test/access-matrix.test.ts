import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, TEST_BACKENDS } from '@quantrad/store';
import { ROUTES } from './access-matrix-routes.ts';
import { bearer, httpFixture, type HttpFixture } from './http-fixture.ts';
import { addMatrixScanners, resetMatrixDiary } from './matrix-pathway-steps.ts';

// Every route × every role: allowed (the route's success status) or denied (403); the expectations are
// in access-matrix-routes.ts.

for (const backend of TEST_BACKENDS) {
  describe(`access matrix on ${backend.name}`, () => {
    let f: HttpFixture;
    beforeAll(async () => {
      resetMatrixDiary();
      f = await httpFixture(await backend.open());
      await addMatrixScanners(f);
    }, 60_000);
    afterAll(() => f.close());

    for (const route of ROUTES) {
      it(
        route.name,
        async () => {
          const outcomes: Record<string, number> = {};
          const expected: Record<string, number> = {};
          for (const role of ROLES) {
            const r = await route.request(f, role);
            const response = await f.app.inject({ ...r, headers: bearer(f, role) });
            outcomes[role] = response.statusCode;
            expected[role] = route.allowed.includes(role) ? route.success : 403;
          }
          expect(outcomes).toEqual(expected);
        },
        30_000,
      );
    }

    it('answers 401 on every route without a session', async () => {
      for (const route of ROUTES) {
        const r = await route.request(f, 'administrator');
        expect((await f.app.inject(r)).statusCode, route.name).toBe(401);
      }
    }, 60_000);
  });
}
