// The administration API's answers, as the screens use them (packages/service/src/users/read-users.ts,
// staff/read-training.ts, scanners/scanner-use-cases.ts, qa/commissioning.ts).

export { ROLE_NAMES, ROLES, type Role } from '../roles.ts';
import type { Role } from '../roles.ts';

export type EntitlementState = 'current' | 'future' | 'expired' | 'ended';

export interface EntitlementView {
  id: string;
  role: Role;
  scope: string;
  validFrom: string;
  validUntil: string | null;
  revokedAt: string | null;
  note: string | null;
  state: EntitlementState;
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  active: boolean;
  disabledAt: string | null;
  secondFactor: boolean;
  createdAt: string;
  entitlements: EntitlementView[];
}

export interface ReporterProfile {
  title: string;
  registrationBody: 'GMC' | 'HCPC' | 'NMC' | 'GPhC' | 'other';
  registrationNumber: string;
}

export interface UserDetail extends UserView {
  reporterProfile: ReporterProfile | null;
}

export interface UserPage {
  items: UserView[];
  total: number;
  limit: number;
  offset: number;
}

export interface TrainingShortfall {
  requirement: string;
  name: string;
  state: string;
  expiresOn: string | null;
}

export interface StaffTrainingView {
  userId: string;
  username: string;
  displayName: string;
  training: {
    id: string;
    kind: string;
    kindName: string;
    completedOn: string;
    expiresOn: string | null;
    evidence: string | null;
    state: 'current' | 'lapsed' | 'superseded';
  }[];
  entitlements: { role: Role; scope: string; validUntil: string | null; shortfalls: TrainingShortfall[] }[];
  localRules: {
    currentVersion: string;
    readCurrent: boolean;
    readings: { id: string; version: string; readOn: string }[];
  };
  cpd: { id: string; doneOn: string; hours: number; activity: string }[];
}

export interface ScannerStatus {
  id: string;
  modality: 'dxa' | 'ct';
  manufacturer: string;
  model: string;
  softwareVersion: string | null;
  location: string;
  serialNumber: string | null;
  installedOn: string | null;
  active: boolean;
  dailyQcToday: 'passed' | 'failed' | 'not_done';
  withEngineer: boolean;
  replacementWarning: string | null;
}

export type CommissioningItemStatus = 'done' | 'not_applicable' | 'outstanding';

export interface CommissioningItemState {
  code: string;
  stage: string;
  text: string;
  byRole?: Role;
  evidenceRequired?: boolean;
  verifiedBy?: 'phantom_baseline' | 'cross_calibration';
  status: CommissioningItemStatus;
  detail: string | null;
  recordedBy: string | null;
  recordedAt: string | null;
  evidence: string | null;
}

export interface CommissioningState {
  commissioning: {
    scannerId: string;
    startedAt: string;
    replacesScannerId: string | null;
    releasedAt: string | null;
    releaseNote: string | null;
  };
  items: CommissioningItemState[];
  outstanding: string[];
  readyForRelease: boolean;
}

export interface CrossCalibration {
  id: string;
  fromScannerId: string;
  toScannerId: string;
  site: string | null;
  method: string;
  performedFrom: string;
  performedTo: string;
  slope: number;
  interceptGcm2: number;
  lscGcm2: number | null;
  source: string;
}
