import { mapGridDefaults } from '@quantrad/perfusion';
import { Option, type Command } from 'commander';
import type { CliIo } from '../../io/cli-io.ts';
import { perfusionPhantom, type PerfusionPhantomOptions } from './perfusion-phantom-command.ts';
import { perfusionRun, type PerfusionRunOptions } from './perfusion-run-command.ts';

/** `quantrad perfusion …`: CT perfusion maps of a dynamic CT, and the digital phantom to test them on. */
export function registerPerfusionCommands(program: Command, io: CliIo): void {
  const perfusion = program
    .command('perfusion')
    .description('CT perfusion: CBF, CBV, MTT, TTP and Tmax maps of a dynamic CT; a digital phantom')
    .exitOverride();

  perfusion
    .command('run')
    .description(
      'perfusion maps of a dynamic CT: motion, baseline, brain mask, AIF/VOF, deconvolution; NIfTI maps, PNG figures and summary.json',
    )
    .argument(
      '<input>',
      'a dynamic DICOM CT folder (choose with --series) or a 4-D NIfTI file (.nii, .nii.gz)',
    )
    .requiredOption('--out <dir>', 'folder for the outputs (created if needed)')
    .addOption(
      new Option('--method <method>', 'deconvolution method')
        .choices(['osvd', 'bsvd', 'svd', 'tikhonov'])
        .default('osvd'),
    )
    .option('--aif <x,y,z>', 'take the AIF around this voxel (0-based indices) instead of choosing it')
    .option('--vof <x,y,z>', 'take the VOF around this voxel (0-based indices) instead of choosing it')
    .option('--times <file>', 'frame times in seconds, one per frame (replaces those of INPUT)')
    .option('--series <uid>', 'the SeriesInstanceUID to read when the DICOM folder holds several')
    .option('--no-motion', 'skip motion estimation and correction')
    .option(
      '--no-model-fit',
      "maps from the deconvolution's residue alone, without the gamma transit-time model fit (CBF, MTT, Tmax)",
    )
    .addOption(
      new Option(
        '--tmax-definition <definition>',
        "the Tmax the hypoperfusion volumes (Tmax > 6 s, > 10 s) are counted on: 'fitted-delay', the model fit's arrival delay (tmax.nii.gz), or 'residue-peak', the time of the deconvolved residue's maximum before the fit (tmax-residue-peak.nii.gz), the reading the clinical thresholds were set with (RAPID), 1.1 to 2.2 s later on the digital phantom without noise and 1.1 to 6.8 s with 2 HU noise (data/lesion-thresholds.json residuePeakDefinition); both maps are written",
      )
        .choices(['fitted-delay', 'residue-peak'])
        .default('fitted-delay'),
    )
    .option(
      '--full-grid',
      `compute the maps at every tissue voxel (by default, at pixels much finer than the smoothing, on every s-th column and row, s = ⌊σ / (${String(mapGridDefaults.sigmaPerSubGridSpacing)} · pixel spacing)⌋ ≥ 1 per axis (data/map-grid-defaults.json), interpolated between)`,
    )
    .addHelpText(
      'after',
      '\nExample:\n  quantrad perfusion phantom --out /tmp/ctp\n  quantrad perfusion run /tmp/ctp/ct.nii.gz --out /tmp/ctp/maps\n',
    )
    .action(async (input: string, options: PerfusionRunOptions) => {
      await perfusionRun(input, options, io);
    });

  perfusion
    .command('phantom')
    .description('write the digital perfusion phantom (after Kudo 2013) with its truth maps and masks')
    .requiredOption('--out <dir>', 'folder to write to (created if needed)')
    .option('--noise-hu <sd>', 'SD of Gaussian noise added to every voxel, HU (default 0)')
    .addOption(
      new Option('--residue <shape>', 'residue function of the tiles')
        .choices(['box', 'exp', 'gamma'])
        .default('exp'),
    )
    .option('--seed <n>', 'seed of the noise (default 1)')
    .option('--frames <n>', 'number of frames, 1 s apart (default 60)')
    .option('--dicom', 'also write a dynamic DICOM series in DIR/dicom')
    .action(async (options: PerfusionPhantomOptions) => {
      await perfusionPhantom(options, io);
    });
}
