export type { Database, DatabaseKind } from './database.ts';
export type { Row, SqlExecutor } from './sql-executor.ts';
export { openDatabase, describeDatabase, type OpenOptions } from './open-database.ts';
export { openPgliteDatabase } from './pglite-database.ts';
export { openPostgresDatabase } from './postgres-database.ts';
export {
  migrate,
  loadMigrations,
  splitStatements,
  type Migration,
  type MigrationResult,
} from './migrations.ts';
export { createStore, repositories, type Repositories, type Store, type StoreOptions } from './store.ts';
export {
  auditEventHash,
  canonicalJson,
  type AuditChainProblem,
  type AuditChainStretch,
  type AuditChainVerification,
  type AuditTrailFilter,
} from './repositories/audit-repository.ts';
export * from './types/user-records.ts';
export * from './types/audit-records.ts';
export * from './types/referral-records.ts';
export * from './types/appointment-records.ts';
export * from './types/scan-visit-record.ts';
export * from './types/result-records.ts';
export * from './types/report-records.ts';
export * from './types/further-investigation-record.ts';
export {
  TEST_BACKENDS,
  POSTGRES_SKIP_REASON,
  freshPostgresDatabase,
  type TestBackend,
} from './test-databases.ts';
export {
  exportDatabase,
  restoreDatabase,
  backupSchema,
  type DatabaseBackup,
  type RestoreResult,
} from './backup/database-backup.ts';
export { encryptBackup, decryptBackup } from './backup/backup-encryption.ts';
export { BACKUP_TABLES } from './backup/backup-tables.ts';
export { questionnaireSchema, type QuestionnaireAnswers } from './types/questionnaire.ts';
export type { SessionWithUser, UserListFilter } from './repositories/users-repository.ts';
export * from './types/qa-records.ts';
export * from './types/commissioning-records.ts';
export type { QaRepository } from './repositories/qa-repository.ts';
export type { EquipmentRepository } from './repositories/equipment-repository.ts';
export type { PrecisionStudiesRepository } from './repositories/precision-studies-repository.ts';
export type { MaintenanceRepository } from './repositories/maintenance-repository.ts';
export * from './types/audit-programme-records.ts';
export type { AuditProgrammeRepository } from './repositories/audit-programme-repository.ts';
export type { IncidentsRepository, IncidentAnalysis } from './repositories/incidents-repository.ts';
export * from './types/staff-records.ts';
export type { StaffTrainingRepository } from './repositories/staff-training-repository.ts';
export type { ServiceDataRepository } from './repositories/service-data-repository.ts';
export * from './types/service-data-records.ts';
