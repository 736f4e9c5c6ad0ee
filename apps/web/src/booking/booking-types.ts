// Appointments and bookings as the API returns them (packages/service/src/appointments).
import type { Referral } from '../referrals/referral-types.ts';

export interface Scanner {
  id: string;
  modality: 'dxa' | 'ct';
  model: string;
  location: string;
  active: boolean;
}

export type AppointmentState = 'booked' | 'attended' | 'did_not_attend' | 'cancelled';

export interface Appointment {
  id: string;
  referralId: string;
  patientId: string;
  scannerId: string;
  startsAt: string;
  durationMinutes: number;
  state: AppointmentState;
  scannerOverrideReason: string | null;
  reminderSentAt: string | null;
  closeReason: string | null;
}

/** GET /api/appointments: each with whose it is. */
export interface CalendarAppointment extends Appointment {
  patient: { familyName: string; givenNames: string; identifier: string };
}

/** POST /api/appointments and rebook: the appointment with its wait from referral (ROS 4.4; DM01). */
export interface BookedAppointment extends Appointment {
  daysFromReceipt: number;
  withinSixWeeks: boolean;
}

export interface Correspondence {
  id: string;
  appointmentId: string | null;
  kind: 'appointment_letter' | 'reminder' | 'did_not_attend_referrer';
  recipient: string;
  createdAt: string;
  body: string;
}

/** GET /api/referrals/:id/booking. */
export interface BookingDetail {
  referral: Referral;
  patient: { familyName: string; givenNames: string; identifier: string; birthDate: string; address: string };
  previousScan: { scannerId: string; startsAt: string } | null;
  appointments: BookedAppointment[];
  correspondence: Correspondence[];
  enclosures: string[];
  documents: { leaflet: PatientLeaflet; questionnaire: Questionnaire };
}

/** The department as the patient's papers name it (the service details). */
export interface Department {
  name: string | null;
  address: string | null;
  telephone: string | null;
  email: string | null;
}

/** The information leaflet sent with the appointment letter (ROS 4.4; Appendix 4B). */
export interface PatientLeaflet {
  title: string;
  introduction: string;
  sections: { heading: string; paragraphs: string[]; items: string[] }[];
  contact: { heading: string; department: Department };
}

/** The bone health questionnaire (ROS Appendix 2), the scan visit's questions in the patient's words. */
export interface Questionnaire {
  title: string;
  instructions: string;
  patient: { name: string; birthDate: string; identifier: string };
  appointment: { startsAt: string; when: string; location: string } | null;
  questions: { key: string; text: string; takesDetail: boolean; writeIn: boolean }[];
}

export const MODALITY_OF_EXAM: Record<Referral['examination'], Scanner['modality']> = {
  dxa: 'dxa',
  qct: 'ct',
};
