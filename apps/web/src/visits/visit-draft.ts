// What the operator has typed into the scan visit checklist, and the POST /api/visits body made from it
// (packages/service/src/visits/scan-visit-input.ts).

import questionnaireJson from '../../../../packages/service/data/bone-health-questionnaire.json' with { type: 'json' };

export const SCAN_SITES = [
  ['lumbar_spine', 'Lumbar spine'],
  ['left_hip', 'Left hip'],
  ['right_hip', 'Right hip'],
  ['left_forearm', 'Left forearm'],
  ['right_forearm', 'Right forearm'],
  ['total_body', 'Total body'],
  ['vertebral_fracture_assessment', 'Vertebral fracture assessment'],
] as const;
export type ScanSite = (typeof SCAN_SITES)[number][0];

/**
 * The ROS Appendix 2 questionnaire, each question with whether it takes a detail: the same list the booking
 * desk prints for the patient (packages/service/data/bone-health-questionnaire.json), so they cannot drift.
 */
export const QUESTIONS: readonly (readonly [key: string, question: string, hasDetail: boolean])[] =
  questionnaireJson.questions.map((q) => [q.key, q.question, q.takesDetail] as const);
export type QuestionKey = string;
export type Answer = '' | 'yes' | 'no' | 'unsure';

export interface VisitDraft {
  identity: { name: boolean; birthDate: boolean; address: boolean; examination: boolean };
  childBearingCapacity: '' | 'yes' | 'no';
  pregnancyStatus: '' | 'not_pregnant' | 'possibly_pregnant' | 'pregnant';
  lastMenstrualPeriod: string;
  signedBy: string;
  answers: Partial<Record<QuestionKey, Answer>>;
  details: Partial<Record<QuestionKey, string>>;
  alcoholUnitsPerDay: string;
  ovariesRemoved: boolean;
  heightCm: string;
  weightKg: string;
  consent: boolean;
  recentNuclearMedicine: boolean;
  recentContrast: boolean;
  metalwork: string;
  sitesScanned: ScanSite[];
  repeatOrExtraScans: string;
  operatorNotes: string;
  notScannedReason: string;
}

export const EMPTY_DRAFT: VisitDraft = {
  identity: { name: false, birthDate: false, address: false, examination: false },
  childBearingCapacity: '',
  pregnancyStatus: '',
  lastMenstrualPeriod: '',
  signedBy: '',
  answers: {},
  details: {},
  alcoholUnitsPerDay: '',
  ovariesRemoved: false,
  heightCm: '',
  weightKg: '',
  consent: false,
  recentNuclearMedicine: false,
  recentContrast: false,
  metalwork: '',
  sitesScanned: [],
  repeatOrExtraScans: '',
  operatorNotes: '',
  notScannedReason: '',
};

function textOrNull(text: string): string | null {
  return text.trim() === '' ? null : text.trim();
}

function numberOrNull(text: string): number | null {
  return text.trim() === '' ? null : Number(text);
}

function questionnaire(d: VisitDraft): Record<string, object> {
  const out: Record<string, object> = {};
  for (const [key, , hasDetail] of QUESTIONS) {
    const answer = d.answers[key] ?? '';
    if (answer === '') continue;
    const detail = hasDetail ? textOrNull(d.details[key] ?? '') : null;
    out[key] = {
      answer,
      ...(detail !== null ? { detail } : {}),
      ...(key === 'alcoholDaily' && d.alcoholUnitsPerDay.trim() !== ''
        ? { unitsPerDay: Number(d.alcoholUnitsPerDay) }
        : {}),
      ...(key === 'hysterectomy' && answer === 'yes' ? { ovariesRemoved: d.ovariesRemoved } : {}),
    };
  }
  return out;
}

/** The POST /api/visits body; an unanswered pregnancy status is sent as not applicable for the API to judge. */
export function visitBody(appointmentId: string, d: VisitDraft): Record<string, unknown> {
  const capable = d.childBearingCapacity === 'yes';
  const notScannedReason = textOrNull(d.notScannedReason);
  return {
    appointmentId,
    identity: { ...d.identity },
    pregnancy: {
      childBearingCapacity: capable,
      status: capable && d.pregnancyStatus !== '' ? d.pregnancyStatus : 'not_applicable',
      lastMenstrualPeriod: capable && d.lastMenstrualPeriod !== '' ? d.lastMenstrualPeriod : null,
      signedBy: capable ? textOrNull(d.signedBy) : null,
    },
    questionnaire: questionnaire(d),
    heightCm: numberOrNull(d.heightCm),
    weightKg: numberOrNull(d.weightKg),
    consent: d.consent,
    contraindications: {
      recentNuclearMedicine: d.recentNuclearMedicine,
      recentContrast: d.recentContrast,
      metalwork: textOrNull(d.metalwork),
    },
    sitesScanned: [...d.sitesScanned],
    repeatOrExtraScans: textOrNull(d.repeatOrExtraScans),
    operatorNotes: textOrNull(d.operatorNotes),
    ...(d.sitesScanned.length === 0 && notScannedReason !== null ? { notScannedReason } : {}),
  };
}
