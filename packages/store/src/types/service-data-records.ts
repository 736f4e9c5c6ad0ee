import type { INVESTIGATION_KINDS } from './further-investigation-record.ts';

/** The period and thresholds of a service data query (ROS 5): instants from (inclusive) to (exclusive). */
export interface ServiceDataQuery {
  fromAt: string;
  toAt: string;
  /** The first and last calendar day of the period, for records kept by date (daily QC). */
  fromDate: string;
  toDate: string;
  /** Now: a scanner still with the engineer is counted as down until now (or the end of the period). */
  nowAt: string;
  /** A wait from referral to scan of this many days or more is a DM01 breach. */
  scanBreachDays: number;
  /** A wait from scan to report of more than this many days is over the target. */
  reportTargetDays: number;
  /** The further investigations that are referrals on to another service. */
  onwardKinds: readonly (typeof INVESTIGATION_KINDS)[number][];
}

export interface CountByKey {
  key: string;
  count: number;
}

/** The service's figures for a period, aggregated in the database (ROS 5). */
export interface ServiceDataFigures {
  referrals: {
    /** Received in the period. */
    total: number;
    bySource: CountByKey[];
    byReferrerRole: CountByKey[];
    byOrganisation: CountByKey[];
    /** Referrals naming each indication (a referral may name several). */
    byIndication: CountByKey[];
  };
  /** Appointments due (starting) in the period, by what became of them. */
  appointments: {
    total: number;
    attended: number;
    didNotAttend: number;
    cancelledAtPatientRequest: number;
    cancelledByService: number;
    cancelledToRebook: number;
    cancelledOther: number;
    stillBooked: number;
  };
  /** Visits scanned in the period. */
  scans: {
    total: number;
    medianWaitDays: number | null;
    breaches: number;
    withOnwardReferral: number;
  };
  /** Reports first signed in the period, and the WHO category of their latest signed version. */
  reports: {
    total: number;
    medianWaitDays: number | null;
    overTarget: number;
    normal: number;
    lowBoneDensity: number;
    osteoporosis: number;
    establishedOsteoporosis: number;
    notWho: number;
  };
  /** Further investigations recorded in the period, by kind (not declined), and those declined. */
  investigations: { byKind: CountByKey[]; declined: number };
  quality: {
    dailyQc: number;
    dailyQcFailed: number;
    phantomScans: number;
    phantomAlerts: number;
    /** Handovers to the engineer overlapping the period, and the hours of it the scanner was with them. */
    handovers: number;
    downtimeHours: number;
  };
}
