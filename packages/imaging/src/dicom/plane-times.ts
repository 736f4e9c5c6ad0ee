// When each image of a dynamic series was acquired, from its headers. One source is used for the whole
// series, the first of these that every image has and that orders the series: the enhanced CT per-frame Frame Acquisition DateTime
// (PS3.3 C.7.6.16.2.2), AcquisitionDateTime, AcquisitionDate + AcquisitionTime, ContentDate + ContentTime
// (PS3.3 C.7.6.1, C.7.6.16), then AcquisitionTime or ContentTime alone, whose times of day are put on one
// time line across midnight. Every complete source is offered, best first. The temporal position (TemporalPositionIdentifier (0020,0100), or the
// per-frame TemporalPositionIndex (0020,9128)) is read too when every image has one.
import type { DataSet } from 'dicom-parser';
import { VolumeReadError } from '../types/volume-read-error.ts';
import { decimalValue, sequenceItem, tagLabel, textValue } from './dataset-values.ts';
import type { DicomImageFile } from './dicom-image-file.ts';
import { tag } from './dicom-tags.ts';
import { dicomDateAndTimeS, dicomDateTimeS, dicomTimeOfDayS, unwrapTimesOfDayS } from './dicom-time.ts';
import { dynamicTag } from './dynamic-tags.ts';

/** One image of the series: a file's only frame, or one frame of a multi-frame file. */
export interface ImageFrame {
  readonly image: DicomImageFile;
  readonly frameIndex: number;
}

export interface PlaneTimes {
  /** Seconds on one time line (since 1970 in the series' time zone, or after the first midnight). */
  readonly timesS: readonly number[];
  /** The attribute(s) the times were read from, e.g. 'AcquisitionDateTime (0008,002A)'. */
  readonly source: string;
  /** Each image's temporal position, when every image has one. */
  readonly temporalPositions?: readonly number[];
}

interface TimeSource {
  readonly name: string;
  readonly timeOfDayOnly: boolean;
  readonly read: (frame: ImageFrame) => number | undefined;
}

function frameContent({ image, frameIndex }: ImageFrame): DataSet | undefined {
  const perFrame = sequenceItem(image.dataSet, tag.perFrameFunctionalGroupsSequence, frameIndex);
  return sequenceItem(perFrame, dynamicTag.frameContentSequence);
}

function text(dataSet: DataSet | undefined, attributeTag: string): string | undefined {
  return dataSet === undefined ? undefined : textValue(dataSet, attributeTag);
}

function dateAndTime(dataSet: DataSet, dateTag: string, timeTag: string): number | undefined {
  const date = textValue(dataSet, dateTag);
  const time = textValue(dataSet, timeTag);
  return date === undefined || time === undefined ? undefined : dicomDateAndTimeS(date, time);
}

function dateTime(dataSet: DataSet | undefined, attributeTag: string): number | undefined {
  const value = text(dataSet, attributeTag);
  return value === undefined ? undefined : dicomDateTimeS(value);
}

function timeOfDay(dataSet: DataSet, attributeTag: string): number | undefined {
  const value = textValue(dataSet, attributeTag);
  return value === undefined ? undefined : dicomTimeOfDayS(value);
}

const sources: readonly TimeSource[] = [
  {
    name: `per-frame FrameAcquisitionDateTime ${tagLabel(dynamicTag.frameAcquisitionDateTime)}`,
    timeOfDayOnly: false,
    read: (frame) => dateTime(frameContent(frame), dynamicTag.frameAcquisitionDateTime),
  },
  {
    name: `AcquisitionDateTime ${tagLabel(dynamicTag.acquisitionDateTime)}`,
    timeOfDayOnly: false,
    read: ({ image }) => dateTime(image.dataSet, dynamicTag.acquisitionDateTime),
  },
  {
    name: `AcquisitionDate ${tagLabel(dynamicTag.acquisitionDate)} and AcquisitionTime ${tagLabel(dynamicTag.acquisitionTime)}`,
    timeOfDayOnly: false,
    read: ({ image }) => dateAndTime(image.dataSet, dynamicTag.acquisitionDate, dynamicTag.acquisitionTime),
  },
  {
    name: `ContentDate ${tagLabel(dynamicTag.contentDate)} and ContentTime ${tagLabel(dynamicTag.contentTime)}`,
    timeOfDayOnly: false,
    read: ({ image }) => dateAndTime(image.dataSet, dynamicTag.contentDate, dynamicTag.contentTime),
  },
  {
    name: `AcquisitionTime ${tagLabel(dynamicTag.acquisitionTime)}`,
    timeOfDayOnly: true,
    read: ({ image }) => timeOfDay(image.dataSet, dynamicTag.acquisitionTime),
  },
  {
    name: `ContentTime ${tagLabel(dynamicTag.contentTime)}`,
    timeOfDayOnly: true,
    read: ({ image }) => timeOfDay(image.dataSet, dynamicTag.contentTime),
  },
];

function temporalPosition(frame: ImageFrame): number | undefined {
  const content = frameContent(frame);
  const element = content?.elements[dynamicTag.temporalPositionIndex];
  if (content !== undefined && element !== undefined && element.length >= 4) {
    return content.uint32(dynamicTag.temporalPositionIndex);
  }
  return decimalValue(frame.image.dataSet, dynamicTag.temporalPositionIdentifier);
}

const where = ({ image, frameIndex }: ImageFrame): string =>
  image.frameCount > 1 ? `${image.file} (frame ${frameIndex + 1})` : image.file;

/**
 * The acquisition times of every image from each source all of them have, in order of preference (the
 * caller takes the first that orders the series: some scanners stamp every image with the series' start
 * in AcquisitionTime and only ContentTime tells the frames apart). Throws when no source is complete.
 */
export function planeTimes(frames: readonly ImageFrame[]): PlaneTimes[] {
  const positions = frames.map(temporalPosition);
  const temporalPositions = positions.every((p): p is number => p !== undefined) ? positions : undefined;
  const complete: PlaneTimes[] = [];
  for (const source of sources) {
    const values = frames.map(source.read);
    if (!values.every((v): v is number => v !== undefined)) continue;
    complete.push({
      timesS: source.timeOfDayOnly ? unwrapTimesOfDayS(values) : values,
      source: source.name,
      ...(temporalPositions === undefined ? {} : { temporalPositions }),
    });
  }
  if (complete.length > 0) return complete;
  const lacking = frames.find((frame) => sources.every((source) => source.read(frame) === undefined));
  const missing = `no readable AcquisitionDateTime, AcquisitionTime or ContentTime ${tagLabel(dynamicTag.acquisitionTime)}/${tagLabel(dynamicTag.contentTime)}`;
  throw new VolumeReadError(
    lacking === undefined ? (frames[0]?.image.file ?? 'the series') : where(lacking),
    lacking === undefined
      ? `the images of the series do not share one time attribute (${sources.map((s) => s.name).join('; ')}): frame times cannot be read; give them in a times file`
      : `${missing}: the frame times of a dynamic series cannot be read; give them in a times file`,
  );
}
