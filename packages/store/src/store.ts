import { idempotencyRepository, type IdempotencyRepository } from './repositories/idempotency-repository.ts';
import type { Database } from './database.ts';
import { auditGroupCommit } from './repositories/audit-group-commit.ts';
import { sessionLookupCache } from './repositories/session-lookup-cache.ts';
import { qaRepository, type QaRepository } from './repositories/qa-repository.ts';
import {
  precisionStudiesRepository,
  type PrecisionStudiesRepository,
} from './repositories/precision-studies-repository.ts';
import { maintenanceRepository, type MaintenanceRepository } from './repositories/maintenance-repository.ts';
import { serviceDataRepository, type ServiceDataRepository } from './repositories/service-data-repository.ts';
import { equipmentRepository, type EquipmentRepository } from './repositories/equipment-repository.ts';
import {
  commissioningRepository,
  type CommissioningRepository,
} from './repositories/commissioning-repository.ts';
import {
  crossCalibrationRepository,
  type CrossCalibrationRepository,
} from './repositories/cross-calibration-repository.ts';
import {
  auditProgrammeRepository,
  type AuditProgrammeRepository,
} from './repositories/audit-programme-repository.ts';
import { incidentsRepository, type IncidentsRepository } from './repositories/incidents-repository.ts';
import type { AuditEventInput } from './types/audit-records.ts';
import {
  appointmentsRepository,
  type AppointmentsRepository,
} from './repositories/appointments-repository.ts';
import {
  investigationsRepository,
  type InvestigationsRepository,
} from './repositories/investigations-repository.ts';
import { reportsRepository, type ReportsRepository } from './repositories/reports-repository.ts';
import { resultsRepository, type ResultsRepository } from './repositories/results-repository.ts';
import { scanVisitsRepository, type ScanVisitsRepository } from './repositories/scan-visits-repository.ts';
import { scannersRepository, type ScannersRepository } from './repositories/scanners-repository.ts';
import { auditRepository, type AuditRepository } from './repositories/audit-repository.ts';
import { patientsRepository, type PatientsRepository } from './repositories/patients-repository.ts';
import { referralsRepository, type ReferralsRepository } from './repositories/referrals-repository.ts';
import { usersRepository, type UsersRepository } from './repositories/users-repository.ts';
import {
  staffTrainingRepository,
  type StaffTrainingRepository,
} from './repositories/staff-training-repository.ts';
import type { SqlExecutor } from './sql-executor.ts';

/** Every repository, bound to the database or to one open transaction. */
export interface Repositories {
  users: UsersRepository;
  audit: AuditRepository;
  patients: PatientsRepository;
  referrals: ReferralsRepository;
  scanners: ScannersRepository;
  appointments: AppointmentsRepository;
  scanVisits: ScanVisitsRepository;
  results: ResultsRepository;
  reports: ReportsRepository;
  investigations: InvestigationsRepository;
  idempotency: IdempotencyRepository;
  qa: QaRepository;
  precisionStudies: PrecisionStudiesRepository;
  maintenance: MaintenanceRepository;
  equipment: EquipmentRepository;
  commissioning: CommissioningRepository;
  crossCalibrations: CrossCalibrationRepository;
  auditProgramme: AuditProgrammeRepository;
  incidents: IncidentsRepository;
  staffTraining: StaffTrainingRepository;
  serviceData: ServiceDataRepository;
}

export function repositories(sql: SqlExecutor): Repositories {
  return {
    users: usersRepository(sql),
    audit: auditRepository(sql),
    patients: patientsRepository(sql),
    referrals: referralsRepository(sql),
    scanners: scannersRepository(sql),
    appointments: appointmentsRepository(sql),
    scanVisits: scanVisitsRepository(sql),
    results: resultsRepository(sql),
    reports: reportsRepository(sql),
    investigations: investigationsRepository(sql),
    idempotency: idempotencyRepository(sql),
    qa: qaRepository(sql),
    precisionStudies: precisionStudiesRepository(sql),
    maintenance: maintenanceRepository(sql),
    equipment: equipmentRepository(sql),
    commissioning: commissioningRepository(sql),
    crossCalibrations: crossCalibrationRepository(sql),
    auditProgramme: auditProgrammeRepository(sql),
    incidents: incidentsRepository(sql),
    staffTraining: staffTrainingRepository(sql),
    serviceData: serviceDataRepository(sql),
  };
}

/** The Store port the service works through: repositories, and transactions over them. */
export interface Store extends Repositories {
  readonly db: Database;
  /** One use case, one transaction: all of it is kept, or none of it. */
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
  /** A stand-alone audit event (a read, a refusal), group-committed; resolves once it is durable. */
  appendAudit(input: AuditEventInput): Promise<void>;
}

export interface StoreOptions {
  /** How long a session lookup may be reused (see session-lookup-cache.ts); 0, the default, never. */
  sessionLookupCacheMs?: number;
  /** The clock that cache measures age by. */
  nowMs?: () => number;
}

export function createStore(db: Database, options: StoreOptions = {}): Store {
  const sessions = sessionLookupCache({
    maxAgeMs: options.sessionLookupCacheMs ?? 0,
    ...(options.nowMs ? { nowMs: options.nowMs } : {}),
  });
  const root = repositories(db);
  const transaction = async <T>(fn: (tx: Repositories) => Promise<T>): Promise<T> => {
    let end = (): void => undefined;
    try {
      return await db.transaction((tx) => {
        const r = repositories(tx);
        const sources = sessions.forTransaction({ users: r.users, staffTraining: r.staffTraining });
        end = sources.end;
        return fn({ ...r, users: sources.users, staffTraining: sources.staffTraining });
      });
    } finally {
      end();
    }
  };
  return {
    db,
    ...root,
    ...sessions.readThrough({ users: root.users, staffTraining: root.staffTraining }),
    transaction,
    appendAudit: auditGroupCommit(db),
  };
}
