import { roundTo } from '../rules/round-score.ts';
import { cutPointsSchema, martin2013, type MuscleCutPoints } from './muscle-cut-points.ts';
import { qctMuscleReference } from './qct-reference-data.ts';

/** Muscle measured on one axial CT slice (ACR QCT IV.H.3-4). */
export interface MuscleInput {
  /** Skeletal muscle cross-sectional area (-29 to +150 HU), cm². */
  areaCm2: number;
  /** Mean attenuation of that muscle, HU. */
  meanHu: number;
  /** Intermuscular adipose tissue (-190 to -30 HU within the muscle fascia), cm². */
  intermuscularFatCm2?: number;
  heightCm: number;
  weightKg: number;
  sex: 'female' | 'male';
  level: 'L3' | 'L4';
  /** Intravenous contrast given before the acquisition (ACR QCT IV.H.6). */
  contrast?: boolean;
}

export interface MuscleAssessment {
  muscleAreaCm2: number;
  /** Skeletal muscle index: area / height², cm²/m² (one decimal). */
  smiCm2M2: number;
  meanMuscleHu: number;
  bmiKgM2: number;
  intermuscularFatCm2: number | null;
  /** Intermuscular fat as a share of muscle plus intermuscular fat area, %. */
  intermuscularFatPercent: number | null;
  sarcopenia: boolean;
  /** false also when the cut points have no attenuation band for this patient (see caveats). */
  myosteatosis: boolean;
  cutPointsUsed: {
    id: string;
    source: string;
    level: 'L3' | 'L4';
    population: string;
    smiBelowCm2M2: number;
    muscleHuBelow: number | null;
    differsFromAcr?: string;
  };
  caveats: string[];
}

interface Band {
  sex?: 'female' | 'male' | undefined;
  bmiAtLeastKgM2?: number | undefined;
  bmiBelowKgM2?: number | undefined;
}

function bandFor<B extends Band>(
  bands: readonly B[],
  sex: 'female' | 'male',
  bmiKgM2: number,
): B | undefined {
  return bands.find(
    (b) =>
      (b.sex === undefined || b.sex === sex) &&
      bmiKgM2 >= (b.bmiAtLeastKgM2 ?? 0) &&
      bmiKgM2 < (b.bmiBelowKgM2 ?? Infinity),
  );
}

function validate(input: MuscleInput): void {
  const positive = (name: string, value: number, max: number, unit: string): void => {
    if (!Number.isFinite(value) || value <= 0 || value > max)
      throw new Error(`${name} must be a number above 0 and at most ${max} ${unit}`);
  };
  positive('areaCm2', input.areaCm2, 1000, 'cm²');
  positive('heightCm', input.heightCm, 250, 'cm');
  positive('weightKg', input.weightKg, 400, 'kg');
  if (input.heightCm < 50) throw new Error('heightCm must be at least 50 cm (is it in metres?)');
  const { min, max } = qctMuscleReference.muscleHu;
  if (!Number.isFinite(input.meanHu) || input.meanHu < min || input.meanHu > max)
    throw new Error(`meanHu must lie in the muscle range ${min} to ${max} HU (${qctMuscleReference.source})`);
  if (
    input.intermuscularFatCm2 !== undefined &&
    (!Number.isFinite(input.intermuscularFatCm2) || input.intermuscularFatCm2 < 0)
  )
    throw new Error('intermuscularFatCm2 must be a number of cm², 0 or more');
}

/**
 * Muscle metrics from one axial CT slice (ACR QCT IV.H): skeletal muscle index (area / height²), mean
 * muscle attenuation, BMI and intermuscular fat, with sarcopenia (SMI below the cut point for sex and
 * BMI) and myosteatosis (attenuation below the cut point for BMI) flags. Cut points default to Martin 2013
 * (data/qct-muscle-cut-points.json) and may be the user's own (cutPointsSchema). The flags compare the
 * SMI as reported (one decimal) with the cut points, so the stated value and the flag agree.
 */
export function assessMuscle(input: MuscleInput, cutPoints: MuscleCutPoints = martin2013): MuscleAssessment {
  validate(input);
  const parsed = cutPointsSchema.safeParse(cutPoints);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`cut points: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim());
  }
  const cp = parsed.data;
  const heightM = input.heightCm / 100;
  const smi = roundTo(input.areaCm2 / heightM ** 2, 1);
  // BMI as reported (one decimal) picks the band, so a stated BMI of 25.0 is never in the < 25 band.
  const bmi = roundTo(input.weightKg / heightM ** 2, 1);
  const smiBand = bandFor(cp.smi, input.sex, bmi);
  if (smiBand === undefined)
    throw new Error(
      `cut points ${cp.id}: no SMI cut point for a ${input.sex} patient with BMI ${bmi.toFixed(1)} kg/m²`,
    );
  const huBand = bandFor(cp.muscleHu, input.sex, bmi);
  const caveats: string[] = [qctMuscleReference.caveats.noConsensus];
  caveats.push(`cut points from ${cp.population}: ${cp.source}`);
  if (cp.differsFromAcr !== undefined) caveats.push(cp.differsFromAcr);
  if (input.level !== cp.level) {
    caveats.push(
      `measured at ${input.level} but the cut points are for ${cp.level}: muscle area differs between levels, so the sarcopenia flag is approximate (ACR QCT IV.H.4-5)`,
    );
  }
  if (input.contrast === true) caveats.push(qctMuscleReference.caveats.contrast);
  else if (input.contrast === undefined) caveats.push(qctMuscleReference.caveats.contrastUnknown);
  if (huBand === undefined) {
    caveats.push(
      `cut points ${cp.id} give no muscle attenuation cut point for this patient: myosteatosis not assessed`,
    );
  }
  const imat = input.intermuscularFatCm2 ?? null;
  return {
    muscleAreaCm2: input.areaCm2,
    smiCm2M2: smi,
    meanMuscleHu: input.meanHu,
    bmiKgM2: bmi,
    intermuscularFatCm2: imat,
    intermuscularFatPercent: imat === null ? null : (100 * imat) / (input.areaCm2 + imat),
    sarcopenia: smi < smiBand.belowCm2M2,
    myosteatosis: huBand !== undefined && input.meanHu < huBand.belowHu,
    cutPointsUsed: {
      id: cp.id,
      source: cp.source,
      level: cp.level,
      population: cp.population,
      smiBelowCm2M2: smiBand.belowCm2M2,
      muscleHuBelow: huBand?.belowHu ?? null,
      ...(cp.differsFromAcr === undefined ? {} : { differsFromAcr: cp.differsFromAcr }),
    },
    caveats,
  };
}
