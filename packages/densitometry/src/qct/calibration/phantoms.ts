import { z } from 'zod';
import { phantomTable, type BuiltInPhantom } from './calibration-data.ts';
import type { CalibrationMaterial, CalibrationPoint } from './qct-calibration.ts';

// Calibration phantoms (ACR QCT IV.B.1.a: the QCT software uses known phantom densities): the built-in
// definitions in data/qct-phantoms.json, and a user's own phantom file.

/** A user phantom file: `{ "name", "material": "K2HPO4" | "CaHA", "rodsMgCm3": [...] }`. */
export const phantomDefinitionSchema = z
  .strictObject({
    name: z.string().trim().min(1),
    material: z.enum(['K2HPO4', 'CaHA']),
    rodsMgCm3: z.array(z.number()).min(2),
    /** Water density of each K2HPO4-solution rod from its certificate (Mindways-style phantoms). */
    waterMgCm3: z.array(z.number().positive()).optional(),
  })
  .refine((p) => p.waterMgCm3 === undefined || p.waterMgCm3.length === p.rodsMgCm3.length, {
    error: 'waterMgCm3 must give one water density per rod',
    path: ['waterMgCm3'],
  })
  .refine((p) => new Set(p.rodsMgCm3).size >= 2, {
    error: 'at least two rods must differ in density',
    path: ['rodsMgCm3'],
  });
export type PhantomDefinition = z.infer<typeof phantomDefinitionSchema>;

/** A phantom ready to calibrate with: the rod densities to use and where they came from. */
export interface ResolvedPhantom {
  id?: string;
  name: string;
  material: CalibrationMaterial;
  rodNames: string[];
  rodsMgCm3: number[];
  waterMgCm3?: number[];
  /** The Mindways conversion of a water-corrected fit to a K2HPO4-in-water line. */
  waterCorrection?: { slopeOffsetHuPerMgCm3: number; interceptOffsetHu: number };
  notes: string[];
}

export type QctPhantom = BuiltInPhantom;

/** The built-in phantom definitions (data/qct-phantoms.json). */
export const qctPhantoms: readonly QctPhantom[] = phantomTable.phantoms;

/** The built-in phantom with this id, or undefined. */
export function phantomById(id: string): QctPhantom | undefined {
  return qctPhantoms.find((p) => p.id === id);
}

/** A zod error as one line naming each field: "phantom file: rodsMgCm3.1: Invalid input: expected number". */
export function describeZodError(what: string, error: z.ZodError): string {
  return `${what}: ${error.issues
    .map((i) => `${i.path.length > 0 ? i.path.map(String).join('.') : '(root)'}: ${i.message}`)
    .join('; ')}`;
}

function checkCertificate(
  field: string,
  values: readonly number[],
  phantom: QctPhantom,
  positive: boolean,
): number[] {
  if (values.length !== phantom.rodCount)
    throw new Error(
      `${field}: ${phantom.name} has ${String(phantom.rodCount)} rods (${phantom.rodNames.join(', ')}) but ${String(values.length)} values were given`,
    );
  for (const [i, v] of values.entries()) {
    if (!Number.isFinite(v) || (positive && v <= 0))
      throw new Error(
        `${field}: rod ${phantom.rodNames[i] ?? String(i + 1)} must be a ${positive ? 'positive' : 'finite'} number, got ${String(v)}`,
      );
  }
  return [...values];
}

/**
 * The rod densities to calibrate with. A built-in id takes the certificate values when given, else the
 * nominal values; a phantom whose rods are certified per serial number (Mindways Model 3, Image Analysis)
 * refuses to resolve without them. A user definition (e.g. parsed from a phantom file) is validated with
 * `phantomDefinitionSchema`. Errors name the field.
 */
export function resolvePhantom(
  idOrDefinition: unknown,
  certificateRodsMgCm3?: readonly number[],
  certificateWaterMgCm3?: readonly number[],
): ResolvedPhantom {
  if (typeof idOrDefinition === 'string') {
    const phantom = phantomById(idOrDefinition);
    if (!phantom)
      throw new Error(
        `phantom: unknown phantom "${idOrDefinition}"; built-in phantoms are ${qctPhantoms.map((p) => p.id).join(', ')}, or give a phantom file { name, material, rodsMgCm3 }`,
      );
    const notes: string[] = [];
    let rods: number[];
    if (certificateRodsMgCm3 !== undefined) {
      rods = checkCertificate('certificateRodsMgCm3', certificateRodsMgCm3, phantom, false);
      notes.push(`${phantom.name}: rod densities from the phantom's certificate`);
    } else if (phantom.certificate === 'required' || phantom.nominalRodsMgCm3 === null) {
      throw new Error(`certificateRodsMgCm3: required for ${phantom.name}. ${phantom.certificateNote}`);
    } else {
      rods = [...phantom.nominalRodsMgCm3];
      notes.push(
        `${phantom.name}: nominal rod densities used (${rods.join(', ')} mg/cm³); ${phantom.certificateNote}`,
      );
    }
    const resolved: ResolvedPhantom = {
      id: phantom.id,
      name: phantom.name,
      material: phantom.material,
      rodNames: [...phantom.rodNames],
      rodsMgCm3: rods,
      notes,
    };
    if (certificateWaterMgCm3 !== undefined) {
      if (!phantom.waterCorrection)
        throw new Error(
          `certificateWaterMgCm3: ${phantom.name} rods are not K2HPO4 solutions with certified water densities`,
        );
      resolved.waterMgCm3 = checkCertificate('certificateWaterMgCm3', certificateWaterMgCm3, phantom, true);
    } else if (phantom.waterCorrection) {
      notes.push(
        `${phantom.name}: the rods' water densities were not given, so HU are fitted on K2HPO4 density alone; the rods' water content differs and the fit may be refused for its residuals — enter the certificate's water densities`,
      );
    }
    if (phantom.waterCorrection) resolved.waterCorrection = { ...phantom.waterCorrection };
    return resolved;
  }
  const parsed = phantomDefinitionSchema.safeParse(idOrDefinition);
  if (!parsed.success) throw new Error(describeZodError('phantom file', parsed.error));
  const definition = parsed.data;
  const resolved: ResolvedPhantom = {
    name: definition.name,
    material: definition.material,
    rodNames: definition.rodsMgCm3.map((_, i) => String(i + 1)),
    rodsMgCm3: [...definition.rodsMgCm3],
    notes: [`${definition.name}: rod densities from the user's phantom file`],
  };
  if (definition.waterMgCm3) {
    // The water correction is for K2HPO4 solution rods (Mindways); CaHA inserts are solids.
    if (definition.material !== 'K2HPO4')
      throw new Error(
        'phantom file: waterMgCm3: water densities are for K2HPO4 solution rods, not CaHA inserts',
      );
    resolved.waterMgCm3 = [...definition.waterMgCm3];
    const mindways = phantomById('mindways-model-3')?.waterCorrection;
    if (mindways) resolved.waterCorrection = { ...mindways };
  }
  return resolved;
}

/** Pairs a phantom's rods with their measured mean HU, in rod order. Throws when the counts differ. */
export function rodPoints(phantom: ResolvedPhantom, rodsHu: readonly number[]): CalibrationPoint[] {
  if (rodsHu.length !== phantom.rodsMgCm3.length)
    throw new Error(
      `rodsHu: ${String(rodsHu.length)} values given but ${phantom.name} has ${String(phantom.rodsMgCm3.length)} rods`,
    );
  return phantom.rodsMgCm3.map((densityMgCm3, i) => {
    const meanHu = rodsHu[i] ?? Number.NaN;
    const point: CalibrationPoint = {
      name: `rod ${phantom.rodNames[i] ?? String(i + 1)}`,
      densityMgCm3,
      meanHu,
    };
    const water = phantom.waterMgCm3?.[i];
    if (water !== undefined) point.waterMgCm3 = water;
    return point;
  });
}
