// What series a folder holds, from the headers of its files (pixel data is not read).
import type { DataSet } from 'dicom-parser';
import { decimalValue, textValue, ushortValue } from './dataset-values.ts';
import { seriesUidOf } from './dicom-image-file.ts';
import type { DicomFolderScan, DicomSeriesSummary } from './dicom-series-summary.ts';
import { tag } from './dicom-tags.ts';
import { filesUnder, mapConcurrently } from './folder-files.ts';
import { readDicomHeader } from './read-dicom-header.ts';

/** A parsed file of a folder, by its path relative to the folder. */
export interface FolderDataSet {
  readonly file: string;
  readonly dataSet: DataSet;
}

const filesInFlight = 8;

/** Groups parsed files by SeriesInstanceUID, in order of first appearance. */
export function summariseSeries(files: readonly FolderDataSet[]): DicomSeriesSummary[] {
  const groups = new Map<string, FolderDataSet[]>();
  for (const entry of files) {
    const uid = seriesUidOf(entry.dataSet);
    if (uid === undefined) continue;
    const group = groups.get(uid);
    if (group === undefined) groups.set(uid, [entry]);
    else group.push(entry);
  }
  return [...groups.entries()].map(([seriesUid, group]) => {
    const first = (group[0] as FolderDataSet).dataSet;
    const seriesDescription = textValue(first, tag.seriesDescription);
    const modality = textValue(first, tag.modality);
    const seriesNumber = decimalValue(first, tag.seriesNumber);
    return {
      seriesUid,
      ...(seriesDescription === undefined ? {} : { seriesDescription }),
      ...(modality === undefined ? {} : { modality }),
      ...(seriesNumber === undefined ? {} : { seriesNumber }),
      fileCount: group.length,
      frameCount: group.reduce(
        (sum, entry) => sum + (decimalValue(entry.dataSet, tag.numberOfFrames) ?? 1),
        0,
      ),
      rows: ushortValue(first, tag.rows) ?? 0,
      columns: ushortValue(first, tag.columns) ?? 0,
      files: group.map((entry) => entry.file),
    };
  });
}

/** One line per series for messages: UID, description, modality, image count. */
export function describeSeries(series: readonly DicomSeriesSummary[]): string {
  return series
    .map(
      (s) =>
        `${s.seriesUid} "${s.seriesDescription ?? 'no description'}" (${s.modality ?? '?'}, ${s.frameCount} image${s.frameCount === 1 ? '' : 's'} in ${s.fileCount} file${s.fileCount === 1 ? '' : 's'})`,
    )
    .join('; ');
}

/** Why a parsed file is not part of an image series, or undefined when it is. */
export function notAnImage(dataSet: DataSet): string | undefined {
  if (seriesUidOf(dataSet) === undefined) return 'DICOM without a SeriesInstanceUID';
  if (dataSet.elements[tag.pixelData] === undefined && dataSet.elements[tag.rows] === undefined) {
    return 'DICOM without pixel data';
  }
  return undefined;
}

/** Every DICOM image series under a folder (recursively), and the files skipped with why. */
export async function scanDicomFolder(folder: string): Promise<DicomFolderScan> {
  const files = await filesUnder(folder);
  const parsed = await mapConcurrently(files, filesInFlight, async (file) => ({
    file,
    header: await readDicomHeader(folder, file),
  }));
  const images: FolderDataSet[] = [];
  const skipped: { file: string; reason: string }[] = [];
  for (const { file, header } of parsed) {
    if (header.kind !== 'dicom') {
      skipped.push({ file, reason: header.kind === 'not-dicom' ? 'not DICOM' : header.error.problem });
      continue;
    }
    const reason = notAnImage(header.dataSet);
    if (reason === undefined) images.push({ file, dataSet: header.dataSet });
    else skipped.push({ file, reason });
  }
  return { series: summariseSeries(images), skipped };
}

/** Every DICOM image series under a folder, grouped by SeriesInstanceUID; non-DICOM files are skipped. */
export async function listDicomSeries(folder: string): Promise<DicomSeriesSummary[]> {
  return [...(await scanDicomFolder(folder)).series];
}
