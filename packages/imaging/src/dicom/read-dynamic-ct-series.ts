// Reads a dynamic CT series (the same slab acquired many times, as in CT perfusion) from a folder of
// DICOM files into one 4-D Volume: images grouped by slice position along the normal, ordered in time by
// their headers (see plane-times.ts and dynamic-layout.ts), frame times from the first frame. Headers and
// pixels are read as readDicomSeries reads them; voxel (i, j, k) of frame t is at
// i + nx·(j + ny·(k + nz·t)).
import type { Triple, Volume } from '../types/volume.ts';
import { VolumeReadError } from '../types/volume-read-error.ts';
import type { CtAcquisition } from './ct-acquisition.ts';
import type { FramePlane } from './dicom-image-file.ts';
import type { DynamicCtProtocol } from './dynamic-ct-protocol.ts';
import { dynamicLayout, TimeOrderError, type DynamicLayout } from './dynamic-layout.ts';
import { dynamicTolerances } from './dynamic-tolerances.ts';
import { planeTimes, type ImageFrame, type PlaneTimes } from './plane-times.ts';
import { namingFilesIn, readPixels, seriesImageFiles } from './read-dicom-series.ts';
import { readCtAcquisition } from './read-ct-acquisition.ts';
import type { RealValueArray } from './rescale-frame.ts';
import type { SeriesGeometryReport } from './series-geometry-report.ts';
import { checkSameGrid, stackGeometry } from './slice-geometry.ts';
import type { DataSet } from 'dicom-parser';

export interface ReadDynamicCtSeriesOptions {
  /** The SeriesInstanceUID to read; required when the folder holds more than one series. */
  readonly seriesUid?: string;
  /** Called as the series' pixel data is read: files done, files in the series. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface DynamicCtSeriesRead {
  /** 4-D volume in HU: frames > 1 and frameTimesS (s from the first frame). */
  readonly volume: Volume;
  /** The geometry of the slab (one time point), with warnings on timing as well as on geometry. */
  readonly geometry: SeriesGeometryReport;
  /** The acquisition facts of the series' first image. */
  readonly acquisition: CtAcquisition;
  readonly protocol: DynamicCtProtocol;
}

interface Slice extends ImageFrame {
  readonly plane: FramePlane;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function sliceNormal(plane: FramePlane): [number, number, number] {
  const [r0, r1, r2, c0, c1, c2] = plane.orientation as [number, number, number, number, number, number];
  const normal: [number, number, number] = [r1 * c2 - r2 * c1, r2 * c0 - r0 * c2, r0 * c1 - r1 * c0];
  const length = Math.hypot(...normal);
  return length > 0 ? [normal[0] / length, normal[1] / length, normal[2] / length] : normal;
}

/** Uneven frame intervals against their median, as a warning; undefined when the timing is even. */
function timingWarning(intervalsS: readonly number[]): string | undefined {
  if (intervalsS.length === 0) return undefined;
  const typicalS = median(intervalsS);
  const toleranceS = Math.max(
    dynamicTolerances.intervalAbsoluteS,
    dynamicTolerances.intervalRelative * typicalS,
  );
  const uneven = intervalsS
    .map((intervalS, t) => ({ intervalS, t }))
    .filter(({ intervalS }) => Math.abs(intervalS - typicalS) > toleranceS);
  if (uneven.length === 0) return undefined;
  const listed = uneven
    .map(({ intervalS, t }) => `${Number(intervalS.toFixed(3))} s between frames ${t + 1} and ${t + 2}`)
    .join('; ');
  return `uneven frame timing against a median interval of ${Number(typicalS.toFixed(3))} s: ${listed}. frameTimesS holds the real times; resample in time before treating frames as evenly spaced.`;
}

function largestCtdiVolMgy(dataSets: readonly DataSet[], first: number | undefined): number | undefined {
  let largest = first;
  for (const dataSet of dataSets) {
    const value = readCtAcquisition(dataSet).ctdiVolMgy;
    if (value !== undefined && (largest === undefined || value > largest)) largest = value;
  }
  return largest;
}

/**
 * The series as time points × slices, with the first time source that arranges it without a clash
 * (two images of one slice at one time, or temporal positions against the times); otherwise the
 * problem found with the preferred source.
 */
function arrange(
  slices: readonly Slice[],
  normal: Triple,
  folder: string,
): { times: PlaneTimes; layout: DynamicLayout } {
  const candidates = planeTimes(slices);
  let firstError: unknown;
  for (const times of candidates) {
    try {
      const layout = dynamicLayout(
        slices.map((slice, index) => ({
          where:
            slice.image.frameCount > 1
              ? `${slice.image.file} (frame ${slice.frameIndex + 1})`
              : slice.image.file,
          positionMm: slice.plane.positionMm,
          timeS: times.timesS[index] ?? 0,
          ...(times.temporalPositions === undefined
            ? {}
            : { temporalPosition: times.temporalPositions[index] ?? 0 }),
        })),
        normal,
        folder,
      );
      return { times, layout };
    } catch (error) {
      if (!(error instanceof TimeOrderError)) throw error;
      firstError ??= error;
    }
  }
  throw firstError;
}

/** Reads a dynamic CT series from a folder into a 4-D Volume in HU with its frame times and protocol. */
export async function readDynamicCtSeries(
  folder: string,
  options: ReadDynamicCtSeriesOptions = {},
): Promise<DynamicCtSeriesRead> {
  return namingFilesIn(folder, () => readDynamic(folder, options));
}

async function readDynamic(
  folder: string,
  options: ReadDynamicCtSeriesOptions,
): Promise<DynamicCtSeriesRead> {
  const { files, skipped, seriesUid } = await seriesImageFiles(folder, options);
  const slices: Slice[] = files.flatMap(({ image }) =>
    image.planes.map((plane) => ({ image, frameIndex: plane.frameIndex, plane })),
  );
  const reference = slices[0];
  if (reference === undefined) throw new VolumeReadError(folder, 'no DICOM image files found in the folder');
  checkSameGrid(
    slices.map((slice) => slice.plane),
    reference.plane,
  );
  const { times, layout } = arrange(slices, sliceNormal(reference.plane), folder);
  const frames = layout.grid.length;
  if (frames < 2) {
    throw new VolumeReadError(
      folder,
      `holds one time point of ${layout.slicePositionsMm.length} slices: not a dynamic series (read it with readDicomSeries)`,
    );
  }
  const firstFrame = layout.grid[0] ?? [];
  const stack = stackGeometry(
    seriesUid,
    firstFrame.map((index) => (slices[index] as Slice).plane),
  );
  const sliceCount = firstFrame.length;
  const sliceOf = new Map<string, number[]>();
  layout.grid.forEach((row, t) => {
    stack.order.forEach((column, k) => {
      const { image, frameIndex } = slices[row[column] ?? 0] as Slice;
      const places = sliceOf.get(image.file) ?? [];
      places[frameIndex] = k + sliceCount * t;
      sliceOf.set(image.file, places);
    });
  });
  const sliceVoxels = reference.image.rows * reference.image.columns;
  const voxels = sliceVoxels * sliceCount * frames;
  const integral = slices.every(
    ({ plane }) => Number.isInteger(plane.rescaleSlope) && Number.isInteger(plane.rescaleIntercept),
  );
  const read = (output: RealValueArray): Promise<RealValueArray | undefined> =>
    readPixels(folder, files, sliceOf, output, sliceVoxels, options.onProgress);
  let data = integral ? await read(new Int16Array(voxels)) : undefined;
  data ??= await read(new Float32Array(voxels));
  if (data === undefined)
    throw new VolumeReadError(folder, 'pixel values could not be held (internal error)');

  const startS = layout.timePointTimesS[0] ?? 0;
  // Rounded to the microsecond, the finest a DICOM time holds, so differences of large epoch seconds
  // do not carry floating-point noise.
  const frameTimesS = layout.timePointTimesS.map((t) => Math.round((t - startS) * 1e6) / 1e6);
  const frameIntervalsS = frameTimesS
    .slice(1)
    .map((t, index) => Math.round((t - (frameTimesS[index] ?? 0)) * 1e6) / 1e6);
  const warnings = [...stack.report.warnings];
  const uneven = timingWarning(frameIntervalsS);
  if (uneven !== undefined) warnings.push(uneven);
  if (skipped > 0) {
    warnings.push(`${skipped} file${skipped === 1 ? '' : 's'} in the folder skipped: not DICOM images`);
  }
  const firstImage = (slices[firstFrame[stack.order[0] ?? 0] ?? 0] as Slice).image;
  const acquisition = readCtAcquisition(firstImage.dataSet);
  const ctdiVolMgy = largestCtdiVolMgy(
    files.map(({ image }) => image.dataSet),
    acquisition.ctdiVolMgy,
  );
  const protocol: DynamicCtProtocol = {
    frameCount: frames,
    frameTimesS,
    frameIntervalsS,
    uniformFrameTiming: uneven === undefined,
    totalAcquisitionS: frameTimesS[frames - 1] ?? 0,
    maxSliceTimeSpreadS: Math.round(layout.maxSliceTimeSpreadS * 1e6) / 1e6,
    timeSource: times.source,
    ...(acquisition.kvp === undefined ? {} : { kvp: acquisition.kvp }),
    ...(acquisition.exposureMas === undefined ? {} : { exposureMas: acquisition.exposureMas }),
    ...(acquisition.tubeCurrentMa === undefined ? {} : { tubeCurrentMa: acquisition.tubeCurrentMa }),
    ...(ctdiVolMgy === undefined ? {} : { ctdiVolMgy }),
  };
  const volume: Volume = {
    data,
    dims: [reference.image.columns, reference.image.rows, sliceCount],
    spacingMm: stack.spacingMm,
    originMm: stack.originMm,
    direction: stack.direction,
    frames,
    frameTimesS,
  };
  return { volume, geometry: { ...stack.report, warnings }, acquisition, protocol };
}
