import type {
  Bundle,
  BundleEntry,
  CodeableConcept,
  DiagnosticReport,
  Observation,
  Patient,
  Practitioner,
  Resource,
} from '@medplum/fhirtypes';
import type { PatientContext, ReporterContext } from '../context/report-context-schema.ts';
import { fhirCodes } from '../reference/report-data.ts';
import type { Measurement } from './measurement.ts';

// FHIR R4: a collection Bundle holding the DiagnosticReport, its Observations, the Patient and the
// Practitioner, joined by urn:uuid references. Codes are cited data (data/fhir-codes.json).

const sys = fhirCodes.systems;

function entry(id: string, resource: Resource): BundleEntry {
  return { fullUrl: `urn:uuid:${id}`, resource };
}

function snomed([code, display]: readonly [string, string]): CodeableConcept {
  return { coding: [{ system: sys.snomed, code, display }], text: display };
}

function patientResource(p: PatientContext): Patient {
  const [family, ...given] = p.name.split(' ').reverse();
  return {
    resourceType: 'Patient',
    identifier: [
      { ...(p.identifier.system ? { system: p.identifier.system } : {}), value: p.identifier.value },
    ],
    name: [{ text: p.name, ...(family ? { family } : {}), given: given.reverse() }],
    birthDate: p.birthDate,
    ...(p.address ? { address: [{ text: p.address }] } : {}),
  };
}

function practitionerResource(r: ReporterContext): Practitioner {
  return {
    resourceType: 'Practitioner',
    name: [{ text: r.name }],
    identifier: [{ system: `urn:quantrad:registration:${r.registrationBody}`, value: r.registrationNumber }],
    qualification: [{ code: { text: r.title } }],
  };
}

export interface BundleInput {
  ids: { report: string; patient: string; practitioner: string; observation: (n: number) => string };
  kind: 'dxa' | 'qct' | 'ct_perfusion';
  status: 'preliminary' | 'final' | 'amended';
  effectiveDate: string;
  issued: string;
  patient: PatientContext;
  reporter: ReporterContext;
  conclusion: string;
  conclusionCodes: (readonly [string, string])[];
  presentedText: string;
  measurements: Measurement[];
}

function observation(m: Measurement, input: BundleInput): Observation {
  return {
    resourceType: 'Observation',
    status: input.status === 'preliminary' ? 'preliminary' : 'final',
    category: [{ coding: [{ system: sys.observationCategory, code: 'imaging' }] }],
    code: m.code,
    subject: { reference: `urn:uuid:${input.ids.patient}` },
    effectiveDateTime: input.effectiveDate,
    performer: [{ reference: `urn:uuid:${input.ids.practitioner}` }],
    valueQuantity: { value: m.value, unit: m.unit, system: sys.ucum, code: m.unitCode },
    ...(m.bodySite ? { bodySite: m.bodySite } : {}),
  };
}

/** The report as a FHIR R4 Bundle (DiagnosticReport + Observations + Patient + Practitioner). */
export function fhirBundle(input: BundleInput): Bundle {
  const observations = input.measurements.map((m) => observation(m, input));
  const reportCode = fhirCodes.reports[input.kind];
  const report: DiagnosticReport = {
    resourceType: 'DiagnosticReport',
    status: input.status,
    category: [{ coding: [{ system: sys.diagnosticServiceSection, code: 'RAD' }] }],
    code: { coding: [{ system: sys.loinc, code: reportCode.code }], text: reportCode.text },
    subject: { reference: `urn:uuid:${input.ids.patient}` },
    effectiveDateTime: input.effectiveDate,
    issued: input.issued,
    resultsInterpreter: [{ reference: `urn:uuid:${input.ids.practitioner}` }],
    result: observations.map((_, i) => ({ reference: `urn:uuid:${input.ids.observation(i)}` })),
    conclusion: input.conclusion,
    conclusionCode: input.conclusionCodes.map(snomed),
    presentedForm: [
      {
        contentType: 'text/plain; charset=utf-8',
        language: 'en-GB',
        data: Buffer.from(input.presentedText, 'utf8').toString('base64'),
        title: reportCode.text,
      },
    ],
  };
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: input.issued,
    entry: [
      entry(input.ids.report, report),
      entry(input.ids.patient, patientResource(input.patient)),
      entry(input.ids.practitioner, practitionerResource(input.reporter)),
      ...observations.map((o, i) => entry(input.ids.observation(i), o)),
    ],
  };
}
