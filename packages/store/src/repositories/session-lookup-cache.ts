import type { StaffTrainingRepository } from './staff-training-repository.ts';
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
  'page',
  'unusedRecoveryCodeCount',
  'entitlements',
  'entitlementsOfUsers',
  'session',
  'sessionWithUser',
]);

/** The staff training repository's reads; its writes change the training a session lookup carries. */
const TRAINING_READS: ReadonlySet<keyof StaffTrainingRepository> = new Set<keyof StaffTrainingRepository>([
  'trainingFor',
  'cpdFor',
  'localRulesReadingsFor',
  'currentTrainingOfAll',
  'localRulesHeldByAll',
]);

/** The repositories whose writes change what a session lookup returns. */
export interface SessionSources {
  users: UsersRepository;
  staffTraining: StaffTrainingRepository;
}

/** Entries kept at most; past this the oldest half is dropped (sessions are few, this is a backstop). */
const MAX_ENTRIES = 10_000;

export interface SessionLookupCache {
  /** The repositories to read through: lookups cached, writes clear the cache. */
  readThrough: (sources: SessionSources) => SessionSources;
  /** For one transaction: its repositories, whose writes stop caching until end() is called. */
  forTransaction: (sources: SessionSources) => SessionSources & { end: () => void };
}

/**
 * Every request looks up its session, user and entitlements. Under load the same session asks many
 * times a second, so a lookup is reused for at most maxAgeMs. Any write to users, sessions or
 * entitlements (or staff training, which entitlements depend on) through this store empties the cache, and nothing is cached while a transaction that
 * wrote them is still open or by a read that began before the last change: so in this process a sign-out,
 * lockout or entitlement change applies to the first request after it commits. Another server process
 * (--workers) sees it within maxAgeMs. Expiry is judged on every request against that request's time.
 */
export function sessionLookupCache(options: SessionLookupCacheOptions): SessionLookupCache {
  const nowMs = options.nowMs ?? Date.now;
  const entries = new Map<string, { atMs: number; found: SessionWithUser | null }>();
  /** Bumped by every change; a read stores its answer only if no change came while it ran. */
  let generation = 0;
  /** Transactions that have written users or sessions and not yet ended. */
  let openWriters = 0;
  const changed = (): void => {
    generation += 1;
    entries.clear();
  };

  // Every method but the reads above is a write, so a write method added later is covered without
  // anyone remembering to list it here.
  const onWrite = <R extends object>(repository: R, reads: ReadonlySet<keyof R>, before: () => void): R => {
    const wrapped: Record<string, unknown> = { ...(repository as Record<string, unknown>) };
    for (const [name, method] of Object.entries(repository) as [keyof R, unknown][]) {
      if (reads.has(name) || typeof method !== 'function') continue;
      const write = method as (...args: unknown[]) => Promise<unknown>;
      wrapped[name as string] = async (...args: unknown[]): Promise<unknown> => {
        before();
        try {
          return await write(...args);
        } finally {
          changed();
        }
      };
    }
    return wrapped as unknown as R;
  };
  const sourcesOnWrite = (sources: SessionSources, before: () => void): SessionSources => ({
    users: onWrite(sources.users, READS, before),
    staffTraining: onWrite(sources.staffTraining, TRAINING_READS, before),
  });

  return {
    forTransaction: (sources) => {
      let wrote = false;
      return {
        ...sourcesOnWrite(sources, () => {
          if (!wrote) openWriters += 1;
          wrote = true;
          changed();
        }),
        // Called once the transaction has committed or rolled back.
        end: () => {
          if (!wrote) return;
          openWriters -= 1;
          changed();
        },
      };
    },
    readThrough: (sources) => {
      const writing = sourcesOnWrite(sources, changed);
      if (options.maxAgeMs <= 0) return writing;
      const users = sources.users;
      return {
        staffTraining: writing.staffTraining,
        users: {
          ...writing.users,
          async sessionWithUser(tokenHash) {
            const cached = entries.get(tokenHash);
            if (cached && nowMs() - cached.atMs < options.maxAgeMs) return cached.found;
            const atMs = nowMs();
            const startedAt = generation;
            const found = await users.sessionWithUser(tokenHash);
            if (openWriters === 0 && generation === startedAt) {
              if (entries.size >= MAX_ENTRIES) {
                for (const key of [...entries.keys()].slice(0, MAX_ENTRIES / 2)) entries.delete(key);
              }
              entries.set(tokenHash, { atMs, found });
            }
            return found;
          },
        },
      };
    },
  };
}
