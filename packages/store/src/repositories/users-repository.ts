import { z } from 'zod';
import type { Row, SqlExecutor } from '../sql-executor.ts';
import type { StaffTrainingHeld } from '../types/staff-records.ts';
import {
  ROLES,
  type EntitlementRecord,
  type Role,
  type SessionRecord,
  type UserRecord,
} from '../types/user-records.ts';
import { countRow, nullableText, parseRow, parseRows, totalCountRow } from './row.ts';

const userRow = z
  .object({
    id: z.string(),
    username: z.string(),
    display_name: z.string(),
    password_hash: z.string(),
    totp_secret: nullableText,
    totp_confirmed_at: nullableText,
    failed_sign_ins: z.number(),
    locked_until: nullableText,
    disabled_at: nullableText,
    created_at: z.string(),
  })
  .transform((r): UserRecord => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    passwordHash: r.password_hash,
    totpSecret: r.totp_secret,
    totpConfirmedAt: r.totp_confirmed_at,
    failedSignIns: r.failed_sign_ins,
    lockedUntil: r.locked_until,
    disabledAt: r.disabled_at,
    createdAt: r.created_at,
  }));

const entitlementRow = z
  .object({
    id: z.string(),
    user_id: z.string(),
    role: z.enum(ROLES),
    scope: z.string(),
    valid_from: z.string(),
    valid_until: nullableText,
    granted_by: nullableText,
    revoked_at: nullableText,
    note: nullableText,
  })
  .transform((r): EntitlementRecord => ({
    id: r.id,
    userId: r.user_id,
    role: r.role,
    scope: r.scope,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    grantedBy: r.granted_by,
    revokedAt: r.revoked_at,
    note: r.note,
  }));

const sessionRow = z
  .object({
    token_hash: z.string(),
    user_id: z.string(),
    created_at: z.string(),
    expires_at: z.string(),
    idle_expires_at: z.string(),
    second_factor_at: nullableText,
    ended_at: nullableText,
    from_address: nullableText,
  })
  .transform((r): SessionRecord => ({
    tokenHash: r.token_hash,
    userId: r.user_id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    idleExpiresAt: r.idle_expires_at,
    secondFactorAt: r.second_factor_at,
    endedAt: r.ended_at,
    fromAddress: r.from_address,
  }));

/**
 * A session with its user, the user's entitlements and the training those depend on (ROS 6.1), as every
 * authenticated request needs them.
 */
export interface SessionWithUser {
  session: SessionRecord;
  user: UserRecord;
  entitlements: EntitlementRecord[];
  held: StaffTrainingHeld;
}

// The user's training (the latest of each kind) and the local-rules versions they have read, as two JSON
// arrays computed once per lookup, so the session lookup stays one round trip.
const heldJson = z.object({
  held_training: z.array(
    z.object({ kind: z.string(), completedOn: z.string(), expiresOn: z.string().nullable() }),
  ),
  held_local_rules: z.array(z.object({ version: z.string(), readOn: z.string() })),
});

const SESSION_COLUMNS = Object.keys(sessionRow.in.shape);
const USER_COLUMNS = Object.keys(userRow.in.shape);
const ENTITLEMENT_COLUMNS = Object.keys(entitlementRow.in.shape);

/** `alias.column AS prefix_column, …`, so three tables' columns can share one row without clashing. */
function prefixedColumns(alias: string, columns: readonly string[]): string {
  return columns.map((c) => `${alias}.${c} AS ${alias}_${c}`).join(', ');
}

/** The columns of one table back out of a joined row, without their prefix. */
function unprefixed(row: Row, alias: string, columns: readonly string[]): Row {
  return Object.fromEntries(columns.map((c) => [c, row[`${alias}_${c}`]]));
}

const SESSION_WITH_USER_SQL = `SELECT ${prefixedColumns('s', SESSION_COLUMNS)}, ${prefixedColumns('u', USER_COLUMNS)},
    ${prefixedColumns('e', ENTITLEMENT_COLUMNS)}, ht.held_training, hl.held_local_rules
  FROM user_session s JOIN app_user u ON u.id = s.user_id
  CROSS JOIN LATERAL (
    SELECT coalesce(json_agg(json_build_object('kind', t.kind, 'completedOn', t.completed_on,
      'expiresOn', t.expires_on)), '[]'::json) AS held_training
    FROM (SELECT DISTINCT ON (kind) kind, completed_on, expires_on FROM staff_training
      WHERE user_id = u.id ORDER BY kind, completed_on DESC, recorded_at DESC) t) ht
  CROSS JOIN LATERAL (
    SELECT coalesce(json_agg(json_build_object('version', r.version, 'readOn', r.read_on)), '[]'::json)
      AS held_local_rules
    FROM (SELECT version, min(read_on) AS read_on FROM local_rules_reading WHERE user_id = u.id
      GROUP BY version) r) hl
  LEFT JOIN entitlement e ON e.user_id = u.id
  WHERE s.token_hash = $1 ORDER BY e.role, e.valid_from`;

/** Which users a page of the user list holds: by role held (not ended) and by part of a name. */
export interface UserListFilter {
  role?: Role;
  /** Part of the username or display name, any case. */
  name?: string;
  limit: number;
  offset: number;
}

/** A LIKE pattern matching the text anywhere, with the text's own %, _ and backslash taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface UsersRepository {
  insert(u: Pick<UserRecord, 'id' | 'username' | 'displayName' | 'passwordHash'>): Promise<UserRecord>;
  byUsername(username: string): Promise<UserRecord | null>;
  byId(id: string): Promise<UserRecord | null>;
  list(): Promise<UserRecord[]>;
  page(filter: UserListFilter): Promise<{ items: UserRecord[]; total: number }>;
  setDisabled(id: string, disabledAt: string | null): Promise<void>;
  setSignInState(id: string, failedSignIns: number, lockedUntil: string | null): Promise<void>;
  setTotp(id: string, secret: string | null, confirmedAt: string | null): Promise<void>;
  replaceRecoveryCodes(userId: string, codeHashes: readonly string[]): Promise<void>;
  useRecoveryCode(userId: string, codeHash: string, at: string): Promise<boolean>;
  unusedRecoveryCodeCount(userId: string): Promise<number>;
  insertEntitlement(e: EntitlementRecord): Promise<void>;
  entitlements(userId: string): Promise<EntitlementRecord[]>;
  /** The entitlements of several users at once, for a page of the user list. */
  entitlementsOfUsers(userIds: readonly string[]): Promise<EntitlementRecord[]>;
  /** Ends an entitlement from a moment; false when it was already ended. */
  revokeEntitlement(id: string, revokedAt: string): Promise<boolean>;
  insertSession(s: SessionRecord): Promise<void>;
  session(tokenHash: string): Promise<SessionRecord | null>;
  sessionWithUser(tokenHash: string): Promise<SessionWithUser | null>;
  updateSession(
    tokenHash: string,
    change: { idleExpiresAt?: string; secondFactorAt?: string; endedAt?: string },
  ): Promise<void>;
}

export function usersRepository(sql: SqlExecutor): UsersRepository {
  return {
    async insert(
      u: Pick<UserRecord, 'id' | 'username' | 'displayName' | 'passwordHash'>,
    ): Promise<UserRecord> {
      const rows = await sql.query(
        'INSERT INTO app_user (id, username, display_name, password_hash) VALUES ($1, $2, $3, $4) RETURNING *',
        [u.id, u.username, u.displayName, u.passwordHash],
      );
      const user = parseRow(userRow, rows, 'app_user');
      if (!user) throw new Error('app_user insert returned no row');
      return user;
    },
    async byUsername(username: string): Promise<UserRecord | null> {
      return parseRow(
        userRow,
        await sql.query('SELECT * FROM app_user WHERE username = $1', [username]),
        'app_user',
      );
    },
    async byId(id: string): Promise<UserRecord | null> {
      return parseRow(userRow, await sql.query('SELECT * FROM app_user WHERE id = $1', [id]), 'app_user');
    },
    async list(): Promise<UserRecord[]> {
      return parseRows(userRow, await sql.query('SELECT * FROM app_user ORDER BY username'), 'app_user');
    },
    async page(filter: UserListFilter): Promise<{ items: UserRecord[]; total: number }> {
      const where: string[] = [];
      const params: unknown[] = [];
      if (filter.role !== undefined) {
        params.push(filter.role);
        where.push(
          `EXISTS (SELECT 1 FROM entitlement e WHERE e.user_id = app_user.id AND e.role = $${String(params.length)} AND e.revoked_at IS NULL)`,
        );
      }
      if (filter.name !== undefined && filter.name !== '') {
        params.push(containsPattern(filter.name));
        const n = `$${String(params.length)}`;
        where.push(`(username ILIKE ${n} ESCAPE '\\' OR display_name ILIKE ${n} ESCAPE '\\')`);
      }
      const condition = where.length === 0 ? 'TRUE' : where.join(' AND ');
      const rows = await sql.query(
        `SELECT *, count(*) OVER ()::int AS total_count FROM app_user WHERE ${condition}
         ORDER BY username LIMIT $${String(params.length + 1)} OFFSET $${String(params.length + 2)}`,
        [...params, filter.limit, filter.offset],
      );
      if (rows.length === 0) {
        const [count] = await sql.query(`SELECT count(*)::int AS n FROM app_user WHERE ${condition}`, params);
        return { items: [], total: countRow.parse(count).n };
      }
      const total = totalCountRow.parse(rows[0])?.total_count ?? 0;
      const items = parseRows(
        userRow,
        rows.map(({ total_count: _, ...row }) => row),
        'app_user',
      );
      return { items, total };
    },
    async setDisabled(id: string, disabledAt: string | null): Promise<void> {
      await sql.query('UPDATE app_user SET disabled_at = $2 WHERE id = $1', [id, disabledAt]);
    },
    async setSignInState(id: string, failedSignIns: number, lockedUntil: string | null): Promise<void> {
      await sql.query('UPDATE app_user SET failed_sign_ins = $2, locked_until = $3 WHERE id = $1', [
        id,
        failedSignIns,
        lockedUntil,
      ]);
    },
    async setTotp(id: string, secret: string | null, confirmedAt: string | null): Promise<void> {
      await sql.query('UPDATE app_user SET totp_secret = $2, totp_confirmed_at = $3 WHERE id = $1', [
        id,
        secret,
        confirmedAt,
      ]);
    },
    async replaceRecoveryCodes(userId: string, codeHashes: readonly string[]): Promise<void> {
      await sql.query('DELETE FROM recovery_code WHERE user_id = $1', [userId]);
      for (const hash of codeHashes) {
        await sql.query('INSERT INTO recovery_code (user_id, code_hash) VALUES ($1, $2)', [userId, hash]);
      }
    },
    /** Marks an unused recovery code used; false when there is no such unused code. */
    async useRecoveryCode(userId: string, codeHash: string, at: string): Promise<boolean> {
      const rows = await sql.query(
        'UPDATE recovery_code SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING code_hash',
        [userId, codeHash, at],
      );
      return rows.length === 1;
    },
    async unusedRecoveryCodeCount(userId: string): Promise<number> {
      const [row] = await sql.query(
        'SELECT count(*)::int AS n FROM recovery_code WHERE user_id = $1 AND used_at IS NULL',
        [userId],
      );
      return countRow.parse(row).n;
    },
    async insertEntitlement(e: EntitlementRecord): Promise<void> {
      await sql.query(
        `INSERT INTO entitlement (id, user_id, role, scope, valid_from, valid_until, granted_by, revoked_at, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [e.id, e.userId, e.role, e.scope, e.validFrom, e.validUntil, e.grantedBy, e.revokedAt, e.note],
      );
    },
    async entitlements(userId: string): Promise<EntitlementRecord[]> {
      return parseRows(
        entitlementRow,
        await sql.query('SELECT * FROM entitlement WHERE user_id = $1 ORDER BY role, valid_from', [userId]),
        'entitlement',
      );
    },
    async entitlementsOfUsers(userIds: readonly string[]): Promise<EntitlementRecord[]> {
      if (userIds.length === 0) return [];
      const placeholders = userIds.map((_, i) => `$${String(i + 1)}`).join(', ');
      return parseRows(
        entitlementRow,
        await sql.query(
          `SELECT * FROM entitlement WHERE user_id IN (${placeholders}) ORDER BY role, valid_from`,
          [...userIds],
        ),
        'entitlement',
      );
    },
    async revokeEntitlement(id: string, revokedAt: string): Promise<boolean> {
      const rows = await sql.query(
        'UPDATE entitlement SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id',
        [id, revokedAt],
      );
      return rows.length === 1;
    },
    async insertSession(s: SessionRecord): Promise<void> {
      await sql.query(
        `INSERT INTO user_session (token_hash, user_id, created_at, expires_at, idle_expires_at, second_factor_at,
           ended_at, from_address) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          s.tokenHash,
          s.userId,
          s.createdAt,
          s.expiresAt,
          s.idleExpiresAt,
          s.secondFactorAt,
          s.endedAt,
          s.fromAddress,
        ],
      );
    },
    async session(tokenHash: string): Promise<SessionRecord | null> {
      return parseRow(
        sessionRow,
        await sql.query('SELECT * FROM user_session WHERE token_hash = $1', [tokenHash]),
        'user_session',
      );
    },
    // One round trip for what every request checks: the session, its user and their entitlements.
    async sessionWithUser(tokenHash: string): Promise<SessionWithUser | null> {
      const rows = await sql.query(SESSION_WITH_USER_SQL, [tokenHash]);
      const first = rows[0];
      if (!first) return null;
      const session = parseRow(sessionRow, [unprefixed(first, 's', SESSION_COLUMNS)], 'user_session');
      const user = parseRow(userRow, [unprefixed(first, 'u', USER_COLUMNS)], 'app_user');
      if (!session || !user) return null;
      const entitlements = parseRows(
        entitlementRow,
        rows.filter((r) => r['e_id'] !== null).map((r) => unprefixed(r, 'e', ENTITLEMENT_COLUMNS)),
        'entitlement',
      );
      const held = heldJson.parse(first);
      return {
        session,
        user,
        entitlements,
        held: { training: held.held_training, localRulesRead: held.held_local_rules },
      };
    },
    async updateSession(
      tokenHash: string,
      change: { idleExpiresAt?: string; secondFactorAt?: string; endedAt?: string },
    ): Promise<void> {
      await sql.query(
        `UPDATE user_session SET idle_expires_at = coalesce($2, idle_expires_at),
           second_factor_at = coalesce($3, second_factor_at), ended_at = coalesce($4, ended_at)
         WHERE token_hash = $1`,
        [tokenHash, change.idleExpiresAt ?? null, change.secondFactorAt ?? null, change.endedAt ?? null],
      );
    },
  };
}
