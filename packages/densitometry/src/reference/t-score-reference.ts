import type { ExamInput, ReferenceInput } from '../schema/exam-input.ts';
import { nhanes3HipReference } from './reference-data.ts';

/** A young-adult reference for one site: T = (BMD - mean) / SD. */
export interface TScoreReference {
  id: string;
  source: string;
  site: string;
  meanGcm2: number;
  sdGcm2: number;
}

export function tScoreFromReference(bmdGcm2: number, reference: TScoreReference): number {
  return (bmdGcm2 - reference.meanGcm2) / reference.sdGcm2;
}

/**
 * A scanner's reference recovered from two (BMD, T-score) pairs it printed: the T-score is linear in
 * BMD, so SD = (BMD1 - BMD2) / (T1 - T2) and mean = BMD1 - T1 x SD.
 */
export function referenceFromTwoPairs(
  pairs: readonly [{ bmdGcm2: number; tScore: number }, { bmdGcm2: number; tScore: number }],
): { meanGcm2: number; sdGcm2: number } {
  const [a, b] = pairs;
  const sdGcm2 = (a.bmdGcm2 - b.bmdGcm2) / (a.tScore - b.tScore);
  return { meanGcm2: a.bmdGcm2 - a.tScore * sdGcm2, sdGcm2 };
}

function fromInput(reference: ReferenceInput): TScoreReference {
  const meanSd =
    reference.pairs !== undefined
      ? referenceFromTwoPairs(reference.pairs)
      : { meanGcm2: reference.meanGcm2 ?? Number.NaN, sdGcm2: reference.sdGcm2 ?? Number.NaN };
  return { id: reference.id, source: reference.source, site: reference.site, ...meanSd };
}

const HOLOGIC = /hologic/i;

/**
 * The reference to compute a T-score with: a service's scanner-specific reference first, then one
 * configured for all scanners, then NHANES III for the hip on the Hologic scale (ISCD 2019; NOGG 3.5).
 * Returns null rather than apply a Hologic-scale reference to another manufacturer's BMD.
 */
export function resolveTScoreReference(
  site: string,
  scanner: ExamInput['exam']['scanner'],
  configured: readonly ReferenceInput[],
): TScoreReference | null {
  const forSite = configured.filter((r) => r.site === site && r.score !== 'z_score');
  const scannerSpecific = forSite.find((r) => r.scannerId !== undefined && r.scannerId === scanner?.id);
  if (scannerSpecific) return fromInput(scannerSpecific);
  const general = forSite.find((r) => r.scannerId === undefined);
  if (general) return fromInput(general);
  if ((site === 'total_hip' || site === 'femoral_neck') && HOLOGIC.test(scanner?.manufacturer ?? '')) {
    return {
      id: nhanes3HipReference.id,
      source: nhanes3HipReference.source,
      site,
      ...nhanes3HipReference.sites[site],
    };
  }
  return null;
}

/**
 * An age- and sex-matched reference for a Z-score, configured by the service (ISCD 2019: Z-scores
 * against age-, sex- and where possible ethnicity-matched data): scanner-specific first.
 */
export function resolveZScoreReference(
  site: string,
  scanner: ExamInput['exam']['scanner'],
  configured: readonly ReferenceInput[],
  sex: 'female' | 'male',
  ageYears: number,
): TScoreReference | null {
  const matching = configured.filter(
    (r) =>
      r.site === site &&
      r.score === 'z_score' &&
      (r.sex === undefined || r.sex === sex) &&
      ageYears >= (r.ageFromYears ?? Number.POSITIVE_INFINITY) &&
      ageYears <= (r.ageToYears ?? Number.NEGATIVE_INFINITY),
  );
  const chosen =
    matching.find((r) => r.scannerId !== undefined && r.scannerId === scanner?.id) ??
    matching.find((r) => r.scannerId === undefined);
  return chosen ? fromInput(chosen) : null;
}
