import { stat } from 'node:fs/promises';
import {
  parseFrameTimes,
  readDynamicCtSeries,
  readNiftiFile,
  withFrameTimes,
  type Volume,
} from '@quantrad/imaging';
import type { PerfusionProtocol } from '@quantrad/perfusion';
import type { CliIo } from '../../io/cli-io.ts';
import { InputError } from '../../io/input-error.ts';
import { readTextFile } from '../../io/read-input-file.ts';

export interface LoadedDynamicCt {
  volume: Volume;
  source: 'dicom' | 'nifti';
  /** DICOM only: kVp, mAs, CTDIvol, acquisition length, as the headers state them. */
  protocol?: PerfusionProtocol & { frameCount: number; tubeCurrentMa?: number };
  warnings: string[];
}

/**
 * INPUT of `quantrad perfusion run`: a dynamic DICOM CT series (readDynamicCtSeries) or a 4-D NIfTI file,
 * with frame times from `--times FILE` when given (parseFrameTimes, withFrameTimes). Bad input is an
 * InputError naming the problem.
 */
export async function loadDynamicCt(
  path: string,
  options: { series?: string; times?: string },
  io: CliIo,
): Promise<LoadedDynamicCt> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(path)).isDirectory();
  } catch {
    throw new InputError(
      `${path}: no such file or folder (INPUT must be a DICOM folder or a 4-D NIfTI file)`,
    );
  }
  let loaded: LoadedDynamicCt;
  if (isFolder) {
    let shown = -1;
    const read = await readDynamicCtSeries(path, {
      ...(options.series === undefined ? {} : { seriesUid: options.series }),
      onProgress: (done: number, total: number) => {
        const percent = Math.floor((100 * done) / Math.max(total, 1));
        if (percent >= shown + 10 || done === total) {
          shown = percent;
          io.err(`reading ${path}: ${done}/${total} files\n`);
        }
      },
    });
    loaded = {
      volume: read.volume,
      source: 'dicom',
      protocol: {
        frameCount: read.protocol.frameCount,
        totalAcquisitionS: read.protocol.totalAcquisitionS,
        ...(read.protocol.kvp === undefined ? {} : { kvp: read.protocol.kvp }),
        ...(read.protocol.exposureMas === undefined ? {} : { exposureMas: read.protocol.exposureMas }),
        ...(read.protocol.tubeCurrentMa === undefined ? {} : { tubeCurrentMa: read.protocol.tubeCurrentMa }),
        ...(read.protocol.ctdiVolMgy === undefined ? {} : { ctdiVolMgy: read.protocol.ctdiVolMgy }),
      },
      warnings: [...read.geometry.warnings],
    };
  } else {
    if (options.series !== undefined)
      throw new InputError(`--series: ${path} is a NIfTI file, not a DICOM folder`);
    if (!/\.nii(\.gz)?$/i.test(path))
      throw new InputError(`${path}: INPUT must be a DICOM folder or a NIfTI file ending .nii or .nii.gz`);
    loaded = { volume: await readNiftiFile(path), source: 'nifti', warnings: [] };
  }
  if (loaded.volume.frames < 2) {
    throw new InputError(
      `${path}: a 3-D volume (1 frame); perfusion needs a dynamic series (4-D NIfTI or a DICOM series of several time points)`,
    );
  }
  if (options.times !== undefined) {
    try {
      const times = parseFrameTimes(await readTextFile(options.times), options.times);
      loaded.volume = withFrameTimes(loaded.volume, times);
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(`--times: ${(error as Error).message}`);
    }
  }
  if (loaded.volume.frameTimesS?.length !== loaded.volume.frames) {
    throw new InputError(
      `${path}: the frame times are not stated; give them with --times FILE (one per frame)`,
    );
  }
  return loaded;
}
