import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { writeNiftiFile } from '@quantrad/imaging';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.ts';
import { spinePhantom, spineRegions } from '../../src/commands/qct/digital-qct-phantom.ts';

// More of `quantrad qct` on the synthetic spine CT of synthetic-ct.ts (trabecular cores at 125, 89 and 113
// HU; air −1000, fat −100, muscle 50 HU); expected values worked by hand in each test.

let folder: string;
let ctPath: string;
let regionsPath: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'quantrad-qct-more-'));
  ctPath = join(folder, 'ct.nii.gz');
  await writeNiftiFile(ctPath, spinePhantom().ct);
  regionsPath = join(folder, 'regions.json');
  writeFileSync(regionsPath, JSON.stringify(spineRegions()));
});

async function ok(args: string[]): Promise<Record<string, unknown>> {
  const run = await runCli(args);
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

describe('quantrad qct spine, other calibrations', () => {
  it('calibrates from the patient\u2019s own air, fat and muscle (phantomless)', async () => {
    // Least squares of HU (−1000, −100, 50) on the reference equivalents (−833, −83, 42 mg/cm³,
    // data/qct-internal-calibration.json): x̄ = −291.33, ȳ = −350, Sxy = 537500, Sxx = 447916.7, slope 1.2,
    // intercept −350 + 1.2 × 291.33 = −0.4. L1 (125 + 0.4) / 1.2 = 104.5; L2 (89 + 0.4) / 1.2 = 74.5;
    // mean 89.5 mg/cm³: low bone density.
    const out = await ok(['qct', 'spine', ctPath, '--rois', regionsPath, '--phantomless']);
    const calibration = out['calibration'] as {
      method: string;
      slopeHuPerMgCm3: number;
      interceptHu: number;
      notes: string[];
    };
    expect(calibration.method).toBe('phantomless');
    expect(calibration.slopeHuPerMgCm3).toBeCloseTo(1.2, 4);
    expect(calibration.interceptHu).toBeCloseTo(-0.4, 2);
    expect(calibration.notes.join(' ')).toMatch(/less precise/);
    expect(out['meanBmdMgCm3']).toBe(89.5);
    // The shipped tissue table is provisional: BMD, but no diagnostic category from it.
    expect(out['category']).toBeNull();
    expect(out['categoryWithheld']).toMatch(/provisional/);
  });

  it('gives a category from phantomless BMD with the service’s own tissue table', async () => {
    // A site table measured against a phantom: air −850, fat −90, muscle 40 mg/cm³ (status "site").
    // Least squares of HU (−1000, −100, 50) on x = (−850, −90, 40): x̄ = −300, ȳ = −350;
    // Sxy = (−550)(−650) + (210)(250) + (340)(400) = 357500 + 52500 + 136000 = 546000;
    // Sxx = 302500 + 44100 + 115600 = 462200; slope = 1.18130679; intercept = −350 + 300 × 1.18130679 = 4.39204.
    // L1 (125 − 4.39204) / 1.18130679 = 102.097; L2 (89 − 4.39204) / 1.18130679 = 71.622; mean 86.86 → 86.9.
    const table = join(folder, 'site-tissues.json');
    writeFileSync(
      table,
      JSON.stringify({
        status: 'site',
        source: 'test site: 20 scans calibrated with a Mindways phantom',
        material: 'K2HPO4',
        kvp: 120,
        tissues: {
          air: { equivalentMgCm3: -850 },
          fat: { equivalentMgCm3: -90 },
          muscle: { equivalentMgCm3: 40 },
        },
        precisionNote: 'site precision 2.1%',
      }),
    );
    const out = await ok([
      'qct',
      'spine',
      ctPath,
      '--rois',
      regionsPath,
      '--phantomless',
      '--tissue-reference',
      table,
    ]);
    expect(out['meanBmdMgCm3']).toBe(86.9);
    expect(out['category']).toBe('low_bone_density');
  });

  it('screens on L1 HU alone, with the kVp caveat and no category', async () => {
    const out = await ok(['qct', 'spine', ctPath, '--rois', regionsPath, '--hu-only']);
    // L1 reads 125 HU: above 110 and not above 160 HU (Pickhardt 2013), so neither band applies.
    const screen = out['opportunisticL1'] as { band: string; caveat: string };
    expect(screen.band).toBe('indeterminate');
    expect(screen.caveat).toMatch(/kVp/);
    expect(out['category']).toBeUndefined();
    expect(out['calibration']).toBeNull();
  });
});

describe('quantrad qct spine, who the patient is', () => {
  it('gives a premenopausal woman no mg/cm³ category until a Z-score is given', async () => {
    const base = [
      'qct',
      'spine',
      '--material',
      'K2HPO4',
      ctPath,
      '--rois',
      regionsPath,
      '--sex',
      'female',
      '--age',
      '45',
      '--menopause',
      'pre',
    ];
    const without = await ok(base);
    expect(without['category']).toBeNull();
    const withZ = await ok([...base, '--z-score', '-2.3']);
    // ACR QCT IV.D: Z-score −2.0 or lower is below the expected range for age.
    expect(withZ['category']).toBe('below_expected_range');
  });

  it('keeps the mg/cm³ category for a postmenopausal woman', async () => {
    const out = await ok([
      'qct',
      'spine',
      '--material',
      'K2HPO4',
      ctPath,
      '--rois',
      regionsPath,
      '--sex',
      'female',
      '--age',
      '67',
      '--menopause',
      'post',
    ]);
    expect(out['category']).toBe('low_bone_density');
  });
});

describe('quantrad qct spine, serial comparison and figures', () => {
  it('compares with a prior result on the same unit, judged with the scanner\u2019s precision', async () => {
    const prior = join(folder, 'prior.json');
    writeFileSync(
      prior,
      JSON.stringify({
        date: '2025-11-20',
        meanBmdMgCm3: 95,
        vertebrae: 'L1-L2',
        scanner: { id: 'CT1', manufacturer: 'Siemens' },
      }),
    );
    const out = await ok([
      'qct',
      'spine',
      '--material',
      'K2HPO4',
      ctPath,
      '--rois',
      regionsPath,
      '--prior',
      prior,
      '--scanner',
      'CT1',
      '--manufacturer',
      'Siemens',
      '--date',
      '2026-11-20',
      '--precision-cv',
      '1.5',
    ]);
    // 85 − 95 = −10 mg/cm³ = −10.53%; LSC 2.77 × 1.5% = 4.16%: significant.
    const change = out['serialChange'] as {
      comparability: string;
      change: number;
      changePercent: number;
      significant: boolean;
    };
    expect(change.comparability).toBe('same_unit');
    expect(change.change).toBeCloseTo(-10, 6);
    expect(change.changePercent).toBeCloseTo(-10.53, 2);
    expect(change.significant).toBe(true);
  });

  it('draws each vertebra\u2019s ROI over its middle slice', async () => {
    const figures = join(folder, 'figures');
    const out = await ok([
      'qct',
      'spine',
      '--material',
      'K2HPO4',
      ctPath,
      '--rois',
      regionsPath,
      '--figures',
      figures,
    ]);
    expect((out['figures'] as string[]).length).toBe(3);
    const l1 = readdirSync(figures).find((name) => name.startsWith('L1-'));
    const png = PNG.sync.read(readFileSync(join(figures, l1 ?? '')));
    const pixel = (x: number, y: number): number[] => [
      ...png.data.subarray(4 * (x + png.width * y), 4 * (x + png.width * y) + 3),
    ];
    // The L1 ROI's centre (48, 54) reads 125 HU: grey (125 + 500) / 1800 × 255 = 88.5 under the bone window,
    // blended with amber at 110/255: red ≈ 160, blue ≈ 50.
    const [red, , blue] = pixel(48, 54);
    expect(red).toBeGreaterThan(150);
    expect(blue).toBeLessThan(60);
    // Air outside the body is black and untouched.
    expect(pixel(2, 2)).toEqual([0, 0, 0]);
  });
});

describe('quantrad qct hip', () => {
  it('classifies CTXA hip T-scores by WHO and gives the femoral neck BMD for FRAX', async () => {
    const path = join(folder, 'ctxa.json');
    writeFileSync(
      path,
      JSON.stringify({
        patient: { sex: 'female', ageYears: 68, menopause: 'post' },
        sites: [
          { site: 'femoral_neck', side: 'left', bmdGcm2: 0.62, tScore: -2.6 },
          { site: 'total_hip', side: 'left', bmdGcm2: 0.78, tScore: -1.4 },
        ],
      }),
    );
    const out = await ok(['qct', 'hip', path]);
    // The lowest T-score, −2.6 at the femoral neck, is −2.5 or lower: osteoporosis (WHO 1994).
    expect(out['classification']).toMatchObject({
      category: 'osteoporosis',
      site: 'femoral_neck',
      score: -2.6,
    });
    expect(out['fraxFemoralNeckBmdGcm2']).toBe(0.62);
  });

  it('names the field when a BMD is in mg/cm²', async () => {
    const path = join(folder, 'ctxa-bad.json');
    writeFileSync(
      path,
      JSON.stringify({
        patient: { sex: 'female', ageYears: 68 },
        sites: [{ site: 'femoral_neck', bmdGcm2: 620 }],
      }),
    );
    const run = await runCli(['qct', 'hip', path]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('sites[0].bmdGcm2: must be at most 3 g/cm² (is it in mg/cm²?)');
  });
});
