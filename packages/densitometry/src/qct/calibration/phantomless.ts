import {
  defaultCalibrationLimits,
  defaultInternalCalibrationReference,
  internalCalibrationReferenceSchema,
  type CalibrationLimits,
  type InternalCalibrationReference,
} from './calibration-data.ts';
import { fitQualityReasons, invalidPoints, slopeReasons } from './fit-checks.ts';
import { fitLine } from './linear-fit.ts';
import { describeZodError } from './phantoms.ts';
import type { CalibrationOutcome, CalibrationPoint, QctCalibration } from './qct-calibration.ts';

// Phantomless (internal) calibration, ACR QCT IV.B.2: the patient's own air, subcutaneous fat, paraspinal
// muscle and (without contrast) blood, each assigned a K2HPO4-equivalent density from a reference table.

export interface TissueHu {
  airHu?: number;
  fatHu: number;
  muscleHu: number;
  bloodHu?: number;
}

export interface PhantomlessOptions {
  /** Equivalent densities; default data/qct-internal-calibration.json. */
  reference?: InternalCalibrationReference;
  /** Tube voltage of the scan; refused when it differs from the reference's. */
  kvp?: number;
  /** Intravenous contrast given: blood cannot then serve as a reference. */
  contrast?: boolean;
  scanner?: { id: string; kvp?: number; kernel?: string; date?: string };
  limits?: CalibrationLimits;
}

const tissueNames = { air: 'airHu', fat: 'fatHu', muscle: 'muscleHu', blood: 'bloodHu' } as const;
type Tissue = keyof typeof tissueNames;

/**
 * A calibration line from reference tissues: their mean HU against their equivalent densities by least
 * squares. Refused with the reasons when a tissue the input gives has no reference density, the kVp differs
 * from the reference's, blood is given after contrast, or the fit fails the phantomless limits.
 */
export function calibrateFromTissues(
  tissues: TissueHu,
  options: PhantomlessOptions = {},
): CalibrationOutcome {
  const reference = options.reference ?? defaultInternalCalibrationReference;
  const limits = options.limits ?? defaultCalibrationLimits;
  const reasons: string[] = [];
  const notes: string[] = [];
  const kvp = options.kvp ?? options.scanner?.kvp;
  if (kvp !== undefined && kvp !== reference.kvp)
    reasons.push(
      `kvp: the scan is at ${String(kvp)} kVp but the tissue reference densities are for ${String(reference.kvp)} kVp; internal calibration is specific to the tube voltage (ACR QCT IV.B.2)`,
    );
  if (options.contrast === true && tissues.bloodHu !== undefined)
    reasons.push('bloodHu: blood cannot serve as a reference after intravenous contrast');

  const points: CalibrationPoint[] = [];
  for (const tissue of Object.keys(tissueNames) as Tissue[]) {
    const hu = tissues[tissueNames[tissue]];
    if (hu === undefined) continue;
    const ref = reference.tissues[tissue];
    if (!ref) {
      reasons.push(`${tissueNames[tissue]}: the reference table has no equivalent density for ${tissue}`);
      continue;
    }
    points.push({ name: tissue, densityMgCm3: ref.equivalentMgCm3, meanHu: hu });
  }
  reasons.push(...invalidPoints(points));
  if (reasons.length > 0) return { ok: false, reasons };

  const x = points.map((p) => p.densityMgCm3);
  const fit = fitLine(
    x,
    points.map((p) => p.meanHu),
  );
  reasons.push(...slopeReasons(fit.slope, reference.material, limits));
  if (points.length >= 3)
    reasons.push(
      ...fitQualityReasons(
        fit,
        points,
        limits.phantomless.minimumR2,
        limits.phantomless.maximumAbsResidualHu,
      ),
    );
  if (reasons.length > 0) return { ok: false, reasons };

  notes.push(reference.precisionNote);
  if (reference.status !== 'published' && reference.status !== 'site')
    notes.push(
      `tissue reference densities are ${reference.status}: ${reference.statusNote ?? reference.source}`,
    );
  if (points.length === 2)
    notes.push('two-point fit (fat and muscle): r² is 1 by construction and linearity cannot be checked');
  if (kvp === undefined)
    notes.push(
      `the scan kVp was not given; the reference densities hold only at ${String(reference.kvp)} kVp`,
    );
  if (options.contrast === true)
    notes.push('intravenous contrast raises muscle attenuation and with it the calibration (ACR QCT IV.H.6)');

  const calibration: QctCalibration = {
    method: 'phantomless',
    material: reference.material,
    slopeHuPerMgCm3: fit.slope,
    interceptHu: fit.intercept,
    r2: points.length === 2 ? 1 : fit.r2,
    points,
    residualsHu: fit.residuals,
    notes,
  };
  if (options.scanner !== undefined) calibration.scanner = { ...options.scanner };
  return { ok: true, calibration };
}

/** One reference scan: its phantom calibration and the mean HU of the tissues measured in it. */
export interface PairedScan {
  calibration: { slopeHuPerMgCm3: number; interceptHu: number };
  tissues: TissueHu;
}

/**
 * A site's own tissue reference table (the published method): in scans calibrated with a phantom, each
 * tissue's equivalent density is (HU − intercept) / slope, averaged over the scans that measured it.
 */
export function internalReferenceFromPairedScans(
  scans: readonly PairedScan[],
  meta: { kvp: number; material: 'K2HPO4' | 'CaHA'; source: string; precisionNote?: string },
): InternalCalibrationReference {
  if (scans.length === 0) throw new Error('scans: at least one phantom-calibrated scan is needed');
  const sums: Partial<Record<Tissue, { total: number; n: number }>> = {};
  for (const [i, scan] of scans.entries()) {
    const { slopeHuPerMgCm3: slope, interceptHu } = scan.calibration;
    if (!(slope > 0)) throw new Error(`scans.${String(i)}.calibration.slopeHuPerMgCm3: must be positive`);
    for (const tissue of Object.keys(tissueNames) as Tissue[]) {
      const hu = scan.tissues[tissueNames[tissue]];
      if (hu === undefined) continue;
      if (!Number.isFinite(hu))
        throw new Error(`scans.${String(i)}.tissues.${tissueNames[tissue]}: must be finite`);
      const entry = sums[tissue] ?? { total: 0, n: 0 };
      entry.total += (hu - interceptHu) / slope;
      entry.n += 1;
      sums[tissue] = entry;
    }
  }
  const mean = (t: Tissue): { equivalentMgCm3: number } | undefined => {
    const s = sums[t];
    return s ? { equivalentMgCm3: s.total / s.n } : undefined;
  };
  const candidate = {
    status: 'site',
    statusNote: `derived from ${String(scans.length)} phantom-calibrated scans`,
    source: meta.source,
    material: meta.material,
    kvp: meta.kvp,
    tissues: { air: mean('air'), fat: mean('fat'), muscle: mean('muscle'), blood: mean('blood') },
    precisionNote: meta.precisionNote ?? defaultInternalCalibrationReference.precisionNote,
  };
  // Drop tissues no scan measured, then validate as any reference table is.
  const tissues = Object.fromEntries(Object.entries(candidate.tissues).filter(([, v]) => v !== undefined));
  const parsed = internalCalibrationReferenceSchema.safeParse({ ...candidate, tissues });
  if (!parsed.success) throw new Error(describeZodError('scans', parsed.error));
  return parsed.data;
}
