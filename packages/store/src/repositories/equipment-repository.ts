import { z } from 'zod';
import type { SqlExecutor } from '../sql-executor.ts';
import {
  ANCILLARY_KINDS,
  type AncillaryEquipmentRecord,
  type CalibrationCheckRecord,
} from '../types/qa-records.ts';
import { nullableText, parseRow, parseRows } from './row.ts';

const equipmentRow = z
  .object({
    id: z.string(),
    kind: z.enum(ANCILLARY_KINDS),
    label: z.string(),
    location: z.string(),
    check_interval_days: z.number(),
    added_at: z.string(),
    added_by: z.string(),
  })
  .transform((r): AncillaryEquipmentRecord => ({
    id: r.id,
    kind: r.kind,
    label: r.label,
    location: r.location,
    checkIntervalDays: r.check_interval_days,
    addedAt: r.added_at,
    addedBy: r.added_by,
  }));

const checkRow = z
  .object({
    id: z.string(),
    equipment_id: z.string(),
    checked_on: z.string(),
    checked_by: z.string(),
    passed: z.boolean(),
    note: nullableText,
  })
  .transform((r): CalibrationCheckRecord => ({
    id: r.id,
    equipmentId: r.equipment_id,
    checkedOn: r.checked_on,
    checkedBy: r.checked_by,
    passed: r.passed,
    note: r.note,
  }));

export interface EquipmentRepository {
  insert(e: AncillaryEquipmentRecord): Promise<void>;
  byId(id: string): Promise<AncillaryEquipmentRecord | null>;
  byLabel(label: string): Promise<AncillaryEquipmentRecord | null>;
  list(): Promise<AncillaryEquipmentRecord[]>;
  insertCheck(c: CalibrationCheckRecord): Promise<void>;
  /** An item's checks, oldest first. */
  checks(equipmentId: string): Promise<CalibrationCheckRecord[]>;
}

export function equipmentRepository(sql: SqlExecutor): EquipmentRepository {
  return {
    async insert(e) {
      await sql.query(
        `INSERT INTO ancillary_equipment (id, kind, label, location, check_interval_days, added_at, added_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [e.id, e.kind, e.label, e.location, e.checkIntervalDays, e.addedAt, e.addedBy],
      );
    },
    async byId(id) {
      return parseRow(
        equipmentRow,
        await sql.query('SELECT * FROM ancillary_equipment WHERE id = $1', [id]),
        'ancillary_equipment',
      );
    },
    async byLabel(label) {
      return parseRow(
        equipmentRow,
        await sql.query('SELECT * FROM ancillary_equipment WHERE label = $1', [label]),
        'ancillary_equipment',
      );
    },
    async list() {
      return parseRows(
        equipmentRow,
        await sql.query('SELECT * FROM ancillary_equipment ORDER BY kind, label'),
        'ancillary_equipment',
      );
    },
    async insertCheck(c) {
      await sql.query(
        `INSERT INTO calibration_check (id, equipment_id, checked_on, checked_by, passed, note)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [c.id, c.equipmentId, c.checkedOn, c.checkedBy, c.passed, c.note],
      );
    },
    async checks(equipmentId) {
      return parseRows(
        checkRow,
        await sql.query('SELECT * FROM calibration_check WHERE equipment_id = $1 ORDER BY checked_on, id', [
          equipmentId,
        ]),
        'calibration_check',
      );
    },
  };
}
