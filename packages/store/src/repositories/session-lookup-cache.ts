import type { SessionWithUser, UsersRepository } from './users-repository.ts';

export interface SessionLookupCacheOptions {
  /** How long a session read from the database answers for it; 0 reads it on every request. */
  maxAgeMs: number;
  /** The clock the ages are measured by (tests move it). */
  nowMs?: () => number;
}

/** The users repository's reads; everything else writes. */
const READS: ReadonlySet<keyof UsersRepository> = new Set<keyof UsersRepository>([
  'byUsername',
  'byId',
  'list',
  'unusedRecoveryCodeCount',
  'entitlements',
  'session',
  'sessionWithUser',
]);

/** Entries kept at most; past this the oldest half is dropped (sessions are few, this is a backstop). */
const MAX_ENTRIES = 10_000;

/**
 * Every request looks up its session, user and entitlements. Under load the same session asks many
 * times a second, so a lookup is reused for at most maxAgeMs. Any write through a users repository
 * of this store (sign-in, sign-out, second factor, lockout, entitlements, TOTP) empties the cache at
 * once, so in this process a change takes effect on the next request; another server process (--workers)
 * sees it within maxAgeMs. Expiry is still judged on every request against the time of that request.
 */
export function sessionLookupCache(options: SessionLookupCacheOptions): {
  /** The repository to read through: lookups cached, writes clear the cache. */
  readThrough: (users: UsersRepository) => UsersRepository;
  /** The repository for a transaction: lookups go to the database, writes clear the cache. */
  clearOnWrite: (users: UsersRepository) => UsersRepository;
} {
  const nowMs = options.nowMs ?? Date.now;
  const entries = new Map<string, { atMs: number; found: SessionWithUser | null }>();
  const clear = (): void => {
    entries.clear();
  };
  // Every method but the reads below is a write and empties the cache, so a write method added later
  // is covered without anyone remembering to list it here.
  const clearOnWrite = (users: UsersRepository): UsersRepository => {
    const wrapped: Record<string, unknown> = { ...users };
    for (const [name, method] of Object.entries(users) as [keyof UsersRepository, unknown][]) {
      if (READS.has(name) || typeof method !== 'function') continue;
      const write = method as (...args: unknown[]) => Promise<unknown>;
      wrapped[name] = async (...args: unknown[]): Promise<unknown> => {
        clear();
        try {
          return await write(...args);
        } finally {
          clear();
        }
      };
    }
    return wrapped as unknown as UsersRepository;
  };
  return {
    clearOnWrite,
    readThrough: (users) => {
      const writing = clearOnWrite(users);
      if (options.maxAgeMs <= 0) return writing;
      return {
        ...writing,
        async sessionWithUser(tokenHash) {
          const cached = entries.get(tokenHash);
          if (cached && nowMs() - cached.atMs < options.maxAgeMs) return cached.found;
          const atMs = nowMs();
          const found = await users.sessionWithUser(tokenHash);
          if (entries.size >= MAX_ENTRIES) {
            for (const key of [...entries.keys()].slice(0, MAX_ENTRIES / 2)) entries.delete(key);
          }
          entries.set(tokenHash, { atMs, found });
          return found;
        },
      };
    },
  };
}
