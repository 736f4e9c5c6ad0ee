import { stat } from 'node:fs/promises';
import {
  readDicomSeries,
  readNiftiFile,
  type CtAcquisition,
  type SeriesGeometryReport,
  type Volume,
} from '@quantrad/imaging';
import type { CliIo } from './cli-io.ts';
import { InputError } from './input-error.ts';

export interface LoadedCt {
  volume: Volume;
  source: 'dicom' | 'nifti';
  /** DICOM only: how the slices were stacked (tilt, uneven spacing) and the acquisition facts. */
  geometry?: SeriesGeometryReport;
  acquisition?: CtAcquisition;
  warnings: string[];
}

/** `CT` is a DICOM folder (one series, or the one chosen by --series) or a NIfTI file (.nii, .nii.gz). */
export async function loadCtVolume(
  path: string,
  seriesUid: string | undefined,
  io: CliIo,
): Promise<LoadedCt> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(path)).isDirectory();
  } catch {
    throw new InputError(`${path}: no such file or folder (CT must be a DICOM folder or a NIfTI file)`);
  }
  if (isFolder) {
    let lastShownPercent = -1;
    const read = await readDicomSeries(path, {
      ...(seriesUid === undefined ? {} : { seriesUid }),
      onProgress: (done: number, total: number) => {
        const percent = Math.floor((100 * done) / Math.max(total, 1));
        if (percent >= lastShownPercent + 10 || done === total) {
          lastShownPercent = percent;
          io.err(`reading ${path}: ${done}/${total} files\n`);
        }
      },
    });
    return {
      volume: read.volume,
      source: 'dicom',
      geometry: read.geometry,
      acquisition: read.acquisition,
      warnings: [...read.geometry.warnings],
    };
  }
  if (seriesUid !== undefined) throw new InputError(`--series: ${path} is a NIfTI file, not a DICOM folder`);
  if (!/\.nii(\.gz)?$/i.test(path))
    throw new InputError(`${path}: CT must be a DICOM folder or a NIfTI file ending .nii or .nii.gz`);
  return { volume: await readNiftiFile(path), source: 'nifti', warnings: [] };
}
