import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeDynamicCtSeries, writeNiftiFile } from '@quantrad/imaging';
import { makeDigitalPhantom, type ResidueShape } from '@quantrad/perfusion';
import type { CliIo } from '../../io/cli-io.ts';
import { formatJson } from '../../io/format-json.ts';
import { InputError } from '../../io/input-error.ts';

export interface PerfusionPhantomOptions {
  out: string;
  noiseHu?: string;
  residue: ResidueShape;
  seed?: string;
  frames?: string;
  dicom?: boolean;
}

/** The files `quantrad perfusion phantom` writes, by name. */
export const PERFUSION_PHANTOM_FILES = {
  ct: 'ct.nii.gz',
  truthCbf: 'truth-cbf.nii.gz',
  truthCbv: 'truth-cbv.nii.gz',
  truthMtt: 'truth-mtt.nii.gz',
  truthDelay: 'truth-delay.nii.gz',
  truthTmax: 'truth-tmax.nii.gz',
  tissueMask: 'tissue-mask.nii.gz',
  arterialMask: 'arterial-mask.nii.gz',
  venousMask: 'venous-mask.nii.gz',
  truth: 'truth.json',
} as const;

function number(
  text: string | undefined,
  option: string,
  check: (n: number) => boolean,
  what: string,
): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !check(n)) throw new InputError(`${option}: must be ${what}, got "${text}"`);
  return n;
}

/**
 * `quantrad perfusion phantom --out DIR`: the digital perfusion phantom (after Kudo 2013) as a 4-D NIfTI
 * (and with --dicom a dynamic DICOM series in DIR/dicom), its truth maps and masks, and truth.json.
 */
export async function perfusionPhantom(options: PerfusionPhantomOptions, io: CliIo): Promise<void> {
  const noiseHu = number(
    options.noiseHu,
    '--noise-hu',
    (n) => Number.isFinite(n) && n >= 0,
    'a number of HU ≥ 0',
  );
  const seed = number(options.seed, '--seed', Number.isInteger, 'a whole number');
  const frameCount = number(
    options.frames,
    '--frames',
    (n) => Number.isInteger(n) && n >= 20,
    'a whole number of at least 20',
  );
  const phantom = makeDigitalPhantom({
    residue: options.residue,
    ...(noiseHu === undefined ? {} : { noiseHu }),
    ...(seed === undefined ? {} : { seed }),
    ...(frameCount === undefined ? {} : { frameCount }),
  });
  await mkdir(options.out, { recursive: true });
  const path = (name: string): string => join(options.out, name);
  const files = PERFUSION_PHANTOM_FILES;
  const written: string[] = [];
  const nifti = async (
    name: string,
    volume: Parameters<typeof writeNiftiFile>[1],
    description: string,
  ): Promise<void> => {
    await writeNiftiFile(path(name), volume, { description });
    written.push(path(name));
  };
  await nifti(
    files.ct,
    phantom.ct,
    `quantrad perfusion phantom HU ${phantom.residue} noise ${phantom.noiseHu}`,
  );
  await nifti(files.truthCbf, phantom.truth.cbfMl100gMin, 'truth CBF mL/100 g/min');
  await nifti(files.truthCbv, phantom.truth.cbvMl100g, 'truth CBV mL/100 g');
  await nifti(files.truthMtt, phantom.truth.mttS, 'truth MTT s');
  await nifti(files.truthDelay, phantom.truth.delayS, 'truth delay s');
  await nifti(files.truthTmax, phantom.truth.tmaxS, 'truth Tmax s');
  await nifti(files.tissueMask, phantom.tissueMask, 'tiles of known perfusion');
  await nifti(files.arterialMask, phantom.arterialMask, 'arterial region');
  await nifti(files.venousMask, phantom.venousMask, 'venous region');
  if (options.dicom) {
    const dicom = await writeDynamicCtSeries(phantom.ct, path('dicom'), {
      seriesDescription: 'quantrad digital perfusion phantom',
    });
    written.push(path('dicom'));
    io.err(`wrote ${dicom.files.length} DICOM files to ${path('dicom')}\n`);
  }
  const truth = {
    source: phantom.source,
    residue: phantom.residue,
    noiseHu: phantom.noiseHu,
    frameTimesS: phantom.frameTimesS,
    aifPartialVolumeFactor: phantom.aifPartialVolumeFactor,
    aifDeltaHu: Array.from(phantom.aifDeltaHu),
    vofDeltaHu: Array.from(phantom.vofDeltaHu),
    baselineHu: phantom.baselineHu,
    tiles: phantom.tiles.map((t) => ({
      voxelCount: t.voxels.length,
      firstVoxel: t.voxels[0] ?? -1,
      cbfMl100gMin: t.cbfMl100gMin,
      cbvMl100g: t.cbvMl100g,
      mttS: t.mttS,
      delayS: t.delayS,
      tmaxS: t.tmaxS,
    })),
  };
  await writeFile(path(files.truth), formatJson(truth));
  written.push(path(files.truth));
  io.out(
    formatJson({ written, dims: phantom.ct.dims, frames: phantom.ct.frames, tiles: phantom.tiles.length }),
  );
}
