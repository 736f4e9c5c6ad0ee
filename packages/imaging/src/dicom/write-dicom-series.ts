// Writes a Volume as a DICOM CT series with dcmjs: CT Image Storage (one file per slice) or Enhanced CT
// Image Storage (one multi-frame file, geometry in functional groups). Stored values are
// round((value − RescaleIntercept) / RescaleSlope) as 16-bit integers (PS3.3 C.11.1.1.2).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import dcmjs, { type NaturalDataset } from 'dcmjs';
import type { Triple, Volume } from '../types/volume.ts';
import type { CtAcquisition } from './ct-acquisition.ts';
import { ctImageAttributes, enhancedCtSharedGroups } from './ct-image-attributes.ts';
import { decimalString } from './decimal-string.ts';
import { encodeRleFrame } from './rle-lossless.ts';
import { transferSyntaxUid } from './transfer-syntax.ts';

export type DicomWriteTransferSyntax =
  'explicit-vr-little-endian' | 'implicit-vr-little-endian' | 'explicit-vr-big-endian' | 'rle-lossless';

export interface DicomPatient {
  readonly id?: string;
  /** DICOM person name, e.g. 'Doe^Jane'. */
  readonly name?: string;
  /** ISO yyyy-mm-dd. */
  readonly birthDate?: string;
  readonly sex?: 'F' | 'M' | 'O';
}

export interface WriteDicomSeriesOptions {
  /** Default 1. */
  readonly rescaleSlope?: number;
  /** Default −1024 (stored 0 is air), as most CT scanners write. */
  readonly rescaleIntercept?: number;
  /** One Enhanced CT file with every slice as a frame, instead of one CT Image file per slice. */
  readonly multiFrame?: boolean;
  readonly seriesUid?: string;
  readonly studyUid?: string;
  readonly seriesNumber?: number;
  readonly patient?: DicomPatient;
  readonly acquisition?: Partial<CtAcquisition>;
  readonly seriesDescription?: string;
  /** Default explicit VR little endian. */
  readonly transferSyntax?: DicomWriteTransferSyntax;
}

export interface DicomSeriesWritten {
  readonly files: readonly string[];
  readonly seriesUid: string;
  readonly studyUid: string;
}

export const sopClass = {
  ctImage: '1.2.840.10008.5.1.4.1.1.2',
  enhancedCtImage: '1.2.840.10008.5.1.4.1.1.2.1',
} as const;
const implementationClassUid = '2.25.263050475199050075924678539633418723559';
export const syntaxUids: Readonly<Record<DicomWriteTransferSyntax, string>> = {
  'explicit-vr-little-endian': transferSyntaxUid.explicitVrLittleEndian,
  'implicit-vr-little-endian': transferSyntaxUid.implicitVrLittleEndian,
  'explicit-vr-big-endian': transferSyntaxUid.explicitVrBigEndian,
  'rle-lossless': transferSyntaxUid.rleLossless,
};

export interface StoredPixels {
  readonly bytes: Uint8Array;
  readonly signed: boolean;
}

// Stored integers in the volume's voxel order; unsigned when none is negative, else two's complement.
export function storedPixels(volume: Volume, slope: number, intercept: number): StoredPixels {
  const count = volume.dims[0] * volume.dims[1] * volume.dims[2];
  const stored = new Int32Array(count);
  let min = Infinity;
  let max = -Infinity;
  for (let index = 0; index < count; index++) {
    const value = Math.round(((volume.data[index] ?? 0) - intercept) / slope);
    stored[index] = value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const signed = min < 0;
  if ((signed && (min < -32768 || max > 32767)) || (!signed && max > 65535)) {
    throw new RangeError(
      `with rescaleSlope ${slope} and rescaleIntercept ${intercept} the stored values run from ${min} to ${max}, beyond 16 bits: choose another slope or intercept`,
    );
  }
  const bytes = new Uint8Array(count * 2);
  const view = signed ? new Int16Array(bytes.buffer) : new Uint16Array(bytes.buffer);
  view.set(stored);
  return { bytes, signed };
}

export function swapPairs(bytes: Uint8Array): Uint8Array {
  const swapped = new Uint8Array(bytes.length);
  for (let index = 0; index < bytes.length; index += 2) {
    swapped[index] = bytes[index + 1] ?? 0;
    swapped[index + 1] = bytes[index] ?? 0;
  }
  return swapped;
}

/** The attributes every image of a written CT series shares (study, series, patient, pixel format). */
export function ctSeriesDataset(fields: {
  studyUid: string;
  seriesUid: string;
  frameOfReferenceUid: string;
  options: Pick<WriteDicomSeriesOptions, 'seriesNumber' | 'seriesDescription' | 'patient'>;
  acquisition: Partial<CtAcquisition>;
  studyDate: string;
  studyTime: string;
  rows: number;
  columns: number;
  signed: boolean;
  encapsulated: boolean;
}): NaturalDataset {
  const { options, acquisition } = fields;
  const patient = options.patient ?? {};
  return optional({
    StudyInstanceUID: fields.studyUid,
    SeriesInstanceUID: fields.seriesUid,
    FrameOfReferenceUID: fields.frameOfReferenceUid,
    Modality: 'CT',
    SeriesNumber: String(options.seriesNumber ?? 1),
    SeriesDescription: options.seriesDescription ?? acquisition.seriesDescription,
    // Type 2 attributes of the Patient and General Study modules (PS3.3 C.7.1.1, C.7.2.1) are
    // present even when unknown, empty.
    PatientID: patient.id ?? acquisition.patientId ?? '',
    PatientName: patient.name ?? '',
    PatientBirthDate: dicomDate(patient.birthDate) ?? '',
    PatientSex: patient.sex ?? '',
    StudyDate: fields.studyDate,
    StudyTime: fields.studyTime,
    ReferringPhysicianName: '',
    StudyID: '',
    AccessionNumber: '',
    Manufacturer: acquisition.manufacturer,
    ManufacturerModelName: acquisition.model,
    ContrastBolusAgent: acquisition.contrastAgent,
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: fields.rows,
    Columns: fields.columns,
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: fields.signed ? 1 : 0,
    _vrMap: { PixelData: fields.encapsulated ? 'OB' : 'OW' },
  });
}

export function dicomDate(iso: string | undefined): string | undefined {
  return iso?.replaceAll('-', '');
}

export function positionOfSlice(volume: Volume, k: number): Triple {
  const step = k * volume.spacingMm[2];
  const [dx, dy, dz] = [volume.direction[6] ?? 0, volume.direction[7] ?? 0, volume.direction[8] ?? 1];
  return [volume.originMm[0] + step * dx, volume.originMm[1] + step * dy, volume.originMm[2] + step * dz];
}

export function optional(entries: Record<string, unknown>): NaturalDataset {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
}

export function fileBytes(
  dataset: NaturalDataset,
  sopClassUid: string,
  sopInstanceUid: string,
  syntax: string,
): Uint8Array {
  const { DicomDict, DicomMetaDictionary } = dcmjs.data;
  const meta = DicomMetaDictionary.denaturalizeDataset({
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: sopClassUid,
    MediaStorageSOPInstanceUID: sopInstanceUid,
    TransferSyntaxUID: syntax,
    ImplementationClassUID: implementationClassUid,
    ImplementationVersionName: 'QUANTRAD_0_1',
  });
  const dict = new DicomDict(meta);
  dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  return new Uint8Array(dict.write({ fragmentMultiframe: false }));
}

/** Writes the volume as a DICOM CT series into `folder` (created if needed); returns the files written. */
export async function writeDicomSeries(
  volume: Volume,
  folder: string,
  options: WriteDicomSeriesOptions = {},
): Promise<DicomSeriesWritten> {
  if (volume.frames !== 1)
    throw new RangeError(`volume has ${volume.frames} frames: writeDicomSeries writes 3-D volumes`);
  const slope = options.rescaleSlope ?? 1;
  const intercept = options.rescaleIntercept ?? -1024;
  if (!(slope !== 0 && Number.isFinite(slope)))
    throw new RangeError(`rescaleSlope must be a non-zero number, not ${slope}`);
  const syntaxName = options.transferSyntax ?? 'explicit-vr-little-endian';
  const syntax = syntaxUids[syntaxName];
  const { DicomMetaDictionary } = dcmjs.data;
  const studyUid = options.studyUid ?? DicomMetaDictionary.uid();
  const seriesUid = options.seriesUid ?? DicomMetaDictionary.uid();
  const frameOfReferenceUid = DicomMetaDictionary.uid();
  const [columns, rows, slices] = volume.dims;
  const sliceBytes = columns * rows * 2;
  const pixels = storedPixels(volume, slope, intercept);
  const frameBuffer = (k: number): ArrayBuffer => {
    const frame = pixels.bytes.subarray(k * sliceBytes, (k + 1) * sliceBytes);
    const encoded =
      syntaxName === 'rle-lossless'
        ? encodeRleFrame(frame, 2)
        : syntaxName === 'explicit-vr-big-endian'
          ? swapPairs(frame)
          : frame;
    const owned = new Uint8Array(encoded.length);
    owned.set(encoded);
    return owned.buffer;
  };
  const acquisition = options.acquisition ?? {};
  const attributes = ctImageAttributes(volume, acquisition, slope, intercept);
  const { orientation, pixelSpacing, sliceThickness, rescale, kvp, kernel } = attributes;
  const common = ctSeriesDataset({
    studyUid,
    seriesUid,
    frameOfReferenceUid,
    options,
    acquisition,
    studyDate: dicomDate(acquisition.studyDate) ?? '',
    studyTime: '',
    rows,
    columns,
    signed: pixels.signed,
    encapsulated: syntaxName === 'rle-lossless',
  });

  await mkdir(folder, { recursive: true });
  const written: string[] = [];
  if (options.multiFrame === true) {
    const sopInstanceUid = DicomMetaDictionary.uid();
    const shared = enhancedCtSharedGroups(attributes, acquisition);
    const perFrame = Array.from({ length: slices }, (_, k) => ({
      PlanePositionSequence: [{ ImagePositionPatient: positionOfSlice(volume, k).map(decimalString) }],
      FrameContentSequence: [{ InStackPositionNumber: k + 1 }],
    }));
    const frames = Array.from({ length: slices }, (_, k) => frameBuffer(k));
    const nativePixelData = syntaxName === 'rle-lossless' ? frames : [concatenate(frames)];
    const dataset: NaturalDataset = {
      ...common,
      SOPClassUID: sopClass.enhancedCtImage,
      SOPInstanceUID: sopInstanceUid,
      ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL', 'NONE'],
      InstanceNumber: '1',
      NumberOfFrames: String(slices),
      SharedFunctionalGroupsSequence: [shared],
      PerFrameFunctionalGroupsSequence: perFrame,
      PixelData: nativePixelData,
    };
    const path = join(folder, 'CT-enhanced.dcm');
    await writeFile(path, fileBytes(dataset, sopClass.enhancedCtImage, sopInstanceUid, syntax));
    written.push(path);
  } else {
    for (let k = 0; k < slices; k++) {
      const sopInstanceUid = DicomMetaDictionary.uid();
      const position = positionOfSlice(volume, k);
      const dataset: NaturalDataset = {
        ...common,
        ...optional({
          KVP: kvp ?? '', // Type 2 in the CT Image module (PS3.3 C.8.2.1)
          AcquisitionNumber: '',
          ConvolutionKernel: kernel,
          XRayTubeCurrent:
            acquisition.tubeCurrentMa === undefined
              ? undefined
              : String(Math.round(acquisition.tubeCurrentMa)),
          Exposure:
            acquisition.exposureMas === undefined ? undefined : String(Math.round(acquisition.exposureMas)),
          CTDIvol: acquisition.ctdiVolMgy,
        }),
        SOPClassUID: sopClass.ctImage,
        SOPInstanceUID: sopInstanceUid,
        ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
        InstanceNumber: String(k + 1),
        ImagePositionPatient: position.map(decimalString),
        ImageOrientationPatient: orientation,
        PixelSpacing: pixelSpacing,
        SliceThickness: sliceThickness,
        ...rescale,
        PixelData: [frameBuffer(k)],
      };
      const path = join(folder, `CT-${String(k + 1).padStart(4, '0')}.dcm`);
      await writeFile(path, fileBytes(dataset, sopClass.ctImage, sopInstanceUid, syntax));
      written.push(path);
    }
  }
  return { files: written, seriesUid, studyUid };
}

export function concatenate(buffers: readonly ArrayBuffer[]): ArrayBuffer {
  const total = buffers.reduce((sum, buffer) => sum + buffer.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const buffer of buffers) {
    out.set(new Uint8Array(buffer), offset);
    offset += buffer.byteLength;
  }
  return out.buffer;
}
