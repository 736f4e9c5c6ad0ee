import type { AppointmentRecord, PatientRecord, ScannerRecord, ServiceDetailsRecord } from '@quantrad/store';
import { boneHealthQuestionnaire, patientLeaflet } from '../reference/patient-documents.ts';
import { ukDateTime } from './appointment-letter.ts';

/** The department as the patient's papers name it, from the service details (PUT /api/service-details). */
export interface Department {
  name: string | null;
  address: string | null;
  telephone: string | null;
  email: string | null;
}

export interface LeafletSection {
  heading: string;
  paragraphs: string[];
  items: string[];
}

/** The information leaflet sent with the appointment letter (ROS 4.4, 8.1; Appendix 4B). */
export interface PatientLeafletDocument {
  title: string;
  introduction: string;
  sections: LeafletSection[];
  /** "How to contact us": the department from the service details. */
  contact: { heading: string; department: Department };
}

/** The bone health questionnaire to fill in and bring (ROS 4.4; Appendix 2), with whose it is. */
export interface QuestionnaireDocument {
  title: string;
  instructions: string;
  patient: { name: string; birthDate: string; identifier: string };
  /** The appointment it is for, as the letter words it; null when none is booked. */
  appointment: { startsAt: string; when: string; location: string } | null;
  /** In the patient's words; `writeIn` when the question asks for more than yes or no. */
  questions: { key: string; text: string; takesDetail: boolean; writeIn: boolean }[];
}

export function department(service: ServiceDetailsRecord | null): Department {
  return {
    name: service?.name ?? null,
    address: service?.address ?? null,
    telephone: service?.adviceLine ?? null,
    email: service?.email ?? null,
  };
}

/** The leaflet in the service's own wording, with the department's telephone where it asks to be called. */
export function patientLeafletDocument(service: ServiceDetailsRecord | null): PatientLeafletDocument {
  const dept = department(service);
  // ROS Appendix 4B: the department's own number where the patient is asked to telephone.
  const fill = (text: string): string =>
    text.replaceAll('{telephone}', dept.telephone ?? patientLeaflet.noTelephone);
  return {
    title: patientLeaflet.title,
    introduction: fill(patientLeaflet.introduction),
    sections: patientLeaflet.sections.map((s) => ({
      heading: s.heading,
      paragraphs: (s.paragraphs ?? []).map(fill),
      items: (s.items ?? []).map(fill),
    })),
    contact: { heading: patientLeaflet.contactHeading, department: dept },
  };
}

/** The questionnaire for one patient and appointment, asking the scan visit's questions in the patient's words. */
export function questionnaireDocument(
  p: Pick<PatientRecord, 'givenNames' | 'familyName' | 'birthDate' | 'identifier'>,
  booked: { appointment: AppointmentRecord; scanner: ScannerRecord | null } | null,
): QuestionnaireDocument {
  const q = boneHealthQuestionnaire;
  return {
    title: q.title,
    instructions: q.instructions,
    patient: { name: `${p.givenNames} ${p.familyName}`, birthDate: p.birthDate, identifier: p.identifier },
    appointment: booked
      ? {
          startsAt: booked.appointment.startsAt,
          when: ukDateTime(booked.appointment.startsAt),
          location: booked.scanner?.location ?? booked.appointment.scannerId,
        }
      : null,
    questions: q.questions.map((x) => ({
      key: x.key,
      text: x.toPatient,
      takesDetail: x.takesDetail,
      writeIn: x.writeIn,
    })),
  };
}
