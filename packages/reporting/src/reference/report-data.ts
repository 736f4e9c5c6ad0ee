import { z } from 'zod';
import wordingJson from '../../data/ros-report-wording.json' with { type: 'json' };
import fraxJson from '../../data/frax-limitations.json' with { type: 'json' };
import codesJson from '../../data/fhir-codes.json' with { type: 'json' };

// Report wording and codes are data with their sources (STYLE.md), validated when loaded.

function sourced<T extends z.ZodRawShape>(
  shape: T,
): z.ZodObject<T & { source: z.ZodString }, z.core.$strict> {
  return z.strictObject({ source: z.string(), ...shape });
}

const wordingSchema = sourced({
  title: z.string(),
  standardStatements: z.strictObject({ bmdIsPartOfRisk: z.string(), notOnBmdAlone: z.string() }),
  lifestyle: sourced({ items: z.array(z.string()), adultItems: z.array(z.string()) }),
  falls: sourced({ askFromAgeYears: z.number() }),
  clinicalDiagnosis: sourced({ fractureSites: z.array(z.string()), fromAgeYears: z.number() }),
  signposting: sourced({
    general: z.array(z.string()),
    transgender: z.string(),
    contactGp: z.string(),
    contactGpOnSteroids: z.string(),
  }),
  ethnicity: sourced({ tScoreReference: z.string(), limitation: z.string() }),
  followUp: sourced({
    repeatScanBecause: z.strictObject({
      on_treatment: z.string(),
      treatment_to_be_considered: z.string(),
      bone_losing_medication: z.string(),
      periodic_reassessment: z.string(),
    }),
  }),
});

const fraxSchema = sourced({
  glucocorticoidAverageDoseMaxMgPerDay: z.number(),
  multipleVertebralFracturesAtLeast: z.number(),
  spineLowerThanNeckByMoreThanSd: z.number(),
  recentFractureWithinMonths: z.number(),
});

const coding = z.tuple([z.string(), z.string()]);
const siteCodes = z.strictObject({ bmd: coding, tScore: coding, zScore: coding });
const codesSchema = sourced({
  systems: z.strictObject({
    loinc: z.string(),
    snomed: z.string(),
    ucum: z.string(),
    observationCategory: z.string(),
    diagnosticServiceSection: z.string(),
    local: z.string(),
  }),
  localSource: z.string(),
  reports: z.record(
    z.enum(['dxa', 'qct', 'ct_perfusion']),
    z.strictObject({ code: z.string(), text: z.string() }),
  ),
  dxaObservations: z.record(
    z.enum(['spine', 'total_hip', 'femoral_neck', 'radius_33']),
    z.strictObject({ any: siteCodes, left: siteCodes.optional(), right: siteCodes.optional() }),
  ),
  qctObservations: z.record(
    z.enum(['hipBmd', 'hipTScore', 'hipZScore', 'spineTrabecularBmd', 'spineZScore']),
    coding,
  ),
  perfusionObservations: z.record(
    z.enum(['coreVolume', 'hypoperfusionVolume', 'mismatchVolume', 'mismatchRatio', 'ctdiVol']),
    coding,
  ),
  bodySites: z.record(z.enum(['spine', 'total_hip', 'femoral_neck', 'radius_33', 'brain']), coding),
  conclusions: z.record(z.enum(['osteoporosis', 'low_bone_density', 'increased_fracture_risk']), coding),
});

export const reportWording = wordingSchema.parse(wordingJson);
export const fraxLimitations = fraxSchema.parse(fraxJson);
export const fhirCodes = codesSchema.parse(codesJson);
