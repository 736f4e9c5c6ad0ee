import type { CodeableConcept } from '@medplum/fhirtypes';
import { fhirCodes } from '../reference/report-data.ts';

// One measured value of a study, ready to become a FHIR Observation: a code, a UCUM quantity and,
// where it applies, the body site. The per-study lists are in dxa-, qct- and perfusion-measurements.ts.

export interface Measurement {
  code: CodeableConcept;
  value: number;
  /** UCUM code and the unit as printed */
  unitCode: string;
  unit: string;
  bodySite?: CodeableConcept;
}

const sys = fhirCodes.systems;

export function loincCode([code, display]: readonly [string, string]): CodeableConcept {
  return { coding: [{ system: sys.loinc, code, display }], text: display };
}

/** A measurement with no LOINC term yet: a local code, and the text that says what it is. */
export function localCode([code, display]: readonly [string, string]): CodeableConcept {
  return { coding: [{ system: sys.local, code, display }], text: display };
}

export function snomedBodySite([code, display]: readonly [string, string], text: string): CodeableConcept {
  return { coding: [{ system: sys.snomed, code, display }], text };
}
