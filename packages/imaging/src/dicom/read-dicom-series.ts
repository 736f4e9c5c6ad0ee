// Reads one CT series from a folder of DICOM files into a Volume, in two passes:
//   1. headers: the start of every file, parsed lazily (dicom-parser); the series chosen; its images
//      checked and sorted along the slice normal, so each image's place in the volume is known;
//   2. pixels: only the chosen series' files are read, a few at a time; each frame goes straight to
//      its place in one typed array (native 16-bit data with slope 1 is read from the file into the
//      volume and rescaled there; other data is parsed from the whole file and rescaled across).
import { open, readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { Volume } from '../types/volume.ts';
import { VolumeReadError } from '../types/volume-read-error.ts';
import type { CtAcquisition } from './ct-acquisition.ts';
import { dicomImageFile, seriesUidOf, type DicomImageFile, type FramePlane } from './dicom-image-file.ts';
import { filesUnder, mapConcurrently } from './folder-files.ts';
import { describeSeries, notAnImage, summariseSeries, type FolderDataSet } from './list-dicom-series.ts';
import { parseDicomFile } from './parse-dicom-file.ts';
import { assertReadableTransferSyntax, frameBytes } from './pixel-data.ts';
import { readCtAcquisition } from './read-ct-acquisition.ts';
import { readDicomHeader } from './read-dicom-header.ts';
import {
  canRescaleInPlace,
  rescaleFrameInto,
  rescaleInPlaceToInt16,
  type RealValueArray,
} from './rescale-frame.ts';
import { pixelEncoding, transferSyntaxUid } from './transfer-syntax.ts';
import { tag } from './dicom-tags.ts';
import type { SeriesGeometryReport } from './series-geometry-report.ts';
import { stackGeometry } from './slice-geometry.ts';

export interface ReadDicomSeriesOptions {
  /** The SeriesInstanceUID to read; required when the folder holds more than one series. */
  readonly seriesUid?: string;
  /** Called as the series' pixel data is read: files done, files in the series. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface DicomSeriesRead {
  readonly volume: Volume;
  readonly geometry: SeriesGeometryReport;
  readonly acquisition: CtAcquisition;
}

const filesInFlight = 8;

export interface HeaderFile {
  readonly file: string;
  readonly image: DicomImageFile;
  readonly wholeFile?: Uint8Array;
}

interface Slice {
  readonly image: DicomImageFile;
  readonly plane: FramePlane;
}

/** A parsed header, with the file's bytes when the header was long enough to need them all. */
export interface HeaderDataSet extends FolderDataSet {
  readonly wholeFile?: Uint8Array;
}

export async function readHeaders(folder: string): Promise<{ images: HeaderDataSet[]; skipped: number }> {
  const files = await filesUnder(folder);
  const headers = await mapConcurrently(files, filesInFlight, async (file) => ({
    file,
    header: await readDicomHeader(folder, file),
  }));
  const images: HeaderDataSet[] = [];
  let skipped = 0;
  for (const { file, header } of headers) {
    if (header.kind === 'unreadable') throw header.error;
    if (header.kind === 'not-dicom' || notAnImage(header.dataSet) !== undefined) {
      skipped++;
      continue;
    }
    images.push({
      file,
      dataSet: header.dataSet,
      ...(header.wholeFile === undefined ? {} : { wholeFile: header.wholeFile }),
    });
  }
  return { images, skipped };
}

export function chooseSeries(
  folder: string,
  options: ReadDicomSeriesOptions,
  images: readonly FolderDataSet[],
): string {
  const series = summariseSeries(images);
  if (series.length === 0) throw new VolumeReadError(folder, 'no DICOM image files found in the folder');
  if (options.seriesUid !== undefined) {
    if (!series.some((s) => s.seriesUid === options.seriesUid)) {
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

export function checkSameImageSize(images: readonly DicomImageFile[]): void {
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

// Native little-endian 16-bit pixel data with slope 1 is read from the file straight into the
// volume's Int16Array, each frame at its place, and rescaled there.
function readsDirectly(entry: HeaderFile, output: RealValueArray): boolean {
  const { image, wholeFile } = entry;
  return (
    output instanceof Int16Array &&
    wholeFile === undefined &&
    image.transferSyntaxUid !== transferSyntaxUid.deflatedExplicitVrLittleEndian &&
    pixelEncoding(image.transferSyntaxUid) === 'native-little-endian' &&
    image.planes.every((plane) => canRescaleInPlace(image, plane))
  );
}

async function readDirectly(
  path: string,
  { file, image }: HeaderFile,
  places: readonly number[],
  output: Int16Array,
  sliceVoxels: number,
): Promise<boolean> {
  const element = image.dataSet.elements[tag.pixelData];
  if (element === undefined) throw new VolumeReadError(file, 'missing PixelData (7FE0,0010)');
  const frameLength = sliceVoxels * 2;
  const needed = frameLength * image.frameCount;
  const handle = await open(path, 'r');
  try {
    const declared = Math.min(element.length, needed);
    const outputBytes = new Uint8Array(output.buffer, output.byteOffset, output.byteLength);
    let fits = true;
    for (const plane of image.planes) {
      const place = (places[plane.frameIndex] ?? 0) * frameLength;
      const target = outputBytes.subarray(place, place + frameLength);
      const position = element.dataOffset + plane.frameIndex * frameLength;
      const { bytesRead } = await handle.read(target, 0, frameLength, position);
      if (bytesRead < frameLength || declared < needed) {
        const { size } = await handle.stat();
        const available = Math.max(0, Math.min(element.length, size - element.dataOffset));
        throw new VolumeReadError(
          file,
          `pixel data is ${available} bytes but ${image.rows} rows × ${image.columns} columns × ${image.bitsAllocated} bits × ${image.frameCount} frame(s) need ${needed} bytes (truncated file?)`,
        );
      }
      fits = rescaleInPlaceToInt16(target, image, plane) && fits;
    }
    return fits;
  } finally {
    await handle.close();
  }
}

/**
 * Reads every file's pixel data into its slices' places. Returns undefined when the output is an
 * Int16Array and some value did not fit (the caller reads again into a Float32Array).
 */
export async function readPixels(
  folder: string,
  files: readonly HeaderFile[],
  sliceOf: ReadonlyMap<string, readonly number[]>,
  output: RealValueArray,
  sliceVoxels: number,
  onProgress: ((done: number, total: number) => void) | undefined,
): Promise<RealValueArray | undefined> {
  const state = { fits: true, done: 0 };
  await mapConcurrently(files, filesInFlight, async (entry) => {
    const path = join(folder, entry.file);
    const places = sliceOf.get(entry.file) ?? [];
    if (readsDirectly(entry, output)) {
      const fits = await readDirectly(path, entry, places, output as Int16Array, sliceVoxels);
      state.fits = state.fits && fits;
    } else {
      const bytes = entry.wholeFile ?? new Uint8Array(await readFile(path));
      const image = dicomImageFile(parseDicomFile(bytes, entry.file), entry.file);
      for (const plane of image.planes) {
        if (!state.fits) break;
        const frame = frameBytes(image, plane.frameIndex);
        const place = (places[plane.frameIndex] ?? 0) * sliceVoxels;
        state.fits = rescaleFrameInto(output, place, frame, image, plane);
      }
    }
    state.done++;
    onProgress?.(state.done, files.length);
  });
  return state.fits ? output : undefined;
}

/** Reads one DICOM CT series from a folder into a Volume in HU, with its geometry and acquisition. */
export async function readDicomSeries(
  folder: string,
  options: ReadDicomSeriesOptions = {},
): Promise<DicomSeriesRead> {
  return namingFilesIn(folder, () => readSeries(folder, options));
}

/**
 * The image files of the chosen series (options.seriesUid, or the folder's only series) with their headers,
 * each of a readable transfer syntax and all of one image size; `skipped` counts the non-image files.
 */
export async function seriesImageFiles(
  folder: string,
  options: { readonly seriesUid?: string },
): Promise<{ files: HeaderFile[]; skipped: number; seriesUid: string }> {
  const { images, skipped } = await readHeaders(folder);
  const seriesUid = chooseSeries(folder, options, images);
  const files: HeaderFile[] = images
    .filter((entry) => seriesUidOf(entry.dataSet) === seriesUid)
    .map((entry) => ({
      file: entry.file,
      image: dicomImageFile(entry.dataSet, entry.file),
      ...(entry.wholeFile === undefined ? {} : { wholeFile: entry.wholeFile }),
    }));
  files.forEach(({ image }) => {
    assertReadableTransferSyntax(image);
  });
  checkSameImageSize(files.map(({ image }) => image));
  return { files, skipped, seriesUid };
}

/** Runs a read of `folder`; a VolumeReadError naming a file inside it is re-thrown with the path a person can open. */
export async function namingFilesIn<T>(folder: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof VolumeReadError && error.file !== folder && !isAbsolute(error.file))
      throw new VolumeReadError(join(folder, error.file), error.problem);
    throw error;
  }
}

async function readSeries(folder: string, options: ReadDicomSeriesOptions): Promise<DicomSeriesRead> {
  const { files, skipped, seriesUid } = await seriesImageFiles(folder, options);
  const slices: Slice[] = files.flatMap(({ image }) => image.planes.map((plane) => ({ image, plane })));
  const stack = stackGeometry(
    seriesUid,
    slices.map((slice) => slice.plane),
  );
  const sliceOf = new Map<string, number[]>();
  stack.order.forEach((index, k) => {
    const { image, plane } = slices[index] as Slice;
    const places = sliceOf.get(image.file) ?? [];
    places[plane.frameIndex] = k;
    sliceOf.set(image.file, places);
  });
  const first = slices[stack.order[0] ?? 0] as Slice;
  const sliceVoxels = first.image.rows * first.image.columns;
  const voxels = sliceVoxels * slices.length;

  // Int16 holds CT in HU exactly when every slope and intercept is an integer and the values fit;
  // the fit is checked while copying, and a series that does not fit is read again as Float32.
  const integral = slices.every(
    ({ plane }) => Number.isInteger(plane.rescaleSlope) && Number.isInteger(plane.rescaleIntercept),
  );
  const read = (output: RealValueArray): Promise<RealValueArray | undefined> =>
    readPixels(folder, files, sliceOf, output, sliceVoxels, options.onProgress);
  let data = integral ? await read(new Int16Array(voxels)) : undefined;
  data ??= await read(new Float32Array(voxels));
  if (data === undefined)
    throw new VolumeReadError(folder, 'pixel values could not be held (internal error)');

  const warnings = [...stack.report.warnings];
  if (skipped > 0) {
    warnings.push(`${skipped} file${skipped === 1 ? '' : 's'} in the folder skipped: not DICOM images`);
  }
  const volume: Volume = {
    data,
    dims: [first.image.columns, first.image.rows, slices.length],
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
