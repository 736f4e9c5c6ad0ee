import { iscdAdult } from '../reference/reference-data.ts';
import { yearsBetween } from '../rules/age.ts';

export type QctUnit = 'mg/cm3' | 'g/cm2';

/** One QCT result to compare: spine vBMD in mg/cm³ or CTXA hip aBMD in g/cm². */
export interface QctSerialValue {
  value: number;
  unit: QctUnit;
  date: string;
  scanner: { id: string; manufacturer: string };
  /** The measured site (e.g. "L1-L2", "femoral_neck"); when both results name one they must agree. */
  site?: string;
  /** Reported in standardised units, comparable across manufacturers (ACR QCT IV.F.3). */
  standardisedUnits?: boolean;
}

/** The scanner's precision error: RMS-SD in the value's unit, or %CV. */
export type QctPrecision = { rmsSd: number; percentCv?: never } | { percentCv: number; rmsSd?: never };

export interface QctSerialInput {
  current: QctSerialValue;
  prior: QctSerialValue;
  precision?: QctPrecision;
}

/** ACR QCT IV.F order of comparability, most valid first. */
export type QctComparability =
  'same_unit' | 'same_manufacturer' | 'other_manufacturer_standardised' | 'not_comparable';

export interface QctSerialComparison {
  comparability: QctComparability;
  unit: QctUnit;
  /** current − prior, in the unit of the values. */
  change: number;
  changePercent: number;
  changePercentPerYear: number | null;
  /** 2.77 × precision, in the unit of the values (from RMS-SD) or null when precision is a %CV. */
  lsc: number | null;
  /** 2.77 × %CV, or null when precision is an RMS-SD. */
  lscPercent: number | null;
  /** null when not comparable or no precision is known. */
  significant: boolean | null;
  reason: string;
  notes: string[];
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** The precision values are reported to: vBMD to 0.01 mg/cm³, areal BMD to 0.001 g/cm². */
const REPORTING_STEP: Record<QctUnit, number> = { 'mg/cm3': 0.01, 'g/cm2': 0.001 };

function validateValue(v: QctSerialValue, name: 'current' | 'prior'): void {
  if (!Number.isFinite(v.value) || v.value <= 0) throw new Error(`${name}.value must be a positive number`);
  if (!isoDate.test(v.date) || Number.isNaN(Date.parse(`${v.date}T00:00:00Z`)))
    throw new Error(`${name}.date must be a date written YYYY-MM-DD`);
  if (v.scanner.id.trim() === '') throw new Error(`${name}.scanner.id must name the scanner`);
  if (v.scanner.manufacturer.trim() === '')
    throw new Error(`${name}.scanner.manufacturer must name the manufacturer`);
}

function comparabilityOf(input: QctSerialInput): { comparability: QctComparability; reason: string } {
  const { current, prior } = input;
  if (current.unit !== prior.unit)
    return {
      comparability: 'not_comparable',
      reason: `different measures (${prior.unit} on ${prior.date}, ${current.unit} now): not comparable`,
    };
  if (current.site !== undefined && prior.site !== undefined && current.site !== prior.site)
    return {
      comparability: 'not_comparable',
      reason: `different sites (${prior.site} on ${prior.date}, ${current.site} now): comparison is made with the same site (ACR QCT IV.F)`,
    };
  if (current.scanner.id === prior.scanner.id)
    return {
      comparability: 'same_unit',
      reason: `same unit (${current.scanner.id}): the most valid comparison (ACR QCT IV.F.1)`,
    };
  const sameMaker =
    current.scanner.manufacturer.trim().toLowerCase() === prior.scanner.manufacturer.trim().toLowerCase();
  if (sameMaker)
    return {
      comparability: 'same_manufacturer',
      reason: `another unit from the same manufacturer (${prior.scanner.id} → ${current.scanner.id}, ${current.scanner.manufacturer}) (ACR QCT IV.F.2)`,
    };
  if (prior.standardisedUnits === true && current.standardisedUnits === true)
    return {
      comparability: 'other_manufacturer_standardised',
      reason: `a unit from another manufacturer (${prior.scanner.manufacturer} → ${current.scanner.manufacturer}), both results in standardised units: the least valid comparable case (ACR QCT IV.F.3)`,
    };
  return {
    comparability: 'not_comparable',
    reason: `a unit from another manufacturer (${prior.scanner.manufacturer} → ${current.scanner.manufacturer}) without both results in standardised units: not comparable (ACR QCT IV.F.3)`,
  };
}

/**
 * Serial QCT comparison (ACR QCT IV.F, IV.G): the prior result is comparable when from the same unit, another
 * unit of the same manufacturer, or another manufacturer with both in standardised units, in that order of
 * validity; the change is significant when |change| ≥ LSC = 2.77 × the scanner's precision error (ISCD).
 */
export function compareQctSerial(input: QctSerialInput): QctSerialComparison {
  validateValue(input.current, 'current');
  validateValue(input.prior, 'prior');
  if (input.prior.date > input.current.date)
    throw new Error(`prior.date ${input.prior.date} is after current.date ${input.current.date}`);
  const precision = input.precision;
  if (precision !== undefined) {
    const value = precision.rmsSd ?? precision.percentCv;
    if (!Number.isFinite(value) || value <= 0)
      throw new Error('precision: give rmsSd (in the unit of the values) or percentCv, a positive number');
  }
  const { comparability, reason } = comparabilityOf(input);
  const comparable = comparability !== 'not_comparable';
  const notes: string[] = [];
  const change = input.current.value - input.prior.value;
  const changePercent = (100 * change) / input.prior.value;
  const years = yearsBetween(input.prior.date, input.current.date);
  const m = iscdAdult.lscMultiplier; // ISCD 2019: LSC at 95% confidence = 2.77 × precision error
  const lsc = precision?.rmsSd === undefined ? null : m * precision.rmsSd;
  const lscPercent = precision?.percentCv === undefined ? null : m * precision.percentCv;
  // Compared as reported (the value's reporting precision; percentages to 2 decimals), so a change of
  // exactly the LSC is not lost to floating-point error (102.77 − 100 < 2.77 in binary).
  const step = REPORTING_STEP[input.current.unit];
  const asReported = (value: number, places: number): number => Math.round(value * places) / places;
  let significant: boolean | null = null;
  if (comparable && lsc !== null)
    significant = asReported(Math.abs(change), 1 / step) >= asReported(lsc, 1 / step);
  else if (comparable && lscPercent !== null)
    significant = asReported(Math.abs(changePercent), 100) >= asReported(lscPercent, 100);
  if (comparable && precision === undefined) {
    notes.push(
      `no precision error given for ${input.current.scanner.id}: significance of change not assessed (ACR QCT IV.F)`,
    );
  }
  if (comparable && precision !== undefined && comparability !== 'same_unit') {
    notes.push(
      'the precision error of one scanner does not include the error between scanners: the LSC understates the uncertainty',
    );
  }
  if (precision !== undefined) {
    notes.push(
      'ACR QCT IV.G: because of radiation dose, least significant change parameters are not used for clinical evaluation (they may be obtained for research); the significance here is read from the scanner precision error (IV.F) and is a guide',
    );
  }
  return {
    comparability,
    unit: input.current.unit,
    change,
    changePercent,
    changePercentPerYear: years > 0 ? changePercent / years : null,
    lsc,
    lscPercent,
    significant,
    reason,
    notes,
  };
}
