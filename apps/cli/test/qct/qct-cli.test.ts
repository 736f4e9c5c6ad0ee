import { mkdtempSync, readdirSync, readFileSync, writeFileSync, truncateSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDicomSeries, writeNiftiFile } from '@quantrad/imaging';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.ts';
import {
  muscleSlab,
  spinePhantom,
  spineRegions,
  VERTEBRA_LABELS,
} from '../../src/commands/qct/digital-qct-phantom.ts';

// Expected values are worked by hand from synthetic-ct.ts: rods at 0, 100 and 200 mg/cm³ read 5, 125 and
// 245 HU (HU = 5 + 1.2 × density); trabecular cores read 125, 89 and 113 HU, so L1 = (125 − 5) / 1.2 =
// 100, L2 = (89 − 5) / 1.2 = 70 and L3 = (113 − 5) / 1.2 = 90 mg/cm³; the L1–L2 mean is 85 mg/cm³, which
// ACR QCT IV.C.2 calls low bone density (80–120).

interface SpineJson {
  vertebrae: { label: string; meanHu: number; bmdMgCm3: number; excluded: boolean }[];
  usedLabels: string[];
  meanBmdMgCm3: number;
  category: string;
  calibration: { slopeHuPerMgCm3: number; interceptHu: number; r2: number; method: string };
}

let folder: string;
let ctPath: string;
let regionsPath: string;
let maskRegionsPath: string;
let dicomFolder: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'quantrad-qct-'));
  const phantom = spinePhantom();
  ctPath = join(folder, 'ct.nii.gz');
  await writeNiftiFile(ctPath, phantom.ct);
  await writeNiftiFile(join(folder, 'labels.nii.gz'), phantom.labels);
  regionsPath = join(folder, 'regions.json');
  writeFileSync(regionsPath, JSON.stringify(spineRegions()));
  maskRegionsPath = join(folder, 'mask-regions.json');
  writeFileSync(
    maskRegionsPath,
    JSON.stringify({
      mask: 'labels.nii.gz',
      labels: {
        [VERTEBRA_LABELS.L1]: { name: 'L1', kind: 'vertebra', labelMarks: 'body' },
        [VERTEBRA_LABELS.L2]: { name: 'L2', kind: 'vertebra', labelMarks: 'body' },
        [VERTEBRA_LABELS.L3]: { name: 'L3', kind: 'vertebra', labelMarks: 'body' },
        '21': { name: 'rod1', kind: 'rod', densityMgCm3: 0 },
        '22': { name: 'rod2', kind: 'rod', densityMgCm3: 100 },
        '23': { name: 'rod3', kind: 'rod', densityMgCm3: 200 },
      },
    }),
  );
  dicomFolder = join(folder, 'dicom');
  await writeDicomSeries(phantom.ct, dicomFolder, { rescaleSlope: 1, rescaleIntercept: -1024 });
});

function parsed(run: { status: number; stdout: string; stderr: string }): unknown {
  expect(run.stderr.includes('internal error')).toBe(false);
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

describe('quantrad qct calibrate', () => {
  it('fits the rods typed in against a phantom file', async () => {
    const phantomPath = join(folder, 'phantom.json');
    writeFileSync(
      phantomPath,
      JSON.stringify({ name: 'test phantom', material: 'K2HPO4', rodsMgCm3: [0, 100, 200] }),
    );
    const out = parsed(
      await runCli(['qct', 'calibrate', '--phantom', phantomPath, '--rods-hu', '5,125,245']),
    ) as SpineJson['calibration'];
    expect(out.slopeHuPerMgCm3).toBeCloseTo(1.2, 6);
    expect(out.interceptHu).toBeCloseTo(5, 6);
    expect(out.r2).toBeCloseTo(1, 9);
    expect(out.method).toBe('simultaneous');
  });

  it('measures the rods of a regions file on the CT', async () => {
    const out = parsed(
      await runCli(['qct', 'calibrate', '--material', 'K2HPO4', ctPath, '--rois', regionsPath]),
    ) as SpineJson['calibration'];
    expect(out.slopeHuPerMgCm3).toBeCloseTo(1.2, 6);
    expect(out.interceptHu).toBeCloseTo(5, 6);
  });

  it('refuses a calibration whose rods do not lie on a line, saying why', async () => {
    const phantomPath = join(folder, 'phantom-5.json');
    writeFileSync(
      phantomPath,
      JSON.stringify({ name: 'five rods', material: 'K2HPO4', rodsMgCm3: [0, 50, 100, 150, 200] }),
    );
    // The middle rod reads 60 HU above the line through the others.
    const run = await runCli(['qct', 'calibrate', '--phantom', phantomPath, '--rods-hu', '5,65,185,185,245']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/calibration refused: .+/);
  });

  it('names the option when a rod value is not a number', async () => {
    const run = await runCli([
      'qct',
      'calibrate',
      '--phantom',
      join(folder, 'phantom.json'),
      '--rods-hu',
      '5,x,245',
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--rods-hu: item 2 ("x") is not a number');
  });
});

describe('asynchronous calibrations stored per scanner, kVp and kernel', () => {
  it('stores stable calibrations, refuses one that moved more than 1%, and the spine uses the latest before the exam', async () => {
    const phantomPath = join(folder, 'async-phantom.json');
    writeFileSync(
      phantomPath,
      JSON.stringify({ name: 'test phantom', material: 'K2HPO4', rodsMgCm3: [0, 100, 200] }),
    );
    const store = join(folder, 'ct1-calibrations.json');
    const calibrate = (rodsHu: string, date: string) =>
      runCli([
        'qct',
        'calibrate',
        '--phantom',
        phantomPath,
        '--rods-hu',
        rodsHu,
        '--method',
        'asynchronous',
        '--scanner',
        'CT1',
        '--kvp',
        '120',
        '--kernel',
        'B30f',
        '--date',
        date,
        '--store',
        store,
      ]);
    parsed(await calibrate('5,125,245', '2026-11-01'));
    // Rods 5, 125.5, 246 HU: slope (246 − 5) / 200 = 1.205, intercept 125.5 − 120.5 = 5.0. At 100 mg/cm³ it
    // reads 125.5 HU, which the first line (1.2, 5) turns into 100.42 mg/cm³: +0.42%, within 1%.
    const second = parsed(await calibrate('5,125.5,246', '2026-11-15')) as {
      stability: { stable: boolean; changePercent: number };
    };
    expect(second.stability.stable).toBe(true);
    expect(second.stability.changePercent).toBeCloseTo(0.42, 2);
    // Rods 5, 130, 255 HU: slope 1.25; 130 HU at 100 mg/cm³ reads (130 − 5) / 1.2025 = 103.95 mg/cm³ through the
    // mean of the earlier lines: +3.95%, so it is not stored.
    const third = await calibrate('5,130,255', '2026-11-22');
    expect(third.status).toBe(2);
    expect(third.stderr).toContain('not stored');
    const kept = JSON.parse(readFileSync(store, 'utf8')) as { date: string }[];
    expect(kept.map((c) => c.date)).toEqual(['2026-11-01', '2026-11-15']);

    // The exam on 20 November uses the 15 November line: L1 (125 − 5) / 1.205 = 99.59, L2 84 / 1.205 = 69.71,
    // mean 84.65 mg/cm³.
    const spine = parsed(
      await runCli([
        'qct',
        'spine',
        ctPath,
        '--rois',
        regionsPath,
        '--calibration',
        store,
        '--scanner',
        'CT1',
        '--kvp',
        '120',
        '--kernel',
        'B30f',
        '--date',
        '2026-11-20',
      ]),
    ) as SpineJson;
    expect(spine.vertebrae.slice(0, 2).map((v) => v.bmdMgCm3)).toEqual([99.6, 69.7]);
    expect(spine.meanBmdMgCm3).toBeCloseTo(84.6, 1);
    expect(spine.calibration.method).toBe('asynchronous');
    const wrongKernel = await runCli([
      'qct',
      'spine',
      ctPath,
      '--rois',
      regionsPath,
      '--calibration',
      store,
      '--scanner',
      'CT1',
      '--kvp',
      '120',
      '--kernel',
      'B60f',
      '--date',
      '2026-11-20',
    ]);
    expect(wrongKernel.status).toBe(2);
    expect(wrongKernel.stderr).toContain('kernel');
  });
});

describe('quantrad qct spine', () => {
  it('gives each vertebra its vBMD, the L1–L2 mean and the ACR category from the in-scan rods', async () => {
    const out = parsed(
      await runCli(['qct', 'spine', '--material', 'K2HPO4', ctPath, '--rois', regionsPath]),
    ) as SpineJson;
    expect(out.vertebrae.map((v) => [v.label, v.meanHu, v.bmdMgCm3])).toEqual([
      ['L1', 125, 100],
      ['L2', 89, 70],
      ['L3', 113, 90],
    ]);
    expect(out.usedLabels).toEqual(['L1', 'L2']);
    expect(out.meanBmdMgCm3).toBe(85);
    expect(out.category).toBe('low_bone_density');
    expect(out.calibration.method).toBe('simultaneous');
  });

  it('uses a calibration file written by qct calibrate, for a scan at its kVp only', async () => {
    const calibration = await runCli([
      'qct',
      'calibrate',
      '--material',
      'K2HPO4',
      ctPath,
      '--rois',
      regionsPath,
      '--kvp',
      '120',
    ]);
    const calibrationPath = join(folder, 'calibration.json');
    writeFileSync(calibrationPath, calibration.stdout);
    const spine = (kvp: string[]) =>
      runCli(['qct', 'spine', ctPath, '--rois', regionsPath, '--calibration', calibrationPath, ...kvp]);
    const out = parsed(await spine(['--kvp', '120'])) as SpineJson;
    expect(out.meanBmdMgCm3).toBe(85);
    // The NIfTI carries no kVp: without --kvp the calibration's kVp cannot be checked, so it is refused.
    const unknown = await spine([]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("was made at 120 kVp and this scan's kVp is not known: give --kvp");
    const other = await spine(['--kvp', '100']);
    expect(other.status).toBe(2);
    expect(other.stderr).toContain('was made at 120 kVp but this scan is 100 kVp');
    // A calibration file that does not say its kVp is refused.
    const noKvp = await runCli(['qct', 'calibrate', '--material', 'K2HPO4', ctPath, '--rois', regionsPath]);
    const noKvpPath = join(folder, 'calibration-no-kvp.json');
    writeFileSync(noKvpPath, noKvp.stdout);
    const refused = await runCli([
      'qct',
      'spine',
      ctPath,
      '--rois',
      regionsPath,
      '--calibration',
      noKvpPath,
      '--kvp',
      '120',
    ]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('does not record the kVp it was made at');
  });

  it('places the trabecular ROI inside vertebral body labels, clear of the cortex and the basivertebral vein', async () => {
    const out = parsed(
      await runCli(['qct', 'spine', '--material', 'K2HPO4', ctPath, '--rois', maskRegionsPath]),
    ) as SpineJson;
    // Any cortex (400 HU) or vein (40 HU) voxel in an ROI would move its mean off the core's value.
    expect(out.vertebrae.map((v) => [v.label, v.meanHu, v.bmdMgCm3])).toEqual([
      ['L1', 125, 100],
      ['L2', 89, 70],
      ['L3', 113, 90],
    ]);
  });

  it('takes a bare vertebral-body mask with its labels named on the command line', async () => {
    const calibration = await runCli([
      'qct',
      'calibrate',
      ctPath,
      '--rois',
      regionsPath,
      '--material',
      'K2HPO4',
      '--kvp',
      '120',
    ]);
    const calibrationPath = join(folder, 'calibration-bare.json');
    writeFileSync(calibrationPath, calibration.stdout);
    const maskPath = join(folder, 'labels.nii.gz');
    const out = parsed(
      await runCli([
        'qct',
        'spine',
        ctPath,
        '--rois',
        maskPath,
        '--labels',
        'L1=1,L2=2,L3=3',
        '--calibration',
        calibrationPath,
        '--kvp',
        '120',
      ]),
    ) as SpineJson;
    expect(out.vertebrae.map((v) => [v.label, v.bmdMgCm3])).toEqual([
      ['L1', 100],
      ['L2', 70],
      ['L3', 90],
    ]);
    const badLabels = await runCli([
      'qct',
      'spine',
      ctPath,
      '--rois',
      maskPath,
      '--labels',
      'L1:1',
      '--calibration',
      calibrationPath,
      '--kvp',
      '120',
    ]);
    expect(badLabels.status).toBe(2);
    expect(badLabels.stderr).toContain('--labels: "L1:1" is not NAME=LABEL');
  });

  it('gives the same results from the CT written as a DICOM series', async () => {
    const fromNifti = parsed(
      await runCli(['qct', 'spine', '--material', 'K2HPO4', ctPath, '--rois', regionsPath]),
    ) as SpineJson;
    const fromDicom = parsed(
      await runCli(['qct', 'spine', '--material', 'K2HPO4', dicomFolder, '--rois', regionsPath]),
    ) as SpineJson;
    expect(fromDicom.vertebrae).toEqual(fromNifti.vertebrae);
    expect(fromDicom.meanBmdMgCm3).toBe(fromNifti.meanBmdMgCm3);
    expect(fromDicom.calibration.slopeHuPerMgCm3).toBeCloseTo(fromNifti.calibration.slopeHuPerMgCm3, 9);
  });

  it('excludes a fractured vertebra and says which vertebrae it averaged', async () => {
    const regions = spineRegions() as { ellipses: Record<string, unknown>[] };
    const fractured = regions.ellipses.map((e) => (e['name'] === 'L2' ? { ...e, fractured: true } : e));
    const path = join(folder, 'fractured.json');
    writeFileSync(path, JSON.stringify({ ellipses: fractured }));
    const out = parsed(
      await runCli(['qct', 'spine', '--material', 'K2HPO4', ctPath, '--rois', path]),
    ) as SpineJson;
    expect(out.vertebrae.find((v) => v.label === 'L2')?.excluded).toBe(true);
    expect(out.usedLabels).toEqual(['L1', 'L3']);
    // (100 + 90) / 2 = 95 mg/cm³
    expect(out.meanBmdMgCm3).toBe(95);
  });

  it('refuses a malformed DICOM file, naming it', async () => {
    const broken = join(folder, 'broken-dicom');
    await writeDicomSeries(spinePhantom().ct, broken, { rescaleSlope: 1, rescaleIntercept: -1024 });
    const victim = join(broken, readdirSync(broken).sort()[3] ?? '');
    truncateSync(victim, Math.floor(statSync(victim).size / 2));
    const run = await runCli(['qct', 'spine', '--material', 'K2HPO4', broken, '--rois', regionsPath]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(victim);
    expect(run.stderr).not.toContain('internal error');
  });
});

describe('quantrad qct muscle', () => {
  let slabPath: string;
  let musclePath: string;
  let compartmentPath: string;
  beforeAll(async () => {
    const slab = muscleSlab();
    slabPath = join(folder, 'l3.nii.gz');
    musclePath = join(folder, 'muscle.nii.gz');
    compartmentPath = join(folder, 'compartment.nii.gz');
    await writeNiftiFile(slabPath, slab.ct);
    await writeNiftiFile(musclePath, slab.muscle);
    await writeNiftiFile(compartmentPath, slab.compartment);
  });

  interface MuscleJson {
    muscleAreaCm2: number;
    smiCm2M2: number;
    meanMuscleHu: number;
    sarcopenia: boolean;
    myosteatosis: boolean;
    intermuscularFatCm2?: number;
  }

  it('measures area, SMI and attenuation from a muscle mask', async () => {
    const out = parsed(
      await runCli([
        'qct',
        'muscle',
        slabPath,
        '--mask',
        musclePath,
        '--height-cm',
        '165',
        '--weight-kg',
        '60',
        '--sex',
        'female',
      ]),
    ) as MuscleJson;
    // 4900 px × 0.0225 cm² = 110.25 cm²; SMI = 110.25 / 1.65² = 40.50 cm²/m² (< 41 for women: sarcopenia,
    // Martin 2013); mean 45 HU with BMI 60 / 1.65² = 22.0 (< 25: cut-point 41 HU, so no myosteatosis).
    expect(out.muscleAreaCm2).toBeCloseTo(110.3, 1);
    expect(out.smiCm2M2).toBe(40.5);
    expect(out.meanMuscleHu).toBe(45);
    expect(out.sarcopenia).toBe(true);
    expect(out.myosteatosis).toBe(false);
  });

  it('takes muscle as −29 to +150 HU inside a compartment and measures the fat within it', async () => {
    const out = parsed(
      await runCli([
        'qct',
        'muscle',
        slabPath,
        '--mask',
        compartmentPath,
        '--threshold',
        '--height-cm',
        '165',
        '--weight-kg',
        '60',
        '--sex',
        'male',
      ]),
    ) as MuscleJson;
    expect(out.muscleAreaCm2).toBeCloseTo(110.3, 1);
    // 700 px × 0.0225 cm² = 15.75 cm²
    expect(out.intermuscularFatCm2).toBeCloseTo(15.8, 1);
    // A man with BMI < 25: SMI 40.5 < 43 (Martin 2013) is sarcopenic too.
    expect(out.sarcopenia).toBe(true);
  });

  it('names the option when height is given in metres', async () => {
    const run = await runCli([
      'qct',
      'muscle',
      slabPath,
      '--mask',
      musclePath,
      '--height-cm',
      '1.65',
      '--weight-kg',
      '60',
      '--sex',
      'female',
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--height-cm');
  });
});

describe('quantrad qct qc', () => {
  it('flags a phantom measurement more than 1% from the baseline', async () => {
    const csv = join(folder, 'qc.csv');
    // Baseline 150.0: 151.4 is +0.93% (within), 152.0 is +1.33% (flagged), 148.4 is −1.07% (flagged).
    writeFileSync(
      csv,
      'date,value\n2026-11-02,150.2\n2026-11-09,151.4\n2026-11-16,152.0\n2026-11-23,148.4\n',
    );
    const run = await runCli(['qct', 'qc', csv, '--baseline', '150']);
    expect(run.status, run.stderr).toBe(0);
    const text = run.stdout;
    const out = JSON.parse(text) as unknown;
    const flaggedDates = JSON.stringify(out)
      .match(/"date":"2026-11-\d\d"[^}]*"flagged":true/g)
      ?.map((m) => m.slice(8, 18));
    expect(flaggedDates).toEqual(['2026-11-16', '2026-11-23']);
  });
});
