// Orders the images of a series along their slice normal and measures the stack: spacing, gantry tilt,
// the volume's origin and axes. Slices are sorted by the projection of ImagePositionPatient on the
// normal (row cosines × column cosines), not by InstanceNumber or file name (PS3.3 C.7.6.2.1.1).
import type { Triple } from '../types/volume.ts';
import { VolumeReadError } from '../types/volume-read-error.ts';
import type { FramePlane } from './dicom-image-file.ts';
import { geometryTolerances } from './geometry-tolerances.ts';
import type { SeriesGeometryReport } from './series-geometry-report.ts';

export interface StackGeometry {
  /** Indexes into the planes given, in slice order. */
  readonly order: readonly number[];
  readonly report: SeriesGeometryReport;
  readonly spacingMm: Triple;
  readonly originMm: Triple;
  readonly direction: readonly number[];
}

type Vector = [number, number, number];

const dot = (a: Triple, b: Triple): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Triple, b: Triple): Vector => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
const norm = (a: Triple): number => Math.sqrt(dot(a, a));
const scale = (a: Triple, s: number): Vector => [a[0] * s, a[1] * s, a[2] * s];
const subtract = (a: Triple, b: Triple): Vector => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const where = (plane: FramePlane): string =>
  plane.frameIndex > 0 ? `${plane.file} (frame ${plane.frameIndex + 1})` : plane.file;
const mm = (value: number): string => `${Number(value.toFixed(3))} mm`;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function unit(vector: Triple, what: string, file: string): Vector {
  const length = norm(vector);
  if (!(length > 0.5)) throw new VolumeReadError(file, `${what} is not a direction: ${vector.join(', ')}`);
  return scale(vector, 1 / length);
}

/** Refuses planes whose orientation or pixel spacing differs from the reference plane's. */
export function checkSameGrid(planes: readonly FramePlane[], reference: FramePlane): void {
  for (const plane of planes) {
    const orientationDiffers = plane.orientation.some(
      (cosine, index) =>
        Math.abs(cosine - (reference.orientation[index] ?? 0)) > geometryTolerances.orientationCosine,
    );
    if (orientationDiffers) {
      throw new VolumeReadError(
        where(plane),
        `ImageOrientationPatient ${plane.orientation.join('\\')} differs from ${reference.orientation.join('\\')} in ${where(reference)}: one series must share one orientation`,
      );
    }
    const spacingDiffers = plane.pixelSpacingMm.some(
      (spacing, index) =>
        Math.abs(spacing - (reference.pixelSpacingMm[index] ?? 0)) > geometryTolerances.pixelSpacingMm,
    );
    if (spacingDiffers) {
      throw new VolumeReadError(
        where(plane),
        `PixelSpacing ${plane.pixelSpacingMm.join('\\')} differs from ${reference.pixelSpacingMm.join('\\')} in ${where(reference)}`,
      );
    }
  }
}

/** Sorts the planes of one series and measures the stack; refuses duplicates and mixed grids. */
export function stackGeometry(seriesUid: string, planes: readonly FramePlane[]): StackGeometry {
  const reference = planes[0];
  if (reference === undefined) throw new VolumeReadError(seriesUid, 'the series has no images');
  checkSameGrid(planes, reference);
  const [r0, r1, r2, c0, c1, c2] = reference.orientation as [number, number, number, number, number, number];
  const rowDirection = unit([r0, r1, r2], 'the row direction of ImageOrientationPatient', where(reference));
  const columnDirection = unit(
    [c0, c1, c2],
    'the column direction of ImageOrientationPatient',
    where(reference),
  );
  const normal = unit(cross(rowDirection, columnDirection), 'the slice normal', where(reference));

  const along = planes.map((plane) => dot(plane.positionMm, normal));
  const order = planes.map((_, index) => index).sort((a, b) => (along[a] ?? 0) - (along[b] ?? 0));
  const slicePositionsMm = order.map((index) => along[index] ?? 0);
  const sliceSpacingsMm = slicePositionsMm
    .slice(1)
    .map((position, k) => position - (slicePositionsMm[k] ?? 0));

  sliceSpacingsMm.forEach((spacing, k) => {
    if (spacing < geometryTolerances.samePositionMm) {
      const first = planes[order[k] ?? 0] as FramePlane;
      const second = planes[order[k + 1] ?? 0] as FramePlane;
      throw new VolumeReadError(
        where(second),
        `duplicate slice: at the same position (${mm(slicePositionsMm[k] ?? 0)} along the slice normal) as ${where(first)}; remove duplicates or choose one acquisition (a dynamic series, the same slices acquired over time, is read with readDynamicCtSeries)`,
      );
    }
  });

  const warnings: string[] = [];
  const typicalSpacingMm = median(sliceSpacingsMm);
  const toleranceMm = Math.max(
    geometryTolerances.spacingAbsoluteMm,
    geometryTolerances.spacingRelative * typicalSpacingMm,
  );
  const uneven = sliceSpacingsMm
    .map((spacing, k) => ({ spacing, k }))
    .filter(({ spacing }) => Math.abs(spacing - typicalSpacingMm) > toleranceMm);
  if (uneven.length > 0) {
    const listed = uneven
      .map(({ spacing, k }) => `${mm(spacing)} between slices ${k} and ${k + 1}`)
      .join('; ');
    warnings.push(
      `uneven slice spacing against a median of ${mm(typicalSpacingMm)}: ${listed}. The volume assumes even spacing; resample before measuring across slices.`,
    );
  }

  const firstPlane = planes[order[0] ?? 0] as FramePlane;
  const lastPlane = planes[order[order.length - 1] ?? 0] as FramePlane;
  const stack = subtract(lastPlane.positionMm, firstPlane.positionMm);
  const stackLengthMm = norm(stack);
  let gantryTiltDeg = 0;
  let zDirection: Vector = normal;
  if (planes.length > 1) {
    const alongNormalMm = dot(stack, normal);
    const acrossMm = norm(subtract(stack, scale(normal, alongNormalMm)));
    gantryTiltDeg = (Math.atan2(acrossMm, alongNormalMm) * 180) / Math.PI;
    if (gantryTiltDeg > geometryTolerances.tiltDeg) {
      zDirection = scale(stack, 1 / stackLengthMm);
      warnings.push(
        `gantry tilt of ${gantryTiltDeg.toFixed(2)}°: the slices are stacked along a direction ${gantryTiltDeg.toFixed(2)}° from their normal. The volume's z axis follows the stacking direction, so its axes are not orthogonal; resample before measuring in 3-D.`,
      );
    } else {
      gantryTiltDeg = 0;
    }
  }
  const zSpacingMm =
    planes.length > 1 ? stackLengthMm / (planes.length - 1) : (reference.sliceThicknessMm ?? 1);
  const [rowSpacingMm, columnSpacingMm] = reference.pixelSpacingMm;

  return {
    order,
    report: {
      seriesUid,
      sliceCount: planes.length,
      slicePositionsMm,
      sliceSpacingsMm,
      uniformSpacing: uneven.length === 0,
      gantryTiltDeg,
      warnings,
    },
    spacingMm: [columnSpacingMm, rowSpacingMm, zSpacingMm],
    originMm: firstPlane.positionMm,
    direction: [...rowDirection, ...columnDirection, ...zDirection],
  };
}
