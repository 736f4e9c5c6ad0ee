import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, TEST_BACKENDS, type Database, type Row } from '@quantrad/store';
import { actorForToken } from '../src/security/session.ts';
import { signOut } from '../src/security/sign-in.ts';
import { sha256Hex } from '../src/security/tokens.ts';
import { ServiceFixture } from './service-fixture.ts';

const REUSE_MS = 1000;

/** The database, counting the session lookups that reach it. */
function counting(db: Database): { db: Database; lookups: () => number } {
  let lookups = 0;
  const query = async (text: string, params?: readonly unknown[]): Promise<Row[]> => {
    if (text.includes('FROM user_session s JOIN app_user u')) lookups += 1;
    return db.query(text, params);
  };
  return { db: { ...db, query }, lookups: () => lookups };
}

for (const backend of TEST_BACKENDS) {
  describe(`reusing a session lookup for at most a second on ${backend.name}`, () => {
    let f: ServiceFixture;
    let cacheNowMs = 0;
    let lookups: () => number;
    let raw: Database;
    beforeAll(async () => {
      raw = await backend.open();
      const counted = counting(raw);
      lookups = counted.lookups;
      f = new ServiceFixture(counted.db, { sessionLookupCacheMs: REUSE_MS, nowMs: () => cacheNowMs });
      await f.user('olive.operator', [{ role: 'operator' }]);
    });
    afterAll(() => raw.close());

    it('reads the session once for requests within a second, and again after it', async () => {
      const token = await f.signedInToken('olive.operator');
      const before = lookups();
      for (let i = 0; i < 5; i += 1) expect((await actorForToken(f.store, token, f.now())).ok).toBe(true);
      expect(lookups() - before).toBe(1);
      cacheNowMs += REUSE_MS;
      expect((await actorForToken(f.store, token, f.now())).ok).toBe(true);
      expect(lookups() - before).toBe(2);
    });

    it('refuses a signed-out token on the very next request, reused lookup or not', async () => {
      const token = await f.signedInToken('olive.operator');
      expect((await actorForToken(f.store, token, f.now())).ok).toBe(true);
      await signOut(f.ctx(), token);
      expect(await actorForToken(f.store, token, f.now())).toMatchObject({
        ok: false,
        error: { code: 'unauthenticated', message: 'this session was signed out' },
      });
    });

    it('does not keep a lookup read while a sign-out was being committed', async () => {
      const token = await f.signedInToken('olive.operator');
      expect((await actorForToken(f.store, token, f.now())).ok).toBe(true);
      let during: Promise<unknown> = Promise.resolve();
      await f.store.transaction(async (tx) => {
        await tx.users.updateSession(sha256Hex(token), { endedAt: f.now().toISOString() });
        // On PostgreSQL this lookup runs now, on another connection, and reads the session as still
        // open (the sign-out is not committed yet); on PGlite it waits for the commit.
        during = f.store.users.sessionWithUser(sha256Hex(token));
        await new Promise((resolve) => setTimeout(resolve, 50));
      });
      await during;
      expect(await actorForToken(f.store, token, f.now())).toMatchObject({
        ok: false,
        error: { message: 'this session was signed out' },
      });
    });

    it('still judges expiry at each request, against that request’s time', async () => {
      const token = await f.signedInToken('olive.operator');
      expect((await actorForToken(f.store, token, f.now())).ok).toBe(true);
      f.advanceMinutes(31); // past the 30-minute idle limit, within the second the lookup is reused
      expect(await actorForToken(f.store, token, f.now())).toMatchObject({
        ok: false,
        error: { message: 'the session has expired: sign in again' },
      });
    });

    it('sees a sign-out made by another server process within the second', async () => {
      const token = await f.signedInToken('olive.operator');
      expect((await actorForToken(f.store, token, f.now())).ok).toBe(true);
      // Another process (its own store, no shared memory) signs the session out.
      await signOut({ ...f.ctx(), store: createStore(raw) }, token);
      cacheNowMs += REUSE_MS;
      expect(await actorForToken(f.store, token, f.now())).toMatchObject({
        ok: false,
        error: { message: 'this session was signed out' },
      });
    });
  });
}
