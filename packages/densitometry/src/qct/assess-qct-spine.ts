import type { Population } from '../types/population.ts';
import { acrQctSpineCategories } from '../reference/reference-data.ts';
import { qctSpineCategory } from '../rules/qct-spine-category.ts';
import { roundTo } from '../rules/round-score.ts';
import { classifyQctSpine, type QctSpineClassification } from './classify-qct-spine.ts';
import { qctSpineVertebrae } from './qct-reference-data.ts';
import { spineIndexOf } from './vertebra-order.ts';

/** One vertebra measured by spine QCT: its trabecular BMD, already calibrated. */
export interface QctVertebraInput {
  label: string;
  meanHu?: number;
  bmdMgCm3: number;
  fractured?: boolean;
  /** Any other reason the vertebra cannot be used (prior surgery, ROI through a lesion, …). */
  excludedReason?: string;
  /** A T-score from the QCT software: never used (ACR QCT IV.C.2), noted when given. */
  tScore?: number;
}

export interface QctSpineInput {
  vertebrae: readonly QctVertebraInput[];
  /** The two vertebrae to average; L1-L2 unless given (data/qct-spine-vertebrae.json). */
  pair?: readonly [string, string];
  /** A spine T-score from the QCT software: ignored with a note (ACR QCT IV.C.2). */
  tScore?: number;
  /** Intravenous contrast given before the acquisition (ACR QCT IV.C.1: spine QCT is best noncontrast). */
  contrast?: boolean;
  /** When given, the result also carries the population's classification (classifyQctSpine). */
  population?: Population;
  zScore?: number;
}

export interface QctVertebraResult {
  label: string;
  meanHu?: number;
  bmdMgCm3: number;
  excluded: boolean;
  exclusionReason?: string;
}

export interface QctSpineAssessment {
  vertebrae: QctVertebraResult[];
  /** In spine order (cranial first). */
  usedLabels: string[];
  /** Mean of the used vertebrae, to one decimal place as reported; the category is read from this value. */
  meanBmdMgCm3: number;
  /** ACR QCT IV.C.2 mg/cm³ category; it applies to the WHO T-score population only (see classification). */
  category: 'normal' | 'low_bone_density' | 'osteoporosis';
  categorySource: string;
  /** Present when a population was given. */
  classification?: QctSpineClassification;
  notes: string[];
}

function exclusionOf(v: QctVertebraInput): string | undefined {
  // ACR QCT IV.B: anatomic areas of prior surgery or known fracture are excluded from measurement.
  const fracture =
    v.fractured === true ? 'fractured (ACR QCT IV.B: known fractures are excluded)' : undefined;
  if (fracture !== undefined && v.excludedReason !== undefined) return `${fracture}; ${v.excludedReason}`;
  return fracture ?? v.excludedReason;
}

function validate(input: QctSpineInput): void {
  if (input.vertebrae.length === 0) throw new Error('vertebrae: at least one vertebra is needed');
  const seen = new Set<string>();
  for (const [i, v] of input.vertebrae.entries()) {
    const at = `vertebrae[${i}]`;
    if (spineIndexOf(v.label) === null)
      throw new Error(`${at}.label: "${v.label}" is not a vertebra T1-T12 or L1-L5`);
    if (seen.has(v.label)) throw new Error(`${at}.label: ${v.label} appears twice`);
    seen.add(v.label);
    if (!Number.isFinite(v.bmdMgCm3))
      throw new Error(`${at}.bmdMgCm3 (${v.label}) must be a finite number (mg/cm³)`);
    if (v.meanHu !== undefined && !Number.isFinite(v.meanHu))
      throw new Error(`${at}.meanHu (${v.label}) must be a finite number (HU)`);
    if (v.excludedReason?.trim() === '')
      throw new Error(`${at}.excludedReason (${v.label}) must say why the vertebra is excluded`);
  }
  if (input.pair !== undefined) {
    const [a, b] = input.pair;
    for (const label of input.pair)
      if (spineIndexOf(label) === null) throw new Error(`pair: "${label}" is not a vertebra T1-T12 or L1-L5`);
    if (a === b) throw new Error(`pair: names ${a} twice; give two different vertebrae`);
  }
}

/**
 * Spine QCT (ACR QCT IV.B, IV.C.2): the mean trabecular BMD of two vertebrae, L1-L2 unless another pair
 * is given. A fractured or otherwise excluded vertebra (or one not measured) is replaced by the nearest
 * usable vertebra in T12-L4, caudal first (data/qct-spine-vertebrae.json); with only one usable
 * vertebra the mean is that vertebra, with a note. The category uses the ACR mg/cm³ cut points, never
 * a T-score. Throws, naming the field, on bad input or when no vertebra can be used.
 */
export function assessQctSpine(input: QctSpineInput): QctSpineAssessment {
  validate(input);
  const rules = qctSpineVertebrae;
  const pair = input.pair ?? rules.defaultPair;
  const pairLabel = `${pair[0]}-${pair[1]}`;
  const notes: string[] = [];

  const vertebrae: QctVertebraResult[] = input.vertebrae.map((v) => {
    const reason = exclusionOf(v);
    return {
      label: v.label,
      ...(v.meanHu === undefined ? {} : { meanHu: v.meanHu }),
      bmdMgCm3: v.bmdMgCm3,
      excluded: reason !== undefined,
      ...(reason === undefined ? {} : { exclusionReason: reason }),
    };
  });
  const byLabel = new Map(vertebrae.map((v) => [v.label, v]));
  const usable = (label: string): boolean => byLabel.get(label)?.excluded === false;

  const used = pair.filter(usable);
  const replaced = pair.filter((label) => !usable(label));
  if (used.length < rules.vertebraeUsed) {
    const pairIndices = pair.map((label) => spineIndexOf(label) ?? 0);
    const distance = (label: string): number =>
      Math.min(...pairIndices.map((p) => Math.abs((spineIndexOf(label) ?? 0) - p)));
    const substitutes = rules.substitutesFrom
      .filter((label) => usable(label) && !used.includes(label))
      .sort((a, b) => distance(a) - distance(b) || (spineIndexOf(b) ?? 0) - (spineIndexOf(a) ?? 0));
    used.push(...substitutes.slice(0, rules.vertebraeUsed - used.length));
  }
  if (used.length === 0) {
    const why = vertebrae.map(
      (v) => `${v.label}: ${v.exclusionReason ?? `outside ${rules.substitutesFrom.join(', ')}`}`,
    );
    throw new Error(`vertebrae: no usable vertebra for spine QCT (${why.join('; ')})`);
  }
  used.sort((a, b) => (spineIndexOf(a) ?? 0) - (spineIndexOf(b) ?? 0));

  for (const label of replaced) {
    const v = byLabel.get(label);
    notes.push(
      v === undefined ? `${label} was not measured` : `${label} excluded: ${v.exclusionReason ?? 'excluded'}`,
    );
  }
  if (replaced.length > 0) {
    notes.push(`${used.join(' and ')} used in place of ${pairLabel} (${rules.substitutionRule})`);
  } else {
    notes.push(`mean of ${used.join(' and ')}`);
  }
  if (used.length < rules.vertebraeUsed) {
    notes.push(
      `only ${used.length} usable vertebra${used.length === 1 ? '' : 'e'} (${used.join(', ')}): spine QCT is the mean of ${rules.vertebraeUsed}; fewer vertebrae give a less precise mean`,
    );
  }
  const tScoreGiven = input.tScore !== undefined || input.vertebrae.some((v) => v.tScore !== undefined);
  if (tScoreGiven) {
    notes.push(
      'spine QCT T-score ignored: it is not used for a WHO diagnostic category and would overestimate fracture risk (ACR QCT IV.C.2)',
    );
  }

  if (input.contrast === true) {
    notes.push(
      'contrast-enhanced CT: spine QCT is optimally obtained on noncontrast CT (ACR QCT IV.C.1); enhancement raises trabecular attenuation, so the BMD may be overestimated',
    );
  }

  const sum = used.reduce((total, label) => total + (byLabel.get(label)?.bmdMgCm3 ?? 0), 0);
  // Classified as reported, to one decimal place, so the stated value and the category agree.
  const meanBmdMgCm3 = roundTo(sum / used.length, 1);
  const category = qctSpineCategory(meanBmdMgCm3);
  const classification =
    input.population === undefined
      ? undefined
      : classifyQctSpine(input.population, meanBmdMgCm3, input.zScore);
  if (classification !== undefined && classification.scheme !== 'acr_qct_spine_mg_cm3') {
    notes.push(
      `the mg/cm³ category (${category}) does not apply to this patient: ${classification.statement}`,
    );
  }
  return {
    vertebrae,
    usedLabels: used,
    meanBmdMgCm3,
    category,
    categorySource: acrQctSpineCategories.source,
    ...(classification === undefined ? {} : { classification }),
    notes,
  };
}
