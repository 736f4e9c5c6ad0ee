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
import { pixelEncoding } from './transfer-syntax.ts';
import { readCtAcquisition } from './read-ct-acquisition.ts';
import { rescaleFrameInto, type RealValueArray } from './rescale-frame.ts';
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

interface Slice {
  readonly image: DicomImageFile;
  readonly plane: FramePlane;
}

/** A file of the chosen series, checked as soon as its bytes arrive. */
interface PreparedFile {
  readonly file: string;
  readonly image?: DicomImageFile;
  /** The first problem found (missing attribute, short pixel data), thrown if the series is read. */
  readonly error?: unknown;
}

function prepareFile(entry: FolderDataSet): PreparedFile {
  const { file, dataSet } = entry;
  try {
    const image = dicomImageFile(dataSet, file);
    if (pixelEncoding(image.transferSyntaxUid) !== 'unsupported') {
      image.planes.forEach((plane) => frameBytes(image, plane.frameIndex));
    }
    return { file, image };
  } catch (error) {
    return { file, error };
  }
}

async function readFolder(
  folder: string,
  options: ReadDicomSeriesOptions,
): Promise<{ kept: PreparedFile[]; all: FolderDataSet[]; skipped: number }> {
  const files = await filesUnder(folder);
  const kept: PreparedFile[] = [];
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
      kept.push(prepareFile(entry));
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
  kept: PreparedFile[],
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
// fit is checked while copying, and the rare series that does not fit is read again as Float32.
function integralRescale(slices: readonly Slice[]): boolean {
  return slices.every(
    ({ plane }) => Number.isInteger(plane.rescaleSlope) && Number.isInteger(plane.rescaleIntercept),
  );
}

function realValues(
  slices: readonly Slice[],
  frames: readonly Uint8Array[],
  sliceVoxels: number,
): RealValueArray {
  if (integralRescale(slices)) {
    const data = new Int16Array(sliceVoxels * slices.length);
    const fits = slices.every(({ image, plane }, k) =>
      rescaleFrameInto(data, k * sliceVoxels, frames[k] as Uint8Array, image, plane),
    );
    if (fits) return data;
  }
  const data = new Float32Array(sliceVoxels * slices.length);
  slices.forEach(({ image, plane }, k) => {
    rescaleFrameInto(data, k * sliceVoxels, frames[k] as Uint8Array, image, plane);
  });
  return data;
}

/** Reads one DICOM CT series from a folder into a Volume in HU, with its geometry and acquisition. */
export async function readDicomSeries(
  folder: string,
  options: ReadDicomSeriesOptions = {},
): Promise<DicomSeriesRead> {
  const { kept, all, skipped } = await readFolder(folder, options);
  const seriesUid = chooseSeries(folder, options, kept, all);
  // Every kept file is of the chosen series: only its files are kept when a UID is given, and a
  // folder of several series without one was refused above.
  const images = kept.map((entry) => {
    if (entry.image === undefined) throw entry.error;
    return entry.image;
  });
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
  const data = realValues(ordered, frames, sliceVoxels);

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
