import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDicomSeries, writeNiftiFile } from '@quantrad/imaging';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.ts';
import { spinePhantom, spineRegions } from '../../src/commands/qct/digital-qct-phantom.ts';

// Paths a second reader found where a wrong or unfounded number could still reach the output, or bad
// input gave an internal error: each is closed here.

let folder: string;
let ctPath: string;
let regionsPath: string;
let dicom80: string;
let dicom120: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'quantrad-qct-review-'));
  const ct = spinePhantom().ct;
  ctPath = join(folder, 'ct.nii.gz');
  await writeNiftiFile(ctPath, ct);
  regionsPath = join(folder, 'regions.json');
  writeFileSync(regionsPath, JSON.stringify(spineRegions()));
  dicom80 = join(folder, 'd80');
  await writeDicomSeries(ct, dicom80, {
    acquisition: { kvp: 80, convolutionKernel: 'B30f', studyDate: '2026-11-20' },
  });
  dicom120 = join(folder, 'd120');
  await writeDicomSeries(ct, dicom120, {
    acquisition: { kvp: 120, convolutionKernel: 'B30f', studyDate: '2026-11-20' },
  });
});

const write = (name: string, value: unknown): string => {
  const path = join(folder, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};

describe('calibration files carry the phantom scan\u2019s kVp without --scanner', () => {
  it('refuses an 80 kVp calibration for a 120 kVp scan', async () => {
    const made = await runCli(['qct', 'calibrate', dicom80, '--rois', regionsPath, '--material', 'K2HPO4']);
    expect(made.status, made.stderr).toBe(0);
    expect(JSON.parse(made.stdout)).toMatchObject({
      acquisition: { kvp: 80, kernel: 'B30f', date: '2026-11-20' },
    });
    const path = write('c80.json', made.stdout);
    const run = await runCli(['qct', 'spine', dicom120, '--rois', regionsPath, '--calibration', path]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('was made at 80 kVp but this scan is 120 kVp');
  });

  it('refuses a calibration dated after the scan', async () => {
    const made = await runCli([
      'qct',
      'calibrate',
      '--phantom',
      write('p.json', { name: 'p', material: 'K2HPO4', rodsMgCm3: [0, 100, 200] }),
      '--rods-hu',
      '5,125,245',
      '--kvp',
      '120',
      '--date',
      '2030-01-01',
    ]);
    const path = write('future.json', made.stdout);
    const run = await runCli(['qct', 'spine', dicom120, '--rois', regionsPath, '--calibration', path]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is dated 2030-01-01, after this scan (2026-11-20)');
  });

  it('refuses certificate values given beside a phantom file', async () => {
    const run = await runCli([
      'qct',
      'calibrate',
      '--phantom',
      write('p2.json', { name: 'p', material: 'K2HPO4', rodsMgCm3: [0, 100, 200] }),
      '--certificate',
      '0,50,100',
      '--rods-hu',
      '5,125,245',
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--certificate:');
  });
});

describe('what phantomless BMD on the provisional table does not give', () => {
  it('gives no category through the patient\u2019s classification and no serial change', async () => {
    const prior = write('prior.json', {
      date: '2025-11-20',
      meanBmdMgCm3: 95,
      scanner: { id: 'CT1', manufacturer: 'Siemens' },
    });
    const run = await runCli([
      'qct',
      'spine',
      ctPath,
      '--rois',
      regionsPath,
      '--phantomless',
      '--sex',
      'female',
      '--age',
      '70',
      '--menopause',
      'post',
      '--prior',
      prior,
      '--scanner',
      'CT1',
      '--manufacturer',
      'Siemens',
      '--date',
      '2026-11-20',
    ]);
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as {
      category: null;
      classification: { category: null; statement: string };
      serialChange: { withheld: string };
    };
    expect(out.category).toBeNull();
    expect(out.classification.category).toBeNull();
    expect(out.classification.statement).toMatch(/provisional/);
    expect(out.serialChange.withheld).toMatch(/no serial comparison/);
  });

  it('does not compare with a prior of another calibration material', async () => {
    const prior = write('prior-caha.json', {
      date: '2025-11-20',
      meanBmdMgCm3: 95,
      material: 'CaHA',
      scanner: { id: 'CT1', manufacturer: 'Siemens' },
    });
    const run = await runCli([
      'qct',
      'spine',
      ctPath,
      '--rois',
      regionsPath,
      '--material',
      'K2HPO4',
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
    expect(run.status, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { serialChange: unknown }).serialChange).toMatchObject({
      comparability: 'not_comparable',
      significant: null,
    });
  });
});

describe('bad input is named, not an internal error', () => {
  it('names a vertebra pair that does not exist', async () => {
    const run = await runCli([
      'qct',
      'spine',
      ctPath,
      '--rois',
      regionsPath,
      '--material',
      'K2HPO4',
      '--pair',
      'L1,L9',
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^quantrad: --pair: /);
  });

  it('counts blank lines when it names a CSV line, and gives no CV for a 0 mg/cm³ insert', async () => {
    const csv = write('qc.csv', 'date,rod,value\n\n2026-11-02,water,0.1\n\n2026-11-0X,water,0.2\n');
    const bad = await runCli(['qct', 'qc', csv, '--baseline', 'water=0']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('line 5: date');
    const good = write('qc-good.csv', 'date,rod,value\n2026-11-02,water,0.1\n2026-11-09,water,-0.2\n');
    const run = await runCli(['qct', 'qc', good, '--baseline', 'water=0']);
    expect(run.status, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { rods: { cvPercent: null }[] }).rods[0]?.cvPercent).toBeNull();
  });

  it('refuses a kVp written in hexadecimal', async () => {
    const run = await runCli([
      'qct',
      'spine',
      ctPath,
      '--rois',
      regionsPath,
      '--material',
      'K2HPO4',
      '--kvp',
      '0x78',
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--kvp: must be a whole number');
  });
});
