// Test helpers: synthetic CT volumes with known voxels, temporary folders, and raw DICOM files written
// with dcmjs directly (to make files the quantrad writer would never make: compressed, malformed).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dcmjs, { type NaturalDataset } from 'dcmjs';
import type { Triple, Volume, VoxelArray } from '../src/index.ts';

export function syntheticVolume<T extends VoxelArray>(
  data: T,
  dims: Triple,
  geometry: { spacingMm?: Triple; originMm?: Triple; direction?: readonly number[] } = {},
): Volume<T> {
  return {
    data,
    dims,
    spacingMm: geometry.spacingMm ?? [0.75, 0.8, 2.5],
    originMm: geometry.originMm ?? [-120.5, -95.25, 310],
    direction: geometry.direction ?? [1, 0, 0, 0, 1, 0, 0, 0, 1],
    frames: 1,
  };
}

/** A CT-like Int16 volume in HU: every voxel distinct, from −1024 upwards (x fastest). */
export function huVolume(
  dims: Triple,
  geometry: Parameters<typeof syntheticVolume>[2] = {},
): Volume<Int16Array> {
  const count = dims[0] * dims[1] * dims[2];
  const data = new Int16Array(count);
  for (let index = 0; index < count; index++) data[index] = -1024 + ((index * 37) % 4000);
  return syntheticVolume(data, dims, geometry);
}

export async function withTempFolder<T>(task: (folder: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(join(tmpdir(), 'quantrad-dicom-test-'));
  try {
    return await task(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** A minimal 2 × 2 CT image file; `overrides` replace or (as undefined) remove attributes. */
export async function writeRawCtFile(
  path: string,
  overrides: Record<string, unknown> = {},
  transferSyntaxUid = '1.2.840.10008.1.2.1',
): Promise<void> {
  const { DicomDict, DicomMetaDictionary } = dcmjs.data;
  const sopInstanceUid = DicomMetaDictionary.uid();
  const base: Record<string, unknown> = {
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.2',
    SOPInstanceUID: sopInstanceUid,
    SeriesInstanceUID: '1.2.826.0.1.3680043.10.1',
    Modality: 'CT',
    ImagePositionPatient: ['0', '0', '0'],
    ImageOrientationPatient: ['1', '0', '0', '0', '1', '0'],
    PixelSpacing: ['1', '1'],
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: 2,
    Columns: 2,
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 1,
    RescaleIntercept: '0',
    RescaleSlope: '1',
    PixelData: [new Int16Array([1, 2, 3, 4]).buffer],
    _vrMap: { PixelData: 'OW' },
  };
  const merged = { ...base, ...overrides };
  const dataset: NaturalDataset = Object.fromEntries(
    Object.entries(merged).filter(([, v]) => v !== undefined),
  );
  const meta = DicomMetaDictionary.denaturalizeDataset({
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: '1.2.840.10008.5.1.4.1.1.2',
    MediaStorageSOPInstanceUID: sopInstanceUid,
    TransferSyntaxUID: transferSyntaxUid,
    ImplementationClassUID: '2.25.1',
  });
  const dict = new DicomDict(meta);
  dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  await writeFile(path, new Uint8Array(dict.write({ fragmentMultiframe: false })));
}
