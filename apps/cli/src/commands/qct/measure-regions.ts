import { dirname, resolve } from 'node:path';
import {
  assertSameGrid,
  ellipseVoxels,
  placeTrabecularRoi,
  readNiftiFile,
  regionStatistics,
  voxelsWithLabel,
  type Volume,
} from '@quantrad/imaging';
import { InputError } from '../../io/input-error.ts';
import type { QctRegionsFile, RegionKind } from './qct-regions-schema.ts';

export interface RegionMeasurement {
  name: string;
  kind: RegionKind;
  densityMgCm3?: number;
  fractured?: boolean;
  /** Where the voxels came from: "label 3", "ellipse", or the automatic placement inside a body label. */
  from: string;
  voxels: Int32Array;
  voxelCount: number;
  meanHu: number;
  sdHu: number;
  volumeMm3: number;
}

/** The label mask of a regions file, read once and checked against the CT's grid. */
export async function readRegionMask(
  ct: Volume,
  regions: QctRegionsFile,
  regionsPath: string,
): Promise<{ mask: Volume; path: string } | undefined> {
  if (regions.mask === undefined) return undefined;
  const path = resolve(dirname(regionsPath), regions.mask);
  const mask = await readNiftiFile(path);
  try {
    assertSameGrid(ct, mask, path);
  } catch (error) {
    throw new InputError(`${regionsPath}: mask: ${(error as Error).message}`);
  }
  return { mask, path };
}

function measured(
  ct: Volume,
  base: Omit<RegionMeasurement, 'voxelCount' | 'meanHu' | 'sdHu' | 'volumeMm3'>,
  where: string,
): RegionMeasurement {
  if (base.voxels.length === 0) throw new InputError(`${where}: region "${base.name}" holds no voxels`);
  const stats = regionStatistics(ct, base.voxels);
  return {
    ...base,
    voxelCount: stats.voxelCount,
    meanHu: stats.meanHu,
    sdHu: stats.sdHu,
    volumeMm3: stats.volumeMm3,
  };
}

/** Every region of the file measured on the CT: mean HU, SD and volume, with the voxels for figures. */
export async function measureRegions(
  ct: Volume,
  regions: QctRegionsFile,
  regionsPath: string,
): Promise<RegionMeasurement[]> {
  const results: RegionMeasurement[] = [];
  const maskFile = await readRegionMask(ct, regions, regionsPath);
  for (const [labelText, entry] of Object.entries(regions.labels ?? {})) {
    if (maskFile === undefined) break;
    const label = Number(labelText);
    const where = `${regionsPath}: labels.${labelText}`;
    const facts = {
      name: entry.name,
      kind: entry.kind,
      ...(entry.densityMgCm3 === undefined ? {} : { densityMgCm3: entry.densityMgCm3 }),
      ...(entry.fractured === undefined ? {} : { fractured: entry.fractured }),
    };
    if (entry.labelMarks === 'body') {
      if (entry.kind !== 'vertebra')
        throw new InputError(`${where}: labelMarks "body" is for vertebrae only`);
      let placed: ReturnType<typeof placeTrabecularRoi>;
      try {
        placed = placeTrabecularRoi(ct, maskFile.mask, label);
      } catch (error) {
        throw new InputError(`${where}: ${(error as Error).message}`);
      }
      results.push(
        measured(
          ct,
          { ...facts, from: `label ${label}: ${placed.description}`, voxels: placed.voxels },
          where,
        ),
      );
    } else {
      const voxels = voxelsWithLabel(maskFile.mask, label);
      if (voxels.length === 0)
        throw new InputError(`${where}: label ${label} ("${entry.name}") has no voxels in ${maskFile.path}`);
      results.push(measured(ct, { ...facts, from: `label ${label}`, voxels }, where));
    }
  }
  for (const [index, ellipse] of (regions.ellipses ?? []).entries()) {
    const where = `${regionsPath}: ellipses[${index}]`;
    let voxels: Int32Array;
    try {
      voxels = ellipseVoxels(ct, ellipse);
    } catch (error) {
      throw new InputError(`${where}: ${(error as Error).message}`);
    }
    results.push(
      measured(
        ct,
        {
          name: ellipse.name,
          kind: ellipse.kind,
          ...(ellipse.densityMgCm3 === undefined ? {} : { densityMgCm3: ellipse.densityMgCm3 }),
          ...(ellipse.fractured === undefined ? {} : { fractured: ellipse.fractured }),
          from: 'ellipse',
          voxels,
        },
        where,
      ),
    );
  }
  const seen = new Set<string>();
  for (const region of results) {
    if (seen.has(region.name)) throw new InputError(`${regionsPath}: two regions are named "${region.name}"`);
    seen.add(region.name);
  }
  return results;
}

export function regionsOfKind(regions: readonly RegionMeasurement[], kind: RegionKind): RegionMeasurement[] {
  return regions.filter((region) => region.kind === kind);
}
