// One DICOM image file as the series reader needs it: pixel format, and per frame the plane's position,
// orientation, pixel spacing and rescale. Enhanced (multi-frame) CT keeps these in functional groups
// (PS3.3 C.7.6.16): a per-frame item overrides the shared one, which overrides the top-level attribute.
import type { DataSet } from 'dicom-parser';
import type { Triple } from '../types/volume.ts';
import { VolumeReadError } from '../types/volume-read-error.ts';
import {
  decimalValue,
  decimalValues,
  requireDecimals,
  requireUshort,
  sequenceItem,
  tagLabel,
  textValue,
} from './dataset-values.ts';
import { tag } from './dicom-tags.ts';

/** One 2-D image (a file's only frame, or one frame of a multi-frame file) placed in the patient. */
export interface FramePlane {
  readonly file: string;
  readonly frameIndex: number;
  /** ImagePositionPatient: LPS mm of the centre of the first transmitted pixel. */
  readonly positionMm: Triple;
  /** ImageOrientationPatient: row direction (along a row, columns increasing) then column direction. */
  readonly orientation: readonly number[];
  /** PixelSpacing as DICOM orders it: [between rows (y), between columns (x)] in mm. */
  readonly pixelSpacingMm: readonly [number, number];
  readonly rescaleSlope: number;
  readonly rescaleIntercept: number;
  readonly sliceThicknessMm?: number;
}

export interface DicomImageFile {
  readonly file: string;
  readonly dataSet: DataSet;
  readonly transferSyntaxUid: string;
  readonly seriesUid: string;
  readonly rows: number;
  readonly columns: number;
  readonly bitsAllocated: number;
  readonly bitsStored: number;
  /** 0 unsigned, 1 two's complement. */
  readonly pixelRepresentation: number;
  readonly frameCount: number;
  readonly planes: readonly FramePlane[];
}

// An attribute of a functional group macro: per-frame item, then shared item, then top level.
function groupDataSets(dataSet: DataSet, macroTag: string, frameIndex: number): (DataSet | undefined)[] {
  const perFrame = sequenceItem(dataSet, tag.perFrameFunctionalGroupsSequence, frameIndex);
  const shared = sequenceItem(dataSet, tag.sharedFunctionalGroupsSequence);
  return [sequenceItem(perFrame, macroTag), sequenceItem(shared, macroTag), dataSet];
}

function firstWith(candidates: (DataSet | undefined)[], attributeTag: string): DataSet | undefined {
  return candidates.find(
    (candidate) => candidate !== undefined && decimalValues(candidate, attributeTag) !== undefined,
  );
}

function frameCountOf(dataSet: DataSet, file: string): number {
  const frames = decimalValue(dataSet, tag.numberOfFrames) ?? 1;
  if (!Number.isInteger(frames) || frames < 1) {
    throw new VolumeReadError(file, `NumberOfFrames ${tagLabel(tag.numberOfFrames)} is ${frames}`);
  }
  return frames;
}

function plane(dataSet: DataSet, file: string, frameIndex: number): FramePlane {
  const where =
    frameIndex > 0 || dataSet.elements[tag.perFrameFunctionalGroupsSequence]
      ? ` (frame ${frameIndex + 1})`
      : '';
  const positionSource = firstWith(
    groupDataSets(dataSet, tag.planePositionSequence, frameIndex),
    tag.imagePositionPatient,
  );
  const position = requireDecimals(
    positionSource,
    tag.imagePositionPatient,
    'ImagePositionPatient',
    3,
    file + where,
  );
  const orientationSource = firstWith(
    groupDataSets(dataSet, tag.planeOrientationSequence, frameIndex),
    tag.imageOrientationPatient,
  );
  const orientation = requireDecimals(
    orientationSource,
    tag.imageOrientationPatient,
    'ImageOrientationPatient',
    6,
    file + where,
  );
  const measures = groupDataSets(dataSet, tag.pixelMeasuresSequence, frameIndex);
  const spacing = requireDecimals(
    firstWith(measures, tag.pixelSpacing),
    tag.pixelSpacing,
    'PixelSpacing',
    2,
    file + where,
  );
  const [rowSpacingMm, columnSpacingMm] = spacing as [number, number];
  if (!(rowSpacingMm > 0 && columnSpacingMm > 0)) {
    throw new VolumeReadError(
      file + where,
      `PixelSpacing ${tagLabel(tag.pixelSpacing)} is ${spacing.join('\\')}`,
    );
  }
  const thicknessSource = firstWith(measures, tag.sliceThickness);
  const sliceThicknessMm =
    thicknessSource === undefined ? undefined : decimalValue(thicknessSource, tag.sliceThickness);
  const transform = groupDataSets(dataSet, tag.pixelValueTransformationSequence, frameIndex);
  const slopeSource = firstWith(transform, tag.rescaleSlope);
  const interceptSource = firstWith(transform, tag.rescaleIntercept);
  const rescaleSlope = slopeSource === undefined ? 1 : (decimalValue(slopeSource, tag.rescaleSlope) ?? 1);
  const rescaleIntercept =
    interceptSource === undefined ? 0 : (decimalValue(interceptSource, tag.rescaleIntercept) ?? 0);
  if (rescaleSlope === 0)
    throw new VolumeReadError(file + where, `RescaleSlope ${tagLabel(tag.rescaleSlope)} is 0`);
  const [x, y, z] = position as [number, number, number];
  return {
    file,
    frameIndex,
    positionMm: [x, y, z],
    orientation,
    pixelSpacingMm: [rowSpacingMm, columnSpacingMm],
    rescaleSlope,
    rescaleIntercept,
    ...(sliceThicknessMm === undefined ? {} : { sliceThicknessMm }),
  };
}

/** The series UID of a dataset, or undefined for a DICOM file that is not part of a series. */
export function seriesUidOf(dataSet: DataSet): string | undefined {
  return textValue(dataSet, tag.seriesInstanceUid);
}

/** Reads the pixel format and every frame's plane of an image file; errors name the missing attribute. */
export function dicomImageFile(dataSet: DataSet, file: string): DicomImageFile {
  const seriesUid = seriesUidOf(dataSet);
  if (seriesUid === undefined)
    throw new VolumeReadError(file, `missing SeriesInstanceUID ${tagLabel(tag.seriesInstanceUid)}`);
  const rows = requireUshort(dataSet, tag.rows, 'Rows', file);
  const columns = requireUshort(dataSet, tag.columns, 'Columns', file);
  const bitsAllocated = requireUshort(dataSet, tag.bitsAllocated, 'BitsAllocated', file);
  const bitsStored = requireUshort(dataSet, tag.bitsStored, 'BitsStored', file);
  const pixelRepresentation = requireUshort(dataSet, tag.pixelRepresentation, 'PixelRepresentation', file);
  const samplesPerPixel = requireUshort(dataSet, tag.samplesPerPixel, 'SamplesPerPixel', file);
  if (samplesPerPixel !== 1) {
    throw new VolumeReadError(
      file,
      `SamplesPerPixel is ${samplesPerPixel}: only greyscale (1 sample) CT is read`,
    );
  }
  if (bitsAllocated !== 8 && bitsAllocated !== 16) {
    throw new VolumeReadError(file, `BitsAllocated is ${bitsAllocated}: only 8 and 16 bits are read`);
  }
  if (bitsStored < 1 || bitsStored > bitsAllocated) {
    throw new VolumeReadError(file, `BitsStored is ${bitsStored} with BitsAllocated ${bitsAllocated}`);
  }
  if (rows === 0 || columns === 0)
    throw new VolumeReadError(file, `image is ${rows} rows × ${columns} columns`);
  const transferSyntaxUid = textValue(dataSet, tag.transferSyntaxUid) ?? '1.2.840.10008.1.2';
  const frameCount = frameCountOf(dataSet, file);
  const planes = Array.from({ length: frameCount }, (_, frameIndex) => plane(dataSet, file, frameIndex));
  return {
    file,
    dataSet,
    transferSyntaxUid,
    seriesUid,
    rows,
    columns,
    bitsAllocated,
    bitsStored,
    pixelRepresentation,
    frameCount,
    planes,
  };
}
