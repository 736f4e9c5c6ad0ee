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
import type { DxaAssessment } from '@quantrad/densitometry';
import type { PatientContext, ReporterContext } from '../context/report-context-schema.ts';
import { reportedSites } from '../dxa/results-table.ts';
import { fhirCodes } from '../reference/report-data.ts';

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

type SiteKey = keyof typeof fhirCodes.dxaObservations;

function siteKey(site: string): SiteKey {
  if (site === 'total_hip' || site === 'femoral_neck' || site === 'radius_33') return site;
  return 'spine';
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
  assessment?: DxaAssessment;
}

function dxaObservations(a: DxaAssessment, input: BundleInput): Observation[] {
  const observations: Observation[] = [];
  for (const s of reportedSites(a)) {
    const key = siteKey(s.site);
    const codes = fhirCodes.dxaObservations[key];
    const sided =
      (s.side === 'left' ? codes.left : s.side === 'right' ? codes.right : undefined) ?? codes.any;
    const body = fhirCodes.bodySites[key];
    const bodySite: CodeableConcept = {
      coding: [{ system: sys.snomed, code: body[0], display: body[1] }],
      text: `${s.side ? `${s.side} ` : ''}${s.site}`,
    };
    const values: [readonly [string, string], number | null, string, string][] = [
      [sided.bmd, s.bmdGcm2, 'g/cm2', 'g/cm²'],
      // ISCD 2019: no T-score for children or Z-score adults.
      [sided.tScore, a.population === 'adult_t_score' ? s.tScore : null, '1', 'T-score'],
      [sided.zScore, s.zScoreHeightAdjusted ?? s.zScore, '1', 'Z-score'],
    ];
    for (const [[code, display], value, unitCode, unit] of values) {
      if (value === null) continue;
      observations.push({
        resourceType: 'Observation',
        status: input.status === 'preliminary' ? 'preliminary' : 'final',
        category: [{ coding: [{ system: sys.observationCategory, code: 'imaging' }] }],
        code: { coding: [{ system: sys.loinc, code, display }], text: display },
        subject: { reference: `urn:uuid:${input.ids.patient}` },
        effectiveDateTime: input.effectiveDate,
        performer: [{ reference: `urn:uuid:${input.ids.practitioner}` }],
        valueQuantity: { value, unit, system: sys.ucum, code: unitCode },
        bodySite,
      });
    }
  }
  return observations;
}

/** The report as a FHIR R4 Bundle (DiagnosticReport + Observations + Patient + Practitioner). */
export function fhirBundle(input: BundleInput): Bundle {
  const observations = input.assessment === undefined ? [] : dxaObservations(input.assessment, input);
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
