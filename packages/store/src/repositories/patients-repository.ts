import { z } from 'zod';
import type { SqlExecutor } from '../sql-executor.ts';
import type { PatientRecord, ReferrerRecord } from '../types/referral-records.ts';
import { nullableText, parseRow, parseRows } from './row.ts';

const patientRow = z
  .object({
    id: z.string(),
    identifier_system: z.string(),
    identifier: z.string(),
    family_name: z.string(),
    given_names: z.string(),
    birth_date: z.string(),
    address: z.string(),
    postcode: nullableText,
    sex: z.enum(['female', 'male']),
    gender: nullableText,
    pronouns: nullableText,
    ethnicity: nullableText,
    phone: nullableText,
    registered_gp: nullableText,
  })
  .transform((r): PatientRecord => ({
    id: r.id,
    identifierSystem: r.identifier_system,
    identifier: r.identifier,
    familyName: r.family_name,
    givenNames: r.given_names,
    birthDate: r.birth_date,
    address: r.address,
    postcode: r.postcode,
    sex: r.sex,
    gender: r.gender,
    pronouns: r.pronouns,
    ethnicity: r.ethnicity,
    phone: r.phone,
    registeredGp: r.registered_gp,
  }));

const referrerRow = z
  .object({
    id: z.string(),
    name: z.string(),
    profession: z.string(),
    registration_body: z.string(),
    registration_number: z.string(),
    organisation: z.string(),
    role: z.enum(['gp', 'specialist', 'other']),
    entitled_from: z.string(),
    entitled_until: nullableText,
    user_id: nullableText,
  })
  .transform((r): ReferrerRecord => ({
    id: r.id,
    name: r.name,
    profession: r.profession,
    registrationBody: r.registration_body,
    registrationNumber: r.registration_number,
    organisation: r.organisation,
    role: r.role,
    entitledFrom: r.entitled_from,
    entitledUntil: r.entitled_until,
    userId: r.user_id,
  }));

export interface PatientsRepository {
  insert(p: PatientRecord): Promise<void>;
  byId(id: string): Promise<PatientRecord | null>;
  setRegisteredGp(id: string, registeredGp: string): Promise<void>;
  byIdentifier(system: string, identifier: string): Promise<PatientRecord | null>;
  insertReferrer(r: ReferrerRecord): Promise<void>;
  referrer(id: string): Promise<ReferrerRecord | null>;
  referrers(): Promise<ReferrerRecord[]>;
  /** Referrers by name, a page at a time; `nameContains` matches any part of the name, any case. */
  searchReferrers(q: {
    nameContains?: string;
    limit: number;
    offset: number;
  }): Promise<{ items: ReferrerRecord[]; total: number }>;
  /** The referrer record a user signs in as, if any (electronic referral from the referrer's log-on). */
  referrerOfUser(userId: string): Promise<ReferrerRecord | null>;
}

export function patientsRepository(sql: SqlExecutor): PatientsRepository {
  return {
    async insert(p: PatientRecord): Promise<void> {
      await sql.query(
        `INSERT INTO patient (id, identifier_system, identifier, family_name, given_names, birth_date, address,
           postcode, sex, gender, pronouns, ethnicity, phone, registered_gp)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          p.id,
          p.identifierSystem,
          p.identifier,
          p.familyName,
          p.givenNames,
          p.birthDate,
          p.address,
          p.postcode,
          p.sex,
          p.gender,
          p.pronouns,
          p.ethnicity,
          p.phone,
          p.registeredGp,
        ],
      );
    },
    async setRegisteredGp(id: string, registeredGp: string): Promise<void> {
      await sql.query('UPDATE patient SET registered_gp = $2 WHERE id = $1', [id, registeredGp]);
    },
    async byId(id: string): Promise<PatientRecord | null> {
      return parseRow(patientRow, await sql.query('SELECT * FROM patient WHERE id = $1', [id]), 'patient');
    },
    async byIdentifier(system: string, identifier: string): Promise<PatientRecord | null> {
      return parseRow(
        patientRow,
        await sql.query('SELECT * FROM patient WHERE identifier_system = $1 AND identifier = $2', [
          system,
          identifier,
        ]),
        'patient',
      );
    },
    async insertReferrer(r: ReferrerRecord): Promise<void> {
      await sql.query(
        `INSERT INTO referrer (id, name, profession, registration_body, registration_number, organisation, role,
           entitled_from, entitled_until, user_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          r.id,
          r.name,
          r.profession,
          r.registrationBody,
          r.registrationNumber,
          r.organisation,
          r.role,
          r.entitledFrom,
          r.entitledUntil,
          r.userId,
        ],
      );
    },
    async referrer(id: string): Promise<ReferrerRecord | null> {
      return parseRow(referrerRow, await sql.query('SELECT * FROM referrer WHERE id = $1', [id]), 'referrer');
    },
    async referrerOfUser(userId: string): Promise<ReferrerRecord | null> {
      return parseRow(
        referrerRow,
        await sql.query('SELECT * FROM referrer WHERE user_id = $1', [userId]),
        'referrer',
      );
    },
    async referrers(): Promise<ReferrerRecord[]> {
      return parseRows(referrerRow, await sql.query('SELECT * FROM referrer ORDER BY name'), 'referrer');
    },
    async searchReferrers(q: {
      nameContains?: string;
      limit: number;
      offset: number;
    }): Promise<{ items: ReferrerRecord[]; total: number }> {
      // The typed text is a literal: escape LIKE's wildcards.
      const pattern =
        q.nameContains === undefined ? '%' : `%${q.nameContains.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const where = `WHERE name ILIKE $1 ESCAPE '\\'`;
      const counted = await sql.query(`SELECT count(*) AS total FROM referrer ${where}`, [pattern]);
      const rows = await sql.query(`SELECT * FROM referrer ${where} ORDER BY name, id LIMIT $2 OFFSET $3`, [
        pattern,
        q.limit,
        q.offset,
      ]);
      return { items: parseRows(referrerRow, rows, 'referrer'), total: Number(counted[0]?.['total'] ?? 0) };
    },
  };
}
