import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVolume, writeDicomSeries, writeNiftiFile } from '@quantrad/imaging';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.ts';
import { spinePhantom, spineRegions } from '../../src/commands/qct/digital-qct-phantom.ts';

// A calibration holds only for the scanner, tube voltage and kernel it was made on (ACR QCT IV.B.1.b; HU
// depend on kVp, IV.B.2): these tests give the spine phantom DICOM headers and check that the headers are
// read and that a calibration or an option that contradicts them is refused.

let folder: string;
let regionsPath: string;
let phantomPath: string;
let dicom80: string;
let dicom120: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'quantrad-qct-facts-'));
  regionsPath = join(folder, 'regions.json');
  writeFileSync(regionsPath, JSON.stringify(spineRegions()));
  phantomPath = join(folder, 'phantom.json');
  writeFileSync(
    phantomPath,
    JSON.stringify({ name: 'test phantom', material: 'K2HPO4', rodsMgCm3: [0, 100, 200] }),
  );
  const ct = spinePhantom().ct;
  dicom80 = join(folder, 'ct-80kvp');
  await writeDicomSeries(ct, dicom80, {
    acquisition: { kvp: 80, convolutionKernel: 'B30f', studyDate: '2026-11-20', manufacturer: 'Siemens' },
  });
  dicom120 = join(folder, 'ct-120kvp');
  await writeDicomSeries(ct, dicom120, {
    acquisition: { kvp: 120, convolutionKernel: 'B30f', studyDate: '2026-11-10', manufacturer: 'Siemens' },
  });
});

describe('scan facts from the DICOM headers', () => {
  it('refuses a calibration made at 120 kVp for a scan at 80 kVp', async () => {
    const calibration = await runCli([
      'qct',
      'calibrate',
      '--phantom',
      phantomPath,
      '--rods-hu',
      '5,125,245',
      '--scanner',
      'CT1',
      '--kvp',
      '120',
      '--kernel',
      'B30f',
    ]);
    expect(calibration.status, calibration.stderr).toBe(0);
    const path = join(folder, 'cal-120.json');
    writeFileSync(path, calibration.stdout);
    const run = await runCli([
      'qct',
      'spine',
      dicom80,
      '--rois',
      regionsPath,
      '--calibration',
      path,
      '--scanner',
      'CT1',
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('was made at 120 kVp but this scan is 80 kVp');
    // The same calibration on the 120 kVp scan is used.
    const ok = await runCli([
      'qct',
      'spine',
      dicom120,
      '--rois',
      regionsPath,
      '--calibration',
      path,
      '--scanner',
      'CT1',
    ]);
    expect(ok.status, ok.stderr).toBe(0);
  });

  it('refuses an option that contradicts the header, and a kVp that is not a number', async () => {
    const contradicts = await runCli([
      'qct',
      'spine',
      dicom80,
      '--rois',
      regionsPath,
      '--material',
      'K2HPO4',
      '--kvp',
      '120',
    ]);
    expect(contradicts.status).toBe(2);
    expect(contradicts.stderr).toContain('--kvp: 120 contradicts the DICOM header (KVP 80)');
    const notANumber = await runCli([
      'qct',
      'spine',
      dicom80,
      '--rois',
      regionsPath,
      '--material',
      'K2HPO4',
      '--kvp',
      'abc',
    ]);
    expect(notANumber.status).toBe(2);
    expect(notANumber.stderr).toContain('--kvp: must be a whole number');
  });

  it('files an asynchronous calibration under the phantom scan\u2019s own kVp, kernel and date', async () => {
    const store = join(folder, 'store.json');
    const run = await runCli([
      'qct',
      'calibrate',
      dicom120,
      '--rois',
      regionsPath,
      '--material',
      'K2HPO4',
      '--method',
      'asynchronous',
      '--scanner',
      'CT1',
      '--store',
      store,
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(readFileSync(store, 'utf8'))).toMatchObject([
      { scannerId: 'CT1', kvp: 120, kernel: 'B30f', date: '2026-11-10', slopeHuPerMgCm3: 1.2 },
    ]);
    // Typed in without a scan, the date must be given: the processing date is not the phantom scan's.
    const noDate = await runCli([
      'qct',
      'calibrate',
      '--phantom',
      phantomPath,
      '--rods-hu',
      '5,125,245',
      '--method',
      'asynchronous',
      '--scanner',
      'CT1',
      '--kvp',
      '120',
      '--kernel',
      'B30f',
      '--store',
      store,
    ]);
    expect(noDate.status).toBe(2);
    expect(noDate.stderr).toContain('give --date');
    expect(JSON.parse(readFileSync(store, 'utf8'))).toHaveLength(1);
  });

  it('does not screen a fractured L1 by its HU', async () => {
    const regions = spineRegions() as { ellipses: Record<string, unknown>[] };
    const path = join(folder, 'l1-fractured.json');
    writeFileSync(
      path,
      JSON.stringify({
        ellipses: regions.ellipses.map((e) => (e['name'] === 'L1' ? { ...e, fractured: true } : e)),
      }),
    );
    const run = await runCli(['qct', 'spine', dicom120, '--rois', path, '--material', 'K2HPO4']);
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as {
      opportunisticL1: { withheld?: string; band?: string };
      usedLabels: string[];
    };
    expect(out.opportunisticL1.withheld).toMatch(/fractured/);
    expect(out.opportunisticL1.band).toBeUndefined();
    expect(out.usedLabels).toEqual(['L2', 'L3']);
  });
});

describe('muscle over several slices, and QC input errors', () => {
  it('asks for the L3 slice when the muscle mask spans several', async () => {
    const dims = [8, 8, 3] as const;
    const ct = createVolume({ data: new Int16Array(8 * 8 * 3).fill(50), dims });
    const mask = createVolume({ data: new Uint8Array(8 * 8 * 3).fill(1), dims });
    await writeNiftiFile(join(folder, 'm-ct.nii.gz'), ct);
    await writeNiftiFile(join(folder, 'm-mask.nii.gz'), mask);
    const base = ['qct', 'muscle', join(folder, 'm-ct.nii.gz'), '--mask', join(folder, 'm-mask.nii.gz')];
    const body = ['--height-cm', '170', '--weight-kg', '70', '--sex', 'male'];
    const run = await runCli([...base, ...body]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      '--slice: the muscle region spans 3 slices (0–2); give the L3 slice to measure',
    );
    // 64 pixels of 1 × 1 mm = 0.64 cm² on slice 1.
    const one = await runCli([...base, ...body, '--slice', '1']);
    expect(one.status, one.stderr).toBe(0);
    expect((JSON.parse(one.stdout) as { muscleAreaCm2: number }).muscleAreaCm2).toBe(0.6);
  });

  it('accepts a water insert reading below zero and names QC problems for the person', async () => {
    const csv = join(folder, 'water.csv');
    writeFileSync(csv, 'date,rod,value\n2026-11-02,water,-0.3\n2026-11-09,water,0.2\n');
    const run = await runCli(['qct', 'qc', csv, '--baseline', 'water=0.1']);
    expect(run.status, run.stderr).toBe(0);
    const tooFew = await runCli(['qct', 'qc', csv]);
    expect(tooFew.status).toBe(2);
    expect(tooFew.stderr).toContain('fewer than the 10 needed');
    expect(tooFew.stderr).not.toContain('internal error');
  });
});
