import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { readNiftiFile, writeDicomSeries } from '@quantrad/imaging';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.ts';
import { muscleSlab, spinePhantom } from '../../src/commands/qct/digital-qct-phantom.ts';

let folder: string;
let dicom: string;
let spineSeriesUid: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'quantrad-ct-'));
  dicom = join(folder, 'dicom');
  // Two series in one folder: the 24-slice spine CT and the 3-slice L3 slab.
  spineSeriesUid = (
    await writeDicomSeries(spinePhantom().ct, join(dicom, 'spine'), { seriesDescription: 'spine QCT' })
  ).seriesUid;
  await writeDicomSeries(muscleSlab().ct, join(dicom, 'l3'), { seriesDescription: 'L3 slab' });
});

describe('quantrad ct', () => {
  it('lists the series of a DICOM folder', async () => {
    const run = await runCli(['ct', 'series', dicom]);
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as {
      series: { seriesDescription: string; frameCount: number; rows: number; columns: number }[];
    };
    expect(out.series.map((s) => [s.seriesDescription, s.frameCount, s.rows, s.columns]).sort()).toEqual([
      ['L3 slab', 3, 128, 128],
      ['spine QCT', 24, 100, 96],
    ]);
  });

  it('refuses to guess between two series, and converts the one chosen to NIfTI with identical voxels', async () => {
    const out = join(folder, 'spine.nii.gz');
    const guess = await runCli(['ct', 'convert', dicom, out]);
    expect(guess.status).toBe(2);
    expect(guess.stderr).toContain(spineSeriesUid);
    const run = await runCli(['ct', 'convert', dicom, out, '--series', spineSeriesUid]);
    expect(run.status, run.stderr).toBe(0);
    const written = await readNiftiFile(out);
    const truth = spinePhantom().ct;
    expect(written.dims).toEqual(truth.dims);
    expect(Array.from(written.data)).toEqual(Array.from(truth.data));
    expect(written.spacingMm[2]).toBeCloseTo(2, 6);
  });

  it('draws a slice under a window', async () => {
    const out = join(folder, 'slice.png');
    const run = await runCli([
      'ct',
      'slice',
      join(folder, 'spine.nii.gz'),
      '--slice',
      '3',
      '--window',
      '400,1800',
      '--out',
      out,
    ]);
    expect(run.status, run.stderr).toBe(0);
    const png = PNG.sync.read(readFileSync(out));
    expect([png.width, png.height]).toEqual([96, 100]);
    // Cortex at 400 HU is the window's centre: grey 127 or 128. Voxel (48 + 11, 56) is in the 400 HU shell.
    const grey = png.data[4 * (59 + png.width * 56)] ?? -1;
    expect(Math.abs(grey - 127.5)).toBeLessThanOrEqual(1);
  });

  it('names the option when the slice is outside the volume', async () => {
    const run = await runCli([
      'ct',
      'slice',
      join(folder, 'spine.nii.gz'),
      '--slice',
      '24',
      '--out',
      join(folder, 'x.png'),
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--slice: 24 is outside the volume (z runs 0 to 23)');
  });
});
