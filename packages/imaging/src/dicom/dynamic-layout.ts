// Arranges the images of a dynamic series (the same slab acquired again and again) into a grid of time
// points × slice positions. Slices are told apart by their position along the slice normal; time points
// by the temporal position when every image has one, otherwise by acquisition time: at each slice the
// images are taken in time order, and a slice with fewer images than the others is matched to the time
// points of a complete slice by nearest time, so the time point it lacks can be named.
import type { Triple } from '../types/volume.ts';
import { VolumeReadError } from '../types/volume-read-error.ts';
import { dynamicTolerances } from './dynamic-tolerances.ts';

/** Images whose times do not order them: two of one slice at one time, or times against positions. */
export class TimeOrderError extends VolumeReadError {
  constructor(file: string, problem: string) {
    super(file, problem);
    this.name = 'TimeOrderError';
  }
}

/** What the layout needs of one image. */
export interface TimedImage {
  /** Where to say an image is: its file, and frame for a multi-frame file. */
  readonly where: string;
  readonly positionMm: Triple;
  readonly timeS: number;
  readonly temporalPosition?: number;
}

export interface DynamicLayout {
  /** grid[t][k]: index of the image at time point t and slice k (slices ascending along the normal). */
  readonly grid: readonly (readonly number[])[];
  /** Position of each slice along the normal (mm), ascending. */
  readonly slicePositionsMm: readonly number[];
  /** Time of each time point: its earliest image (s, on the images' own time line). */
  readonly timePointTimesS: readonly number[];
  /** Largest difference between the times of the images of one time point (s). */
  readonly maxSliceTimeSpreadS: number;
}

/** DICOM times are written to the microsecond at best (TM, PS3.5 §6.2). */
const sameTimeS = 1e-6;
const dot = (a: Triple, b: Triple): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const mm = (value: number): string => `${Number(value.toFixed(3))} mm`;
const seconds = (value: number): string => `${Number(value.toFixed(3))} s`;

/** Slice index of every image: positions along the normal clustered within the tolerance. */
function slicesAlong(
  images: readonly TimedImage[],
  normal: Triple,
): { sliceOf: number[]; positionsMm: number[] } {
  const along = images.map((image) => dot(image.positionMm, normal));
  const order = images.map((_, index) => index).sort((a, b) => (along[a] ?? 0) - (along[b] ?? 0));
  const sliceOf = new Array<number>(images.length).fill(0);
  const positionsMm: number[] = [];
  let clusterStart = Number.NEGATIVE_INFINITY;
  for (const index of order) {
    const position = along[index] ?? 0;
    if (position - clusterStart > dynamicTolerances.sameSlicePositionMm) {
      positionsMm.push(position);
      clusterStart = position;
    }
    sliceOf[index] = positionsMm.length - 1;
  }
  return { sliceOf, positionsMm };
}

function byTemporalPosition(images: readonly TimedImage[]): number[] {
  const values = [...new Set(images.map((image) => image.temporalPosition ?? 0))].sort((a, b) => a - b);
  const rank = new Map(values.map((value, t) => [value, t]));
  return images.map((image) => rank.get(image.temporalPosition ?? 0) ?? 0);
}

function byTime(images: readonly TimedImage[], sliceOf: readonly number[], sliceCount: number): number[] {
  const perSlice = Array.from({ length: sliceCount }, () => [] as number[]);
  sliceOf.forEach((k, index) => perSlice[k]?.push(index));
  for (const indexes of perSlice) {
    indexes.sort((a, b) => (images[a]?.timeS ?? 0) - (images[b]?.timeS ?? 0));
    indexes.slice(1).forEach((index, rank) => {
      const earlier = indexes[rank] ?? 0;
      if ((images[index]?.timeS ?? 0) - (images[earlier]?.timeS ?? 0) < sameTimeS) {
        throw new TimeOrderError(
          images[index]?.where ?? '',
          `duplicate image: at the same slice position and acquisition time as ${images[earlier]?.where ?? ''}`,
        );
      }
    });
  }
  const timePoints = Math.max(...perSlice.map((indexes) => indexes.length));
  const reference = perSlice.find((indexes) => indexes.length === timePoints) ?? [];
  const referenceTimesS = reference.map((index) => images[index]?.timeS ?? 0);
  const timePointOf = new Array<number>(images.length).fill(0);
  for (const indexes of perSlice) {
    indexes.forEach((index, rank) => {
      if (indexes.length === timePoints) {
        timePointOf[index] = rank;
        return;
      }
      const timeS = images[index]?.timeS ?? 0;
      let nearest = 0;
      referenceTimesS.forEach((t, candidate) => {
        if (Math.abs(t - timeS) < Math.abs((referenceTimesS[nearest] ?? 0) - timeS)) nearest = candidate;
      });
      timePointOf[index] = nearest;
    });
  }
  return timePointOf;
}

/** The images as time points × slices; refuses a missing or doubled slice and a slice that moved. */
export function dynamicLayout(images: readonly TimedImage[], normal: Triple, series: string): DynamicLayout {
  if (images.length === 0) throw new VolumeReadError(series, 'the series has no images');
  const { sliceOf, positionsMm } = slicesAlong(images, normal);
  const useTemporalPositions = images.every((image) => image.temporalPosition !== undefined);
  const timePointOf = useTemporalPositions
    ? byTemporalPosition(images)
    : byTime(images, sliceOf, positionsMm.length);
  const timePoints = Math.max(...timePointOf) + 1;
  const grid = Array.from({ length: timePoints }, () => new Array<number>(positionsMm.length).fill(-1));
  images.forEach((image, index) => {
    const row = grid[timePointOf[index] ?? 0] as number[];
    const k = sliceOf[index] ?? 0;
    const other = row[k] ?? -1;
    if (other >= 0) {
      const label = useTemporalPositions ? `temporal position ${image.temporalPosition ?? 0}` : 'time point';
      throw new VolumeReadError(
        image.where,
        `duplicate image: at the same slice position (${mm(positionsMm[k] ?? 0)} along the slice normal) and ${label} (time point ${(timePointOf[index] ?? 0) + 1}) as ${images[other]?.where ?? ''}`,
      );
    }
    row[k] = index;
  });

  const timePointTimesS = grid.map((row) =>
    Math.min(...row.filter((i) => i >= 0).map((i) => images[i]?.timeS ?? 0)),
  );
  grid.forEach((row, t) => {
    row.forEach((index, k) => {
      if (index >= 0) return;
      const when = Number.isFinite(timePointTimesS[t])
        ? ` (at ${seconds((timePointTimesS[t] ?? 0) - (timePointTimesS[0] ?? 0))})`
        : '';
      throw new VolumeReadError(
        series,
        `missing slice: time point ${t + 1} of ${timePoints}${when} has no image at slice ${k + 1} of ${positionsMm.length} (${mm(positionsMm[k] ?? 0)} along the slice normal); every time point must hold every slice`,
      );
    });
  });

  // The same slice must sit at the same place at every time point.
  const firstRow = grid[0] ?? [];
  for (const row of grid.slice(1)) {
    row.forEach((index, k) => {
      const image = images[index] as TimedImage;
      const reference = images[firstRow[k] ?? 0] as TimedImage;
      const shiftMm = Math.hypot(
        image.positionMm[0] - reference.positionMm[0],
        image.positionMm[1] - reference.positionMm[1],
        image.positionMm[2] - reference.positionMm[2],
      );
      if (shiftMm > dynamicTolerances.inPlaneShiftMm) {
        throw new VolumeReadError(
          image.where,
          `ImagePositionPatient ${image.positionMm.join('\\')} is ${mm(shiftMm)} from ${reference.positionMm.join('\\')} of the same slice in ${reference.where}: the slab moved between time points`,
        );
      }
    });
  }

  const order = timePointTimesS.map((_, t) => t);
  for (let t = 1; t < timePoints; t++) {
    if ((timePointTimesS[t] ?? 0) <= (timePointTimesS[t - 1] ?? 0)) {
      const index = grid[t]?.[0] ?? 0;
      throw new TimeOrderError(
        images[index]?.where ?? series,
        `time point ${t + 1} is at ${seconds((timePointTimesS[t] ?? 0) - (timePointTimesS[0] ?? 0))}, not after time point ${t} at ${seconds((timePointTimesS[t - 1] ?? 0) - (timePointTimesS[0] ?? 0))}: the temporal positions and acquisition times disagree`,
      );
    }
  }
  const maxSliceTimeSpreadS = Math.max(
    ...order.map((t) => {
      const times = (grid[t] ?? []).map((index) => images[index]?.timeS ?? 0);
      return Math.max(...times) - Math.min(...times);
    }),
  );
  return { grid, slicePositionsMm: positionsMm, timePointTimesS, maxSliceTimeSpreadS };
}
