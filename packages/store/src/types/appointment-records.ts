export interface ScannerRecord {
  id: string;
  modality: 'dxa' | 'ct';
  manufacturer: string;
  model: string;
  softwareVersion: string | null;
  location: string;
  /** How a patient finds the room (ROS 4.4: in the appointment letter). */
  directions: string | null;
  /** Step-free access, hoist, table weight limit, accessible toilet (ROS 4.4). */
  accessibility: string | null;
  serialNumber: string | null;
  /** Its useful life is about 10 years from installation (ROS 5.2). */
  installedOn: string | null;
  active: boolean;
}

/** One daily quality control run on a scanner (ROS 5.1: daily phantom scan before patients). */
export interface DailyQcRecord {
  id: string;
  scannerId: string;
  qcDate: string;
  performedAt: string;
  performedBy: string;
  passed: boolean;
  measurements: Record<string, unknown>;
  note: string | null;
}

export const APPOINTMENT_STATES = ['booked', 'cancelled', 'attended', 'did_not_attend'] as const;
export type AppointmentState = (typeof APPOINTMENT_STATES)[number];

export interface AppointmentRecord {
  id: string;
  referralId: string;
  patientId: string;
  scannerId: string;
  startsAt: string;
  durationMinutes: number;
  state: AppointmentState;
  bookedBy: string;
  bookedAt: string;
  /** Why a follow-up scan is not on the previous scanner (ROS 4.4), when it is not. */
  scannerOverrideReason: string | null;
  reminderSentAt: string | null;
  closedBy: string | null;
  closedAt: string | null;
  closeReason: string | null;
  version: number;
}

export const CORRESPONDENCE_KINDS = [
  'appointment_letter',
  'reminder',
  'did_not_attend_referrer',
  'referral_returned',
  'report',
] as const;

export interface CorrespondenceRecord {
  id: string;
  patientId: string;
  referralId: string | null;
  appointmentId: string | null;
  kind: (typeof CORRESPONDENCE_KINDS)[number];
  recipient: string;
  createdAt: string;
  createdBy: string | null;
  body: string;
  /** For a report letter: the report version it carried. */
  reportVersion: number | null;
}

/** A letter to store; only a report letter names its version. */
export type NewCorrespondence = Omit<CorrespondenceRecord, 'reportVersion'> & { reportVersion?: number };

/** An appointment as the calendar shows it, with whose it is. */
export interface CalendarAppointment extends AppointmentRecord {
  patient: { familyName: string; givenNames: string; identifier: string };
}
