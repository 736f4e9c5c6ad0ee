import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVolume, readNiftiFile, writeNiftiFile } from '@quantrad/imaging';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.ts';

let fine: string;
let folder: string;

// The phantom written again with 0.5 mm pixels: σ 2.5 mm gives the map grid stride 2 (2.5 / (2.5 · 0.5)).
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'quantrad-ctp-grid-'));
  const run = await runCli(['perfusion', 'phantom', '--out', folder, '--frames', '30']);
  expect(run.status, run.stderr).toBe(0);
  const ct = await readNiftiFile(join(folder, 'ct.nii.gz'));
  fine = join(folder, 'ct-fine.nii.gz');
  await writeNiftiFile(fine, createVolume({ ...ct, spacingMm: [0.5, 0.5, ct.spacingMm[2]] }));
});

interface MapGrid {
  stride: number[];
  computedVoxels: number;
  interpolatedVoxels: number;
}

describe('quantrad perfusion run: the map grid', () => {
  it('computes a sub-grid on fine pixels, and every voxel with --full-grid (summary.json and stdout say which)', async () => {
    const grids: MapGrid[] = [];
    for (const options of [[], ['--full-grid']]) {
      const out = join(folder, `maps${options.join('')}`);
      const run = await runCli(['perfusion', 'run', fine, '--out', out, '--no-motion', ...options]);
      expect(run.status, run.stderr).toBe(0);
      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
        mapGrid: MapGrid & { source: string };
      };
      expect((JSON.parse(run.stdout) as { mapGrid: MapGrid }).mapGrid).toEqual({
        stride: summary.mapGrid.stride,
        computedVoxels: summary.mapGrid.computedVoxels,
        interpolatedVoxels: summary.mapGrid.interpolatedVoxels,
      });
      expect(summary.mapGrid.source).toMatch(/every s-th column and row/);
      grids.push(summary.mapGrid);
    }
    const [sub, full] = grids;
    expect(sub?.stride).toEqual([2, 2]);
    expect(full?.stride).toEqual([1, 1]);
    expect(full?.interpolatedVoxels).toBe(0);
    // the same tissue, a quarter of it (and a few edge voxels) computed on the sub-grid.
    expect((sub?.computedVoxels ?? 0) + (sub?.interpolatedVoxels ?? 0)).toBe(full?.computedVoxels);
    expect((sub?.computedVoxels ?? 0) / (full?.computedVoxels ?? 1)).toBeLessThan(0.3);
  });
});
