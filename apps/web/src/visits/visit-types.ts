// The shapes the visit and results screens read from the API (GET /api/visits/day, /api/scanners,
// /api/visits/:id/results), as the service returns them.

export interface ScannerStatus {
  id: string;
  modality: 'dxa' | 'ct';
  model: string;
  location: string;
  /** Today's daily QC (ROS 5.1): no patient scan is recorded until it has passed. */
  dailyQcToday: 'passed' | 'failed' | 'not_done';
  withEngineer: boolean;
  /** Being commissioned, not yet released for clinical use by the physicist (ROS Appendix 3). */
  awaitingRelease: boolean;
}

/** The appointment's state as the API gives it (booked, attended, did_not_attend, cancelled...). */
export type AppointmentState = string;

export interface DayListEntry {
  appointment: {
    id: string;
    scannerId: string;
    startsAt: string;
    durationMinutes: number;
    state: AppointmentState;
  };
  patient: {
    id: string;
    identifier: string;
    familyName: string;
    givenNames: string;
    birthDate: string;
    address: string;
    sex: 'female' | 'male';
    pronouns: string | null;
    ageYears: number;
  };
  examination: 'dxa' | 'qct';
  pregnancyEnquiryAge: boolean;
  visit: { id: string; outcome: 'scanned' | 'not_scanned'; sitesScanned: string[] } | null;
}

export interface DayList {
  date: string;
  pregnancyEnquiryAgeYears: { from: number; to: number };
  appointments: DayListEntry[];
}

export interface AssessedSite {
  site: string;
  side: 'left' | 'right' | null;
  bmdGcm2: number;
  tScore: number | null;
  zScore: number | null;
  tScoreSource: string | null;
  zScoreSource: string | null;
  vertebraeUsed: string[] | null;
  usable: boolean;
  notUsableReason: string | null;
}

export interface SerialChange {
  site: string;
  side: 'left' | 'right' | null;
  sinceDate: string;
  priorBmdGcm2: number;
  currentBmdGcm2: number;
  changeGcm2: number;
  changePercent: number;
  lscGcm2: number | null;
  comparable: boolean;
  significant: boolean | null;
  direction: 'loss' | 'gain' | 'no_significant_change' | 'unknown';
  note: string | null;
}

export interface DxaAssessment {
  population: 'adult_t_score' | 'adult_z_score' | 'paediatric';
  populationReason: string;
  ageYears: number;
  bmiKgM2: number | null;
  sites: AssessedSite[];
  excludedVertebrae: { vertebra: string; reason: string; by: 'operator' | 't_score_outlier' }[];
  classification: {
    scheme: 'who' | 'z_score' | 'paediatric';
    category: string;
    site: string;
    side: 'left' | 'right' | null;
    score: number;
    scoreKind: string;
    reason: string;
  } | null;
  changes: SerialChange[];
  flags: { code: string; reason: string }[];
  followUp: { intervalYears: number | null; reason: string; source: string };
  warnings: string[];
}

export interface VisitResults {
  visit: {
    id: string;
    appointmentId: string;
    scannerId: string;
    recordedAt: string;
    outcome: 'scanned' | 'not_scanned';
    sitesScanned: string[];
    heightCm: number | null;
    weightKg: number | null;
  };
  patient: { id: string; familyName: string; givenNames: string; birthDate: string; sex: 'female' | 'male' };
  latest: {
    id: string;
    version: number;
    source: string;
    enteredAt: string;
    assessment: DxaAssessment;
  } | null;
  versions: number;
}

/** A site's name as people say it: "Left total hip", "L1-L4". */
export function siteName(site: string, side: 'left' | 'right' | null): string {
  const names: Record<string, string> = {
    total_hip: 'total hip',
    femoral_neck: 'femoral neck',
    radius_33: '33% radius',
  };
  const name = names[site] ?? site;
  if (side === null) return name.charAt(0).toUpperCase() + name.slice(1);
  return `${side === 'left' ? 'Left' : 'Right'} ${name}`;
}
