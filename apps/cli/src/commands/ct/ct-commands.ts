import { writeFile } from 'node:fs/promises';
import { scanDicomFolder, slicePng, writeNiftiFile } from '@quantrad/imaging';
import type { CliIo } from '../../io/cli-io.ts';
import { formatJson } from '../../io/format-json.ts';
import { InputError } from '../../io/input-error.ts';
import { loadCtVolume } from '../../io/load-ct-volume.ts';

/** `quantrad ct series FOLDER`: the series a DICOM folder holds, to choose one with --series. */
export async function ctSeries(folder: string, io: CliIo): Promise<void> {
  const scan = await scanDicomFolder(folder);
  io.out(
    formatJson({
      series: scan.series.map(({ files: _files, ...summary }) => summary),
      skipped: scan.skipped,
    }),
  );
}

/** `quantrad ct convert CT OUT.nii.gz`: a DICOM series (or NIfTI) written as NIfTI-1, with how it was stacked. */
export async function ctConvert(
  ct: string,
  out: string,
  options: { series?: string },
  io: CliIo,
): Promise<void> {
  if (!/\.nii(\.gz)?$/i.test(out)) throw new InputError(`${out}: the output must end .nii or .nii.gz`);
  const loaded = await loadCtVolume(ct, options.series, io);
  await writeNiftiFile(out, loaded.volume, { description: `quantrad ct convert ${loaded.source}` });
  io.out(
    formatJson({
      written: out,
      dims: loaded.volume.dims,
      spacingMm: loaded.volume.spacingMm,
      ...(loaded.geometry === undefined ? {} : { geometry: loaded.geometry }),
      ...(loaded.acquisition === undefined ? {} : { acquisition: loaded.acquisition }),
      warnings: loaded.warnings,
    }),
  );
}

export interface CtSliceOptions {
  slice: string;
  axis: 'x' | 'y' | 'z';
  window: string;
  out: string;
  series?: string;
}

/** `quantrad ct slice CT --slice K --out FILE.png`: one slice as a PNG under a window (centre,width in HU). */
export async function ctSlice(ct: string, options: CtSliceOptions, io: CliIo): Promise<void> {
  const [centre, width, extra] = options.window.split(',').map((part) => Number(part.trim()));
  if (
    centre === undefined ||
    width === undefined ||
    extra !== undefined ||
    !Number.isFinite(centre) ||
    !(width > 0)
  )
    throw new InputError('--window: centre,width in HU, e.g. 400,1800 (bone) or 40,400 (soft tissue)');
  if (!/^\d+$/.test(options.slice)) throw new InputError('--slice: must be a 0-based slice index');
  if (!/\.png$/i.test(options.out)) throw new InputError(`${options.out}: the output must end .png`);
  const loaded = await loadCtVolume(ct, options.series, io);
  const [nx, ny, nz] = loaded.volume.dims;
  const count = { x: nx, y: ny, z: nz }[options.axis];
  const index = Number(options.slice);
  if (index >= count)
    throw new InputError(`--slice: ${index} is outside the volume (${options.axis} runs 0 to ${count - 1})`);
  await writeFile(
    options.out,
    slicePng(loaded.volume, { axis: options.axis, index, windowCentre: centre, windowWidth: width }),
  );
  io.out(formatJson({ written: options.out, axis: options.axis, slice: index }));
}
