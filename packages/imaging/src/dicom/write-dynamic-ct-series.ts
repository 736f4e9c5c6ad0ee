// Writes a 4-D Volume (a dynamic CT: the same slab at every frame time) as a DICOM series with dcmjs:
// one CT Image file per slice per time point, or one Enhanced CT file with every slice of every time
// point as a frame. Each image carries its acquisition time (frame start + frameTimesS[t]) as
// AcquisitionDateTime, AcquisitionDate/Time and ContentDate/Time (or the times alone), and its time
// point as TemporalPositionIdentifier (PS3.3 C.7.6.16 and C.7.6.2 for single files; the per-frame
// Frame Content macro, C.7.6.16.2.2, for enhanced CT). Used by tests and by the phantom's DICOM output.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import dcmjs, { type NaturalDataset } from 'dcmjs';
import type { Volume } from '../types/volume.ts';
import { ctImageAttributes, enhancedCtSharedGroups } from './ct-image-attributes.ts';
import { decimalString } from './decimal-string.ts';
import { dicomDateAndTime, dicomDateDays } from './dicom-time.ts';
import { encodeRleFrame } from './rle-lossless.ts';
import {
  concatenate,
  fileBytes,
  optional,
  positionOfSlice,
  sopClass,
  storedPixels,
  swapPairs,
  syntaxUids,
  type DicomSeriesWritten,
  type WriteDicomSeriesOptions,
  ctSeriesDataset,
} from './write-dicom-series.ts';

export interface WriteDynamicCtSeriesOptions extends WriteDicomSeriesOptions {
  /** Date of the first frame, ISO yyyy-mm-dd; default the acquisition's studyDate, else 2000-01-01. */
  readonly startDate?: string;
  /** Time of day of the first frame in seconds after midnight; default 8:00 (28 800 s). */
  readonly startTimeOfDayS?: number;
  /**
   * 'date-and-time' (default): AcquisitionDateTime, AcquisitionDate/Time and ContentDate/Time;
   * 'time-only': AcquisitionTime and ContentTime alone, as some scanners write them;
   * 'series-start': AcquisitionDate/Time of the first frame on every image and the frame's own time in
   * ContentDate/Time, as scanners that stamp the series' start write them.
   */
  readonly timeAttributes?: 'date-and-time' | 'time-only' | 'series-start';
  /** Write TemporalPositionIdentifier and NumberOfTemporalPositions (default true). */
  readonly temporalPositions?: boolean;
}

const defaultStartDate = '2000-01-01';
const defaultStartTimeOfDayS = 8 * 3600;
const secondsPerDay = 86_400;

function checkFrameTimes(volume: Volume): readonly number[] {
  if (volume.frames < 2) {
    throw new RangeError(
      `volume has ${volume.frames} frame: writeDynamicCtSeries writes 4-D volumes (use writeDicomSeries)`,
    );
  }
  const times = volume.frameTimesS;
  if (times?.length !== volume.frames) {
    throw new RangeError(
      `frameTimesS has ${times?.length ?? 0} times but the volume has ${volume.frames} frames: every frame needs its time`,
    );
  }
  times.forEach((t, index) => {
    if (!Number.isFinite(t)) throw new RangeError(`frameTimesS[${index}] must be a finite number, got ${t}`);
    if (index > 0 && !(t > (times[index - 1] ?? 0))) {
      throw new RangeError(
        `frameTimesS[${index}] is ${t} s, not after frameTimesS[${index - 1}] (${times[index - 1] ?? 0} s): frame times must increase`,
      );
    }
  });
  return times;
}

/** Writes the 4-D volume as a dynamic DICOM CT series into `folder` (created if needed). */
export async function writeDynamicCtSeries(
  volume: Volume,
  folder: string,
  options: WriteDynamicCtSeriesOptions = {},
): Promise<DicomSeriesWritten> {
  const frameTimesS = checkFrameTimes(volume);
  const slope = options.rescaleSlope ?? 1;
  const intercept = options.rescaleIntercept ?? -1024;
  if (!(slope !== 0 && Number.isFinite(slope)))
    throw new RangeError(`rescaleSlope must be a non-zero number, not ${slope}`);
  const acquisition = options.acquisition ?? {};
  const startDate = options.startDate ?? acquisition.studyDate ?? defaultStartDate;
  const startDays = dicomDateDays(startDate.replaceAll('-', ''));
  if (startDays === undefined)
    throw new RangeError(`startDate must be an ISO date yyyy-mm-dd, not ${startDate}`);
  const startTimeOfDayS = options.startTimeOfDayS ?? defaultStartTimeOfDayS;
  if (!(startTimeOfDayS >= 0 && startTimeOfDayS < secondsPerDay))
    throw new RangeError(`startTimeOfDayS must be in [0, 86400) s, not ${startTimeOfDayS}`);
  const startS = startDays * secondsPerDay + startTimeOfDayS;
  const timeOnly = options.timeAttributes === 'time-only';
  const temporal = options.temporalPositions ?? true;
  const syntaxName = options.transferSyntax ?? 'explicit-vr-little-endian';
  const syntax = syntaxUids[syntaxName];
  const { DicomMetaDictionary } = dcmjs.data;
  const studyUid = options.studyUid ?? DicomMetaDictionary.uid();
  const seriesUid = options.seriesUid ?? DicomMetaDictionary.uid();
  const frameOfReferenceUid = DicomMetaDictionary.uid();
  const [columns, rows, slices] = volume.dims;
  const frames = volume.frames;
  const sliceBytes = columns * rows * 2;
  // Stored integers of the whole 4-D volume, seen as one tall 3-D stack (slice k of frame t is k + nz·t).
  const pixels = storedPixels(
    { ...volume, dims: [columns, rows, slices * frames], frames: 1 },
    slope,
    intercept,
  );
  const frameBuffer = (slice: number): ArrayBuffer => {
    const frame = pixels.bytes.subarray(slice * sliceBytes, (slice + 1) * sliceBytes);
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
  const moment = (t: number): { da: string; tm: string; dt: string } =>
    dicomDateAndTime(startS + (frameTimesS[t] ?? 0));
  const start = moment(0);
  const attributes = ctImageAttributes(volume, acquisition, slope, intercept);
  const { orientation, pixelSpacing, sliceThickness, rescale, kvp, kernel } = attributes;
  const common = ctSeriesDataset({
    studyUid,
    seriesUid,
    frameOfReferenceUid,
    options,
    acquisition,
    studyDate: timeOnly ? '' : start.da,
    studyTime: timeOnly ? '' : start.tm,
    rows,
    columns,
    signed: pixels.signed,
    encapsulated: syntaxName === 'rle-lossless',
  });
  const timeAttributes = (t: number): NaturalDataset => {
    const { da, tm, dt } = moment(t);
    if (options.timeAttributes === 'series-start') {
      return { AcquisitionDate: start.da, AcquisitionTime: start.tm, ContentDate: da, ContentTime: tm };
    }
    return timeOnly
      ? { AcquisitionTime: tm, ContentTime: tm }
      : {
          AcquisitionDateTime: dt,
          AcquisitionDate: da,
          AcquisitionTime: tm,
          ContentDate: da,
          ContentTime: tm,
        };
  };

  await mkdir(folder, { recursive: true });
  const written: string[] = [];
  if (options.multiFrame === true) {
    const sopInstanceUid = DicomMetaDictionary.uid();
    const shared = enhancedCtSharedGroups(attributes, acquisition);
    const perFrame = Array.from({ length: slices * frames }, (_, index) => {
      const k = index % slices;
      const t = Math.floor(index / slices);
      const { dt } = moment(t);
      return {
        PlanePositionSequence: [{ ImagePositionPatient: positionOfSlice(volume, k).map(decimalString) }],
        FrameContentSequence: [
          optional({
            FrameAcquisitionDateTime: dt,
            FrameReferenceDateTime: dt,
            TemporalPositionIndex: temporal ? t + 1 : undefined,
            InStackPositionNumber: k + 1,
          }),
        ],
      };
    });
    const buffers = Array.from({ length: slices * frames }, (_, index) => frameBuffer(index));
    const dataset: NaturalDataset = {
      ...common,
      ...(timeOnly ? {} : { AcquisitionDateTime: start.dt, ContentDate: start.da }),
      ContentTime: start.tm,
      SOPClassUID: sopClass.enhancedCtImage,
      SOPInstanceUID: sopInstanceUid,
      ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL', 'NONE'],
      InstanceNumber: '1',
      NumberOfFrames: String(slices * frames),
      SharedFunctionalGroupsSequence: [shared],
      PerFrameFunctionalGroupsSequence: perFrame,
      PixelData: syntaxName === 'rle-lossless' ? buffers : [concatenate(buffers)],
    };
    const path = join(folder, 'CT-dynamic-enhanced.dcm');
    await writeFile(path, fileBytes(dataset, sopClass.enhancedCtImage, sopInstanceUid, syntax));
    written.push(path);
    return { files: written, seriesUid, studyUid };
  }
  for (let t = 0; t < frames; t++) {
    for (let k = 0; k < slices; k++) {
      const sopInstanceUid = DicomMetaDictionary.uid();
      const dataset: NaturalDataset = {
        ...common,
        ...optional({
          KVP: kvp ?? '', // Type 2 in the CT Image module (PS3.3 C.8.2.1)
          AcquisitionNumber: String(t + 1),
          ConvolutionKernel: kernel,
          XRayTubeCurrent:
            acquisition.tubeCurrentMa === undefined
              ? undefined
              : String(Math.round(acquisition.tubeCurrentMa)),
          Exposure:
            acquisition.exposureMas === undefined ? undefined : String(Math.round(acquisition.exposureMas)),
          CTDIvol: acquisition.ctdiVolMgy,
          TemporalPositionIdentifier: temporal ? String(t + 1) : undefined,
          NumberOfTemporalPositions: temporal ? String(frames) : undefined,
        }),
        ...timeAttributes(t),
        SOPClassUID: sopClass.ctImage,
        SOPInstanceUID: sopInstanceUid,
        ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
        InstanceNumber: String(t * slices + k + 1),
        ImagePositionPatient: positionOfSlice(volume, k).map(decimalString),
        ImageOrientationPatient: orientation,
        PixelSpacing: pixelSpacing,
        SliceThickness: sliceThickness,
        ...rescale,
        PixelData: [frameBuffer(k + slices * t)],
      };
      const path = join(
        folder,
        `CT-t${String(t + 1).padStart(3, '0')}-s${String(k + 1).padStart(4, '0')}.dcm`,
      );
      await writeFile(path, fileBytes(dataset, sopClass.ctImage, sopInstanceUid, syntax));
      written.push(path);
    }
  }
  return { files: written, seriesUid, studyUid };
}
