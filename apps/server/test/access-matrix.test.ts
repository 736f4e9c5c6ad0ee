import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, TEST_BACKENDS } from '@quantrad/store';
import { ROUTES } from './access-matrix-routes.ts';
import { bearer, httpFixture, type HttpFixture } from './http-fixture.ts';
import { addMatrixScanners, resetMatrixDiary } from './matrix-pathway-steps.ts';

// Every route × every role: allowed (the route's success status) or denied (403); the expectations are
// in access-matrix-routes.ts.

/** Routes anyone may call (signing in needs no session) and those every signed-in user may call. */
const OUTSIDE_MATRIX = new Set<string>([
  'GET /api/health',
  'POST /api/auth/sign-in',
  'POST /api/auth/second-factor',
  'POST /api/auth/totp/begin',
  'POST /api/auth/totp/confirm',
  'POST /api/auth/sign-out',
]);

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

    it('covers every route the server serves, apart from the sign-in steps and health', () => {
      const doc = f.app.swagger() as { paths?: Record<string, Record<string, unknown>> };
      const served = Object.entries(doc.paths ?? {}).flatMap(([path, methods]) =>
        Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      );
      // A route may be listed more than once, each with what varies in brackets: "… (their own)".
      const inMatrix = new Set(ROUTES.map((r) => r.name.replace(/ \(.*\)$/, '')));
      const missing = served.filter((name) => !inMatrix.has(name) && !OUTSIDE_MATRIX.has(name));
      expect(missing).toEqual([]);
    });

    it('answers 401 on every route without a session', async () => {
      for (const route of ROUTES) {
        const r = await route.request(f, 'administrator');
        expect((await f.app.inject(r)).statusCode, route.name).toBe(401);
      }
    }, 60_000);
  });
}
