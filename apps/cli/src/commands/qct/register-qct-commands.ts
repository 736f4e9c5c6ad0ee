import { Option, type Command } from 'commander';
import type { CliIo } from '../../io/cli-io.ts';
import { qctCalibrate, type QctCalibrateOptions } from './qct-calibrate.ts';
import { qctHip } from './qct-hip.ts';
import { qctMuscle, type QctMuscleOptions } from './qct-muscle.ts';
import { qctPhantom } from './qct-phantom-command.ts';
import { qctQc } from './qct-qc.ts';
import { qctSpine, type QctSpineOptions } from './qct-spine.ts';

const CT_ARGUMENT = 'a DICOM folder (one CT series, or choose with --series) or a NIfTI file (.nii, .nii.gz)';
const REGIONS_HELP =
  '\nRegions file (0-based voxel indices x, y, z of the CT):\n' +
  '  { "mask": "labels.nii.gz",\n' +
  '    "labels": { "1": { "name": "L1", "kind": "vertebra", "labelMarks": "body" },\n' +
  '                "21": { "name": "rod1", "kind": "rod", "densityMgCm3": 50 } },\n' +
  '    "ellipses": [ { "name": "L2", "kind": "vertebra", "center": [64, 70, 12], "radii": [9, 7], "slices": [10, 15] } ] }\n' +
  '  kind: vertebra, rod, air, fat, muscle or blood; "labelMarks": "body" places the trabecular ROI inside a vertebral body label.\n';

function seriesOption(): Option {
  return new Option('--series <uid>', 'the SeriesInstanceUID to read when the DICOM folder holds several');
}

/** `quantrad qct …`: quantitative CT bone density and muscle (ACR QCT IV–VI). */
export function registerQctCommands(program: Command, io: CliIo): void {
  const qct = program
    .command('qct')
    .description('quantitative CT: phantom calibration, spine vBMD, muscle at L3, phantom QC (ACR QCT)')
    .exitOverride();

  qct
    .command('calibrate')
    .description(
      'fit a phantom calibration line (HU against mg/cm³), refused when the fit is poor (ACR QCT IV.B.1)',
    )
    .argument('[ct]', `with --rois: ${CT_ARGUMENT}`)
    .option(
      '--phantom <id|file>',
      'a shipped phantom (mindways-model-3, qrm-bdc-3, qrm-bdc-6, b-mas-200, image-analysis-qct-3d-plus) or a phantom JSON file',
    )
    .option(
      '--certificate-water <mgcm3,…>',
      'water-equivalent density of each rod from the certificate (Mindways)',
    )
    .option(
      '--certificate <mgcm3,…>',
      'rod densities from the phantom\u2019s certificate (phantoms calibrated per serial number)',
    )
    .option('--rods-hu <hu,…>', 'the rods\u2019 measured mean HU, in the phantom\u2019s rod order')
    .option('--rois <file>', 'regions file whose "rod" regions are measured on CT')
    .addOption(
      new Option('--material <material>', 'with --rois and rod densities: the rods\u2019 material').choices([
        'K2HPO4',
        'CaHA',
      ]),
    )
    .addOption(seriesOption())
    .addOption(
      new Option(
        '--method <method>',
        'simultaneous (rods in the patient scan) or asynchronous (stored per scanner)',
      )
        .choices(['simultaneous', 'asynchronous'])
        .default('simultaneous'),
    )
    .option('--scanner <id>', 'the scanner the calibration belongs to (asynchronous)')
    .option('--kvp <kvp>', 'tube voltage of the calibration scan')
    .option('--kernel <name>', 'reconstruction kernel of the calibration scan')
    .option('--date <yyyy-mm-dd>', 'date of the calibration scan')
    .option(
      '--history <file>',
      'earlier stored calibrations of the scanner (JSON array): check stability against them',
    )
    .option(
      '--store <file>',
      'asynchronous: check stability against FILE\u2019s calibrations and add this one to FILE',
    )
    .addHelpText(
      'after',
      '\nExample:\n  quantrad qct calibrate --phantom qrm-bdc-3 --rods-hu 2.1,98.4,197.9\n',
    )
    .action(async (ct: string | undefined, options: QctCalibrateOptions) => {
      await qctCalibrate(ct, options, io);
    });

  qct
    .command('spine')
    .description(
      'trabecular vBMD per vertebra (mg/cm³), the mean of two and the ACR category (ACR QCT IV.C.2)',
    )
    .argument('<ct>', CT_ARGUMENT)
    .requiredOption(
      '--rois <file>',
      'regions file (JSON) or a vertebral-body label mask (.nii.gz, labels 1–5 = L1–L5)',
    )
    .option('--labels <name=label,…>', 'with a bare mask: which label is which vertebra, e.g. L1=20,L2=21')
    .addOption(seriesOption())
    .option(
      '--calibration <file>',
      'calibration JSON from `qct calibrate`, or a scanner\u2019s stored calibrations (array)',
    )
    .addOption(
      new Option('--material <material>', 'the in-scan rods\u2019 material').choices(['K2HPO4', 'CaHA']),
    )
    .option(
      '--phantomless',
      'internal calibration from the air, fat, muscle (and blood) regions (ACR QCT IV.B.2)',
    )
    .option(
      '--tissue-reference <file>',
      'with --phantomless: the service\u2019s own tissue equivalent densities (JSON, as data/qct-internal-calibration.json)',
    )
    .option('--hu-only', 'no calibration: mean HU per vertebra and the L1 opportunistic screen only')
    .option('--air <name>', 'with --phantomless: the air region')
    .option('--fat <name>', 'with --phantomless: the subcutaneous fat region')
    .option('--muscle <name>', 'with --phantomless: the paraspinal muscle region')
    .option('--blood <name>', 'with --phantomless: the blood (aorta) region')
    .option('--pair <a,b>', 'the two vertebrae to average (default L1,L2)')
    .option('--scanner <id>', 'scanner id, to choose a stored calibration')
    .option('--kvp <kvp>', 'tube voltage (when the headers do not say)')
    .option('--kernel <name>', 'reconstruction kernel (when the headers do not say)')
    .option('--date <yyyy-mm-dd>', 'exam date (when the headers do not say)')
    .option('--contrast', 'the scan was contrast enhanced (spine QCT is best without: ACR QCT IV.C.1)')
    .option('--figures <dir>', 'write a PNG of each vertebra\u2019s ROI on its middle slice into DIR')
    .option('--sex <sex>', 'female or male: with --age, decides whether mg/cm³ categories or Z-scores apply')
    .option('--age <years>', 'age in whole years')
    .option('--menopause <state>', 'pre, peri or post')
    .option(
      '--prior <file>',
      'a prior spine result to compare with: { date, meanBmdMgCm3, vertebrae?, scanner: { id, manufacturer } }',
    )
    .option(
      '--manufacturer <name>',
      'this scanner\u2019s manufacturer, for comparability (when the headers do not say)',
    )
    .option('--standardised-units', 'this result is in standardised units (comparable across manufacturers)')
    .option('--precision-cv <percent>', 'the scanner\u2019s precision error as %CV, to judge the change')
    .option('--precision-sd <mgcm3>', 'the scanner\u2019s precision error as RMS-SD in mg/cm³')
    .option('--z-score <z>', 'the spine Z-score from the QCT software, for patients classified by Z-score')
    .addHelpText(
      'after',
      `${REGIONS_HELP}\nExample:\n  quantrad qct spine ct/ --rois regions.json --calibration calibration.json\n`,
    )
    .action(async (ct: string, options: QctSpineOptions) => {
      await qctSpine(ct, options, io);
    });

  qct
    .command('hip')
    .description(
      'CTXA hip areal BMD and T-scores from the QCT software, classified by WHO as DXA is (ACR QCT IV.C.1)',
    )
    .argument(
      '<ctxa>',
      'JSON: { patient: { sex, ageYears, menopause? }, sites: [ { site, side?, bmdGcm2, tScore?, zScore? } ] }',
    )
    .addHelpText('after', '\nExample:\n  quantrad qct hip examples/qct/ctxa-hip.json\n')
    .action(async (path: string) => {
      await qctHip(path, io);
    });

  qct
    .command('muscle')
    .description(
      'skeletal muscle area, index (SMI) and attenuation at L3 with sarcopenia flags (ACR QCT IV.H)',
    )
    .argument('<ct>', CT_ARGUMENT)
    .option('--mask <file>', 'muscle mask (NIfTI): every labelled voxel, or --label')
    .option('--label <n>', 'with --mask: the muscle label')
    .option(
      '--threshold',
      'with --mask: take muscle as -29 to +150 HU inside the mask (a compartment, not muscle)',
    )
    .option('--rois <file>', 'regions file: muscle regions, taken as -29 to +150 HU inside them')
    .option('--slice <k>', 'the slice to measure (needed when the muscle region spans several slices)')
    .requiredOption('--height-cm <cm>', 'height in centimetres')
    .requiredOption('--weight-kg <kg>', 'weight in kilograms')
    .requiredOption('--sex <sex>', 'female or male')
    .option('--level <level>', 'vertebral level of the slice: L3 or L4', 'L3')
    .option('--contrast', 'the scan was contrast enhanced (muscle HU rises: ACR QCT IV.H.6)')
    .addOption(seriesOption())
    .addHelpText(
      'after',
      '\nExample:\n  quantrad qct muscle ct.nii.gz --mask muscle-l3.nii.gz --height-cm 170 --weight-kg 70 --sex female\n',
    )
    .action(async (ct: string, options: QctMuscleOptions) => {
      await qctMuscle(ct, options, io);
    });

  qct
    .command('phantom')
    .description(
      'write the digital QCT phantom: a spine CT with calibration rods, an L3 slab, regions files and the truth',
    )
    .requiredOption('--out <dir>', 'folder to write into')
    .addHelpText('after', '\nExample:\n  quantrad qct phantom --out /tmp/qct-phantom\n')
    .action(async (options: { out: string }) => {
      await qctPhantom(options, io);
    });

  qct
    .command('qc')
    .description(
      'phantom QC: precision and each measurement\u2019s deviation from baseline, flagged beyond 1% (ACR QCT VI.B)',
    )
    .argument('<measurements>', 'CSV with columns date, value (mg/cm³) and optionally rod')
    .option('--baseline <mgcm3>', 'the phantom\u2019s baseline value (default: from the first measurements)')
    .addHelpText('after', '\nExample:\n  quantrad qct qc examples/qct/phantom-qc.csv\n')
    .action(async (csvPath: string, options: { baseline?: string }) => {
      await qctQc(csvPath, options, io);
    });
}
