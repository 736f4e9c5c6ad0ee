import { z } from 'zod';
import type { SqlExecutor } from '../sql-executor.ts';
import type {
  CpdEntryRecord,
  LocalRulesHeld,
  LocalRulesReadingRecord,
  TrainingHeld,
  TrainingRecord,
} from '../types/staff-records.ts';
import { nullableText, parseRows } from './row.ts';

const trainingRow = z
  .object({
    id: z.string(),
    user_id: z.string(),
    kind: z.string(),
    completed_on: z.string(),
    expires_on: nullableText,
    evidence: nullableText,
    recorded_by: z.string(),
    recorded_at: z.string(),
  })
  .transform((r): TrainingRecord => ({
    id: r.id,
    userId: r.user_id,
    kind: r.kind,
    completedOn: r.completed_on,
    expiresOn: r.expires_on,
    evidence: r.evidence,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
  }));

const cpdRow = z
  .object({
    id: z.string(),
    user_id: z.string(),
    done_on: z.string(),
    hours: z.number(),
    activity: z.string(),
    recorded_by: z.string(),
    recorded_at: z.string(),
  })
  .transform((r): CpdEntryRecord => ({
    id: r.id,
    userId: r.user_id,
    doneOn: r.done_on,
    hours: r.hours,
    activity: r.activity,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
  }));

const readingRow = z
  .object({
    id: z.string(),
    user_id: z.string(),
    version: z.string(),
    read_on: z.string(),
    recorded_by: z.string(),
    recorded_at: z.string(),
  })
  .transform((r): LocalRulesReadingRecord => ({
    id: r.id,
    userId: r.user_id,
    version: r.version,
    readOn: r.read_on,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
  }));

const heldTrainingRow = z
  .object({ user_id: z.string(), kind: z.string(), completed_on: z.string(), expires_on: nullableText })
  .transform((r): TrainingHeld & { userId: string } => ({
    userId: r.user_id,
    kind: r.kind,
    completedOn: r.completed_on,
    expiresOn: r.expires_on,
  }));

const heldLocalRulesRow = z
  .object({ user_id: z.string(), version: z.string(), read_on: z.string() })
  .transform((r): LocalRulesHeld & { userId: string } => ({
    userId: r.user_id,
    version: r.version,
    readOn: r.read_on,
  }));

/**
 * The training of each kind that counts: the most recently completed (a renewal supersedes what it
 * renews, even when given a shorter expiry). The session lookup (users-repository.ts) picks the same way.
 */
export const CURRENT_TRAINING_SQL = `SELECT DISTINCT ON (user_id, kind) user_id, kind, completed_on, expires_on
  FROM staff_training ORDER BY user_id, kind, completed_on DESC, recorded_at DESC`;

/** Each version of the local rules a user has read, with the first day they read it. */
export const LOCAL_RULES_HELD_SQL = `SELECT user_id, version, min(read_on) AS read_on
  FROM local_rules_reading GROUP BY user_id, version`;

/** Staff training and competency records, CPD and local-rules readings (ROS 6.1, 9.1). */
export interface StaffTrainingRepository {
  insertTraining(t: TrainingRecord): Promise<void>;
  /** A user's training records, most recently completed first. */
  trainingFor(userId: string): Promise<TrainingRecord[]>;
  insertCpd(c: CpdEntryRecord): Promise<void>;
  /** A user's CPD, most recent first. */
  cpdFor(userId: string): Promise<CpdEntryRecord[]>;
  insertLocalRulesReading(r: LocalRulesReadingRecord): Promise<void>;
  /** A user's local-rules readings, most recent first. */
  localRulesReadingsFor(userId: string): Promise<LocalRulesReadingRecord[]>;
  /** Everyone's training that counts now, one per user and kind (for the lapse report). */
  currentTrainingOfAll(): Promise<(TrainingHeld & { userId: string })[]>;
  /** Every version of the local rules each user has read. */
  localRulesHeldByAll(): Promise<(LocalRulesHeld & { userId: string })[]>;
}

export function staffTrainingRepository(sql: SqlExecutor): StaffTrainingRepository {
  return {
    async insertTraining(t) {
      await sql.query(
        `INSERT INTO staff_training (id, user_id, kind, completed_on, expires_on, evidence, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [t.id, t.userId, t.kind, t.completedOn, t.expiresOn, t.evidence, t.recordedBy, t.recordedAt],
      );
    },
    async trainingFor(userId) {
      return parseRows(
        trainingRow,
        await sql.query(
          'SELECT * FROM staff_training WHERE user_id = $1 ORDER BY completed_on DESC, recorded_at DESC',
          [userId],
        ),
        'staff_training',
      );
    },
    async insertCpd(c) {
      await sql.query(
        `INSERT INTO cpd_entry (id, user_id, done_on, hours, activity, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [c.id, c.userId, c.doneOn, c.hours, c.activity, c.recordedBy, c.recordedAt],
      );
    },
    async cpdFor(userId) {
      return parseRows(
        cpdRow,
        await sql.query(
          'SELECT * FROM cpd_entry WHERE user_id = $1 ORDER BY done_on DESC, recorded_at DESC',
          [userId],
        ),
        'cpd_entry',
      );
    },
    async insertLocalRulesReading(r) {
      await sql.query(
        `INSERT INTO local_rules_reading (id, user_id, version, read_on, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [r.id, r.userId, r.version, r.readOn, r.recordedBy, r.recordedAt],
      );
    },
    async localRulesReadingsFor(userId) {
      return parseRows(
        readingRow,
        await sql.query(
          'SELECT * FROM local_rules_reading WHERE user_id = $1 ORDER BY read_on DESC, recorded_at DESC',
          [userId],
        ),
        'local_rules_reading',
      );
    },
    async currentTrainingOfAll() {
      return parseRows(heldTrainingRow, await sql.query(CURRENT_TRAINING_SQL), 'staff_training');
    },
    async localRulesHeldByAll() {
      return parseRows(heldLocalRulesRow, await sql.query(LOCAL_RULES_HELD_SQL), 'local_rules_reading');
    },
  };
}
