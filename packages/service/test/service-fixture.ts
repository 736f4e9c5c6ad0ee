import { randomUUID } from 'node:crypto';
import {
  createStore,
  type Database,
  type ReferrerRecord,
  type Role,
  type Store,
  type StoreOptions,
} from '@quantrad/store';
import type { Actor } from '../src/actor.ts';
import type { ServiceContext } from '../src/context.ts';
import { actorForToken } from '../src/security/session.ts';
import { completeSecondFactor, signIn } from '../src/security/sign-in.ts';
import { newTotpSecret, totpCode } from '../src/security/totp.ts';
import { provisionUser } from '../src/users/provision-user.ts';
import { registerScanner } from '../src/scanners/scanner-use-cases.ts';

export const PASSWORD = 'correct horse battery staple';

/** A service on a fresh database with a clock the test moves. */
export class ServiceFixture {
  readonly store: Store;
  nowMs = Date.parse('2026-11-23T09:00:00Z');
  readonly totpSecrets = new Map<string, string>();
  /**
   * Whether entitlements need their training current (ROS 6.1). Off here, so a test's staff need no
   * training records; the staff-training tests turn it on.
   */
  trainingRequired = false;

  readonly db: Database;

  constructor(db: Database, storeOptions: StoreOptions = {}) {
    this.db = db;
    this.store = createStore(db, storeOptions);
  }

  now = (): Date => new Date(this.nowMs);

  advanceMinutes(minutes: number): void {
    this.nowMs += minutes * 60_000;
  }

  ctx(actor: Actor | null = null): ServiceContext {
    return {
      store: this.store,
      now: this.now,
      actor,
      fromAddress: '192.0.2.10',
      trainingRequired: this.trainingRequired,
    };
  }

  /** A user holding the roles, with a confirmed authenticator secret unless enrolled is false. */
  async user(
    username: string,
    roles: { role: Role; scope?: string; validFrom?: string; validUntil?: string | null }[],
    enrolled = true,
  ): Promise<string> {
    const secret = newTotpSecret();
    const user = await this.store.transaction((tx) =>
      provisionUser(
        tx,
        {
          username,
          displayName: username,
          password: PASSWORD,
          entitlements: roles.map((r) => ({
            role: r.role,
            scope: r.scope ?? '*',
            validFrom: r.validFrom ?? '2026-01-01',
            validUntil: r.validUntil ?? null,
          })),
        },
        enrolled ? { totpSecret: secret, confirmedAt: '2026-01-01T00:00:00.000Z' } : {},
      ),
    );
    if (enrolled) this.totpSecrets.set(username, secret);
    return user.id;
  }

  /** A user holding the roles, signed in: the actor their requests carry. */
  async staff(
    username: string,
    roles: { role: Role; scope?: string; validFrom?: string; validUntil?: string | null }[],
  ): Promise<Actor> {
    await this.user(username, roles);
    return this.signedIn(username);
  }

  /** A scanner added by the given actor: DXA-1, a Hologic Horizon A in Unit 1, unless told otherwise. */
  async scanner(by: Actor, overrides: Record<string, unknown> = {}): Promise<void> {
    const added = await registerScanner(this.ctx(by), {
      id: 'DXA-1',
      modality: 'dxa',
      manufacturer: 'Hologic',
      model: 'Horizon A',
      location: 'Unit 1',
      ...overrides,
    });
    if (!added.ok) throw new Error(added.error.message);
  }

  /** Signs in with password and authenticator code, and returns the actor the token resolves to. */
  async signedIn(username: string): Promise<Actor> {
    const token = await this.signedInToken(username);
    const actor = await actorForToken(this.store, token, this.now());
    if (!actor.ok) throw new Error(actor.error.message);
    return actor.value;
  }

  /** Signs in with password and authenticator code, and returns the session's bearer token. */
  async signedInToken(username: string): Promise<string> {
    const first = await signIn(this.ctx(), { username, password: PASSWORD });
    if (!first.ok) throw new Error(first.error.message);
    const secret = this.totpSecrets.get(username);
    if (!secret) throw new Error(`${username} has no authenticator`);
    const second = await completeSecondFactor(this.ctx(), {
      token: first.value.token,
      code: totpCode(secret, this.now()),
    });
    if (!second.ok) throw new Error(second.error.message);
    return first.value.token;
  }

  async referrer(overrides: Partial<ReferrerRecord> = {}): Promise<ReferrerRecord> {
    const r: ReferrerRecord = {
      id: randomUUID(),
      name: 'Dr A. Patel',
      profession: 'General practitioner',
      registrationBody: 'GMC',
      registrationNumber: String(Math.floor(Math.random() * 9_000_000) + 1_000_000),
      organisation: 'Riverside Surgery',
      role: 'gp',
      entitledFrom: '2025-01-01',
      entitledUntil: null,
      userId: null,
      ...overrides,
    };
    await this.store.patients.insertReferrer(r);
    return r;
  }
}
