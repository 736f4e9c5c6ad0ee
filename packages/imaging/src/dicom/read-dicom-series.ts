// Reads one CT series from a folder of DICOM files into a Volume: files read a few at a time and
// parsed lazily (dicom-parser), the series chosen, its images sorted along the slice normal, then
// each frame's stored values rescaled straight into one typed array.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Volume } from '../types/volume.ts';
import { VolumeReadError } from '../types/volume-read-error.ts';
import type { CtAcquisition } from './ct-acquisition.ts';
import { dicomImageFile, seriesUidOf, type DicomImageFile, type FramePlane } from './dicom-image-file.ts';
import { tag } from './dicom-tags.ts';
import { filesUnder, mapConcurrently } from './folder-files.ts';
import { describeSeries, notAnImage, summariseSeries, type FolderDataSet } from './list-dicom-series.ts';
import { isDicomPart10, parseDicomFile } from './parse-dicom-file.ts';
import { assertReadableTransferSyntax, frameBytes } from './pixel-data.ts';
import { readCtAcquisition } from './read-ct-acquisition.ts';
import { frameValueRange, rescaleFrameInto, storedRange, type RealValueArray } from './rescale-frame.ts';
import type { SeriesGeometryReport } from './series-geometry-report.ts';
import { stackGeometry } from './slice-geometry.ts';

export interface ReadDicomSeriesOptions {
  /** The SeriesInstanceUID to read; required when the folder holds more than one series. */
  readonly seriesUid?: string;
  /** Called after each file is read: files done, files in the folder. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface DicomSeriesRead {
  readonly volume: Volume;
  readonly geometry: SeriesGeometryReport;
  readonly acquisition: CtAcquisition;
}

const filesInFlight = 8;
const int16Min = -32768;
const int16Max = 32767;

interface Slice {
  readonly image: DicomImageFile;
  readonly plane: FramePlane;
}

async function readFolder(
  folder: string,
  options: ReadDicomSeriesOptions,
): Promise<{ kept: FolderDataSet[]; all: FolderDataSet[]; skipped: number }> {
  const files = await filesUnder(folder);
  const kept: FolderDataSet[] = [];
  const all: FolderDataSet[] = [];
  let skipped = 0;
  let done = 0;
  await mapConcurrently(files, filesInFlight, async (file) => {
    const bytes = await readFile(join(folder, file));
    const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    done++;
    options.onProgress?.(done, files.length);
    if (!isDicomPart10(view)) {
      skipped++;
      return;
    }
    const dataSet = parseDicomFile(view, file);
    if (notAnImage(dataSet) !== undefined) {
      skipped++;
      return;
    }
    const entry = { file, dataSet };
    if (options.seriesUid === undefined || seriesUidOf(dataSet) === options.seriesUid) {
      kept.push(entry);
      all.push(entry);
      return;
    }
    // Another series: keep a copy of its header for the listing and let its pixel bytes go.
    const pixelDataOffset = dataSet.elements[tag.pixelData]?.dataOffset ?? view.length;
    all.push({ file, dataSet: parseDicomFile(view.slice(0, pixelDataOffset), file, true) });
  });
  kept.sort((a, b) => a.file.localeCompare(b.file));
  all.sort((a, b) => a.file.localeCompare(b.file));
  return { kept, all, skipped };
}

function chooseSeries(
  folder: string,
  options: ReadDicomSeriesOptions,
  kept: FolderDataSet[],
  all: FolderDataSet[],
): string {
  const series = summariseSeries(all);
  if (series.length === 0) throw new VolumeReadError(folder, 'no DICOM image files found in the folder');
  if (options.seriesUid !== undefined) {
    if (kept.length === 0) {
      throw new VolumeReadError(
        folder,
        `no series ${options.seriesUid} here; the folder holds: ${describeSeries(series)}`,
      );
    }
    return options.seriesUid;
  }
  if (series.length > 1) {
    throw new VolumeReadError(
      folder,
      `holds ${series.length} series; choose one by its SeriesInstanceUID: ${describeSeries(series)}`,
    );
  }
  return (series[0] as { seriesUid: string }).seriesUid;
}

function checkSameImageSize(images: readonly DicomImageFile[]): void {
  const first = images[0];
  if (first === undefined) return;
  for (const image of images) {
    if (image.rows !== first.rows || image.columns !== first.columns) {
      throw new VolumeReadError(
        image.file,
        `is ${image.rows} rows × ${image.columns} columns but ${first.file} is ${first.rows} × ${first.columns}: one series must share one image size`,
      );
    }
  }
}

// Int16 holds CT in HU exactly when every slope and intercept is an integer and the values fit; the
// stored range implied by BitsStored decides without reading pixels, else each frame's range is checked.
function fitsInt16(slices: readonly Slice[], frames: readonly Uint8Array[]): boolean {
  const integral = slices.every(
    ({ plane }) => Number.isInteger(plane.rescaleSlope) && Number.isInteger(plane.rescaleIntercept),
  );
  if (!integral) return false;
  return slices.every(({ image, plane }, index) => {
    const [low, high] = storedRange(image);
    const ends = [
      low * plane.rescaleSlope + plane.rescaleIntercept,
      high * plane.rescaleSlope + plane.rescaleIntercept,
    ];
    if (ends.every((value) => value >= int16Min && value <= int16Max)) return true;
    const [min, max] = frameValueRange(frames[index] as Uint8Array, image, plane);
    return min >= int16Min && max <= int16Max;
  });
}

/** Reads one DICOM CT series from a folder into a Volume in HU, with its geometry and acquisition. */
export async function readDicomSeries(
  folder: string,
  options: ReadDicomSeriesOptions = {},
): Promise<DicomSeriesRead> {
  const { kept, all, skipped } = await readFolder(folder, options);
  const seriesUid = chooseSeries(folder, options, kept, all);
  const images = kept
    .filter((entry) => seriesUidOf(entry.dataSet) === seriesUid)
    .map((e) => dicomImageFile(e.dataSet, e.file));
  images.forEach(assertReadableTransferSyntax);
  checkSameImageSize(images);
  const slices: Slice[] = images.flatMap((image) => image.planes.map((plane) => ({ image, plane })));
  const stack = stackGeometry(
    seriesUid,
    slices.map((slice) => slice.plane),
  );
  const ordered = stack.order.map((index) => slices[index] as Slice);
  const first = ordered[0] as Slice;
  const sliceVoxels = first.image.rows * first.image.columns;
  const frames = ordered.map(({ image, plane }) => frameBytes(image, plane.frameIndex));
  const data: RealValueArray = fitsInt16(ordered, frames)
    ? new Int16Array(sliceVoxels * ordered.length)
    : new Float32Array(sliceVoxels * ordered.length);
  ordered.forEach(({ image, plane }, k) => {
    rescaleFrameInto(data, k * sliceVoxels, frames[k] as Uint8Array, image, plane);
  });

  const warnings = [...stack.report.warnings];
  if (skipped > 0)
    warnings.push(`${skipped} file${skipped === 1 ? '' : 's'} in the folder skipped: not DICOM images`);
  const volume: Volume = {
    data,
    dims: [first.image.columns, first.image.rows, ordered.length],
    spacingMm: stack.spacingMm,
    originMm: stack.originMm,
    direction: stack.direction,
    frames: 1,
  };
  return {
    volume,
    geometry: { ...stack.report, warnings },
    acquisition: readCtAcquisition(first.image.dataSet),
  };
}
