import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readNiftiFile } from '@quantrad/imaging';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.ts';

let folder: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'quantrad-ctp-'));
  const run = await runCli(['perfusion', 'phantom', '--out', folder, '--frames', '30', '--dicom']);
  expect(run.status, run.stderr).toBe(0);
});

describe('quantrad perfusion phantom', () => {
  it('writes the 4-D CT, truth maps, masks and truth.json', async () => {
    const ct = await readNiftiFile(join(folder, 'ct.nii.gz'));
    expect(ct.frames).toBe(30);
    expect(ct.frameTimesS?.[29]).toBeCloseTo(29, 6);
    const cbf = await readNiftiFile(join(folder, 'truth-cbf.nii.gz'));
    expect(cbf.dims).toEqual(ct.dims);
    for (const name of [
      'truth-cbv',
      'truth-mtt',
      'truth-tmax',
      'tissue-mask',
      'arterial-mask',
      'venous-mask',
    ]) {
      expect(existsSync(join(folder, `${name}.nii.gz`))).toBe(true);
    }
    const truth = JSON.parse(readFileSync(join(folder, 'truth.json'), 'utf8')) as { tiles: unknown[] };
    // 5 slices × 7 × 7 tiles (data/digital-phantom.json).
    expect(truth.tiles).toHaveLength(245);
  });
});

describe('quantrad perfusion run', () => {
  it('maps the phantom from its 4-D NIfTI', async () => {
    const out = join(folder, 'maps-nifti');
    const run = await runCli(['perfusion', 'run', join(folder, 'ct.nii.gz'), '--out', out, '--no-motion']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('maps');
    const cbf = await readNiftiFile(join(out, 'cbf.nii.gz'));
    expect(cbf.dims).toEqual([68, 74, 5]);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
      method: string;
      modelFit: {
        enabled: boolean;
        voxels: number;
        fallbackVoxels: { total: number };
        fallbackFraction: number;
      };
      lesions: { tmaxUsed: string; tmaxMap: string };
    };
    expect(summary.method).toBe('osvd');
    expect(summary.modelFit.enabled).toBe(true);
    // The model fit is tried on every tissue voxel (the phantom's 1 mm pixels: the full grid), and none falls
    // back: the noise-free phantom's true delays (0 to 3 s) and MTTs (3.4 to 24 s, truth.json) lie well inside the
    // fit's grid (delay -3 to 15 s, MTT 0.5 to 40 s, data/deconvolution-defaults.json modelFit).
    const truth = JSON.parse(readFileSync(join(folder, 'truth.json'), 'utf8')) as {
      tiles: { delayS: number; mttS: number }[];
    };
    expect(truth.tiles.every((t) => t.delayS >= 0 && t.delayS <= 3 && t.mttS >= 3 && t.mttS <= 24)).toBe(
      true,
    );
    const tissueMask = await readNiftiFile(join(folder, 'tissue-mask.nii.gz'));
    let tissueVoxels = 0;
    for (const m of tissueMask.data) if (m > 0) tissueVoxels++;
    expect(tissueVoxels).toBe(5 * 56 * 56);
    expect(summary.modelFit.voxels).toBe(tissueVoxels);
    expect(summary.modelFit.fallbackVoxels.total).toBe(0);
    expect(summary.modelFit.fallbackFraction).toBe(0);
    // stdout carries the same counts, in tissue voxels.
    const printed = JSON.parse(run.stdout) as { modelFitFallbackVoxels: Record<string, number> };
    expect(printed.modelFitFallbackVoxels).toEqual({
      voxels: tissueVoxels,
      delayEdge: 0,
      mttEdge: 0,
      noPositiveCorrelation: 0,
      nonFinite: 0,
    });
    // the default Tmax of the lesion volumes is the fitted delay, in tmax.nii.gz.
    expect(summary.lesions.tmaxUsed).toBe('fitted-delay');
    expect(summary.lesions.tmaxMap).toBe('tmax.nii.gz');
    expect(existsSync(join(out, 'tmax-residue-peak.nii.gz'))).toBe(true);
    expect(existsSync(join(out, 'aif-vof.png'))).toBe(true);
  });

  it('counts the hypoperfusion on the residue-peak Tmax with --tmax-definition residue-peak', async () => {
    const out = join(folder, 'maps-residue-peak');
    const run = await runCli([
      'perfusion',
      'run',
      join(folder, 'ct.nii.gz'),
      '--out',
      out,
      '--no-motion',
      '--tmax-definition',
      'residue-peak',
    ]);
    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
      lesions: { tmaxUsed: string; tmaxMap: string; tmaxDefinition: string };
    };
    expect(summary.lesions.tmaxUsed).toBe('residue-peak');
    expect(summary.lesions.tmaxMap).toBe('tmax-residue-peak.nii.gz');
    expect(summary.lesions.tmaxDefinition).toMatch(/maximum of the oSVD residue before the model fit/);
    const printed = JSON.parse(run.stdout) as { lesions: { tmaxDefinition: string } };
    expect(printed.lesions.tmaxDefinition).toBe('residue-peak');
    // the residue-peak map is later than the fitted delay in the tissue (1-2 s on the phantom).
    const delay = await readNiftiFile(join(out, 'tmax.nii.gz'));
    const peak = await readNiftiFile(join(out, 'tmax-residue-peak.nii.gz'));
    let later = 0;
    let tissue = 0;
    delay.data.forEach((d, v) => {
      if (d === 0) return;
      tissue++;
      if ((peak.data[v] ?? 0) > d + 0.5) later++;
    });
    expect(later).toBeGreaterThan(0.9 * tissue);
  });

  it('exits 2 naming --tmax-definition for a value that is not one of its choices', async () => {
    const bad = await runCli([
      'perfusion',
      'run',
      join(folder, 'ct.nii.gz'),
      '--out',
      join(folder, 'bad-tmax'),
      '--tmax-definition',
      'peak',
    ]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--tmax-definition.*'peak' is invalid.*fitted-delay, residue-peak/);
    expect(existsSync(join(folder, 'bad-tmax', 'summary.json'))).toBe(false);
  });

  it('maps the phantom from its dynamic DICOM series, with a chosen method and AIF', async () => {
    const out = join(folder, 'maps-dicom');
    const run = await runCli([
      'perfusion',
      'run',
      join(folder, 'dicom'),
      '--out',
      out,
      '--no-motion',
      '--method',
      'bsvd',
      '--aif',
      '7,65,2',
      '--no-model-fit',
    ]);
    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
      modelFit: { enabled: boolean; fallbackVoxels: { total: number } };
      lesions: { tmaxDefinition?: string };
    };
    expect(summary.modelFit.enabled).toBe(false);
    expect(summary.modelFit.fallbackVoxels.total).toBe(0);
    expect(summary.lesions.tmaxDefinition ?? '').toMatch(/no model fit/);
    const printed = JSON.parse(run.stdout) as {
      method: string;
      aif: { source: string };
      protocol: { frameCount: number };
    };
    expect(printed.method).toBe('bsvd');
    expect(printed.aif.source).toBe('given');
    expect(printed.protocol.frameCount).toBe(30);
    expect(existsSync(join(out, 'tmax.png'))).toBe(true);
  });

  it('exits 2 naming the problem for a missing input, a bad --aif, a 3-D NIfTI and wrong --times', async () => {
    const out = join(folder, 'bad');
    const missing = await runCli(['perfusion', 'run', join(folder, 'nope.nii.gz'), '--out', out]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nope.nii.gz: no such file or folder');
    const badAif = await runCli([
      'perfusion',
      'run',
      join(folder, 'ct.nii.gz'),
      '--out',
      out,
      '--aif',
      '1,2',
    ]);
    expect(badAif.status).toBe(2);
    expect(badAif.stderr).toContain('--aif: expected three whole voxel indices');
    const flat = await runCli(['perfusion', 'run', join(folder, 'truth-cbf.nii.gz'), '--out', out]);
    expect(flat.status).toBe(2);
    expect(flat.stderr).toContain('a 3-D volume');
    const times = join(folder, 'times.txt');
    writeFileSync(times, '0\n1\n2\n');
    const wrongTimes = await runCli([
      'perfusion',
      'run',
      join(folder, 'ct.nii.gz'),
      '--out',
      out,
      '--times',
      times,
    ]);
    expect(wrongTimes.status).toBe(2);
    expect(wrongTimes.stderr).toContain('--times');
    const outside = await runCli([
      'perfusion',
      'run',
      join(folder, 'ct.nii.gz'),
      '--out',
      out,
      '--no-motion',
      '--aif',
      '500,2,2',
    ]);
    expect(outside.status).toBe(2);
    expect(outside.stderr).toContain('--aif: index 0 is 500');
  });
});
