import { Option, type Command } from 'commander';
import type { CliIo } from '../../io/cli-io.ts';
import { ctConvert, ctSeries, ctSlice, type CtSliceOptions } from './ct-commands.ts';

/** `quantrad ct …`: CT volumes in and out (DICOM series, NIfTI-1, PNG slices). */
export function registerCtCommands(program: Command, io: CliIo): void {
  const ct = program
    .command('ct')
    .description('CT volumes: list DICOM series, convert to NIfTI, draw a slice')
    .exitOverride();
  const seriesOption = (): Option =>
    new Option('--series <uid>', 'the SeriesInstanceUID to read when the DICOM folder holds several');
  ct.command('series')
    .description('list the series in a DICOM folder (and the files skipped, with why)')
    .argument('<folder>', 'DICOM folder (searched recursively)')
    .action(async (folder: string) => {
      await ctSeries(folder, io);
    });
  ct.command('convert')
    .description('write a CT (DICOM series or NIfTI) as NIfTI-1, reporting gantry tilt and uneven spacing')
    .argument('<ct>', 'a DICOM folder or a NIfTI file')
    .argument('<out>', 'the NIfTI file to write (.nii or .nii.gz)')
    .addOption(seriesOption())
    .action(async (source: string, out: string, options: { series?: string }) => {
      await ctConvert(source, out, options, io);
    });
  ct.command('slice')
    .description('draw one slice as a PNG under a window')
    .argument('<ct>', 'a DICOM folder or a NIfTI file')
    .requiredOption('--slice <k>', '0-based slice index along the axis')
    .addOption(
      new Option('--axis <axis>', 'axial z, coronal y or sagittal x').choices(['x', 'y', 'z']).default('z'),
    )
    .option('--window <centre,width>', 'window in HU', '400,1800')
    .requiredOption('--out <file.png>', 'the PNG to write')
    .addOption(seriesOption())
    .action(async (source: string, options: CtSliceOptions) => {
      await ctSlice(source, options, io);
    });
}
