/**
 * Every table a backup holds, parents before children so a restore never breaks a foreign key.
 * A test fails when a migration adds a table that is not here.
 */
export const BACKUP_TABLES = [
  'app_user',
  'recovery_code',
  'entitlement',
  'user_session',
  'patient',
  'referrer',
  'referral',
  'referral_event',
  'scanner',
  'daily_qc',
  'appointment',
  'correspondence',
  'scan_visit',
  'scanner_lsc',
  'dxa_result',
  'reporter_profile',
  'service_details',
  'report',
  'report_version',
  'further_investigation',
  'idempotency_key',
  'phantom_baseline',
  'phantom_scan',
  'qa_alert',
  'precision_study',
  'maintenance_event',
  'audit_event',
] as const;
