import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readNiftiFile } from '@quantrad/imaging';
import {
  colourAt,
  makeDigitalPhantom,
  mapMontagePng,
  niceTicks,
  runPerfusion,
  viridis,
  writePerfusionOutputs,
  type PerfusionRun,
} from '../src/index.ts';

let run: PerfusionRun;
let folder: string;
let written: string[];

beforeAll(async () => {
  const phantom = makeDigitalPhantom({ noiseHu: 2, residue: 'exp', frameCount: 30 });
  run = await runPerfusion(phantom.ct, { skipMotion: true });
  folder = mkdtempSync(join(tmpdir(), 'quantrad-perfusion-'));
  written = await writePerfusionOutputs(run, folder);
});

/** The NIfTI-1 header's descrip field (80 bytes at offset 148). */
function description(path: string): string {
  const header = gunzipSync(readFileSync(path)).subarray(148, 228);
  return new TextDecoder().decode(header.subarray(0, header.indexOf(0)));
}

describe('writePerfusionOutputs', () => {
  it('writes the five maps as float32 NIfTI on the input grid, units in the description', async () => {
    const units = { cbf: 'mL/100 g/min', cbv: 'mL/100 g', mtt: 's', ttp: 's', tmax: 's' } as const;
    for (const name of ['cbf', 'cbv', 'mtt', 'ttp', 'tmax'] as const) {
      const path = join(folder, `${name}.nii.gz`);
      expect(written).toContain(path);
      const map = await readNiftiFile(path);
      expect(map.dims).toEqual(run.maps[name].dims);
      expect(map.frames).toBe(1);
      expect(map.data).toBeInstanceOf(Float32Array);
      expect(Array.from(map.data)).toEqual(Array.from(run.maps[name].data));
      expect(description(path)).toBe(
        `quantrad ${name === 'tmax' ? 'Tmax' : name.toUpperCase()} ${units[name]} (osvd)`,
      );
    }
  });

  it('draws a montage per map and the AIF/VOF plot as PNGs of the stated size', () => {
    const montage = mapMontagePng(run.maps.cbf, {
      title: 'CBF',
      units: 'mL/100 g/min',
      mask: run.masks.tissue.data,
    });
    const png = PNG.sync.read(readFileSync(join(folder, 'cbf.png')));
    expect([png.width, png.height]).toEqual([montage.width, montage.height]);
    // 5 slices of 68 × 74 voxels: 3 columns, each voxel drawn 3 × 3 (ceil(200 / 74) = 3).
    expect(montage.columns).toBe(3);
    expect(montage.scale).toBe(3);
    expect(montage.rangeMax).toBeGreaterThan(0);
    for (const name of ['cbv', 'mtt', 'ttp', 'tmax']) {
      expect(PNG.sync.read(readFileSync(join(folder, `${name}.png`))).width).toBeGreaterThan(600);
    }
    const plot = PNG.sync.read(readFileSync(join(folder, 'aif-vof.png')));
    expect([plot.width, plot.height]).toEqual([720, 420]);
  });

  it('writes summary.json with curves, positions, constants, method, timings and the lead’s slots', () => {
    const summary = JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8')) as {
      method: string;
      methodSource: string;
      constants: { haematocritFactor: number; source: string };
      aif: {
        positionVoxel: number[];
        curve: { timesS: number[]; deltaHu: number[]; correctedDeltaHu: number[] };
      };
      vof: { positionVoxel: number[]; curve: { timesS: number[]; deltaHu: number[] } };
      maps: Record<string, { file: string; units: string }>;
      timingsMs: Record<string, number>;
      warnings: string[];
      lesions: unknown;
      quality: unknown;
    };
    expect(summary.method).toBe('osvd');
    expect(summary.methodSource).toMatch(/Wu O/);
    expect(summary.constants.haematocritFactor).toBe(0.73);
    expect(summary.constants.source).toMatch(/Rempp/);
    expect(summary.aif.positionVoxel).toHaveLength(3);
    expect(summary.aif.curve.timesS).toHaveLength(30);
    expect(summary.aif.curve.deltaHu).toHaveLength(30);
    expect(summary.aif.curve.correctedDeltaHu).toHaveLength(30);
    expect(summary.vof.curve.deltaHu).toHaveLength(30);
    expect(summary.maps['cbf']).toMatchObject({ file: 'cbf.nii.gz', units: 'mL/100 g/min' });
    expect(Object.keys(summary.timingsMs)).toContain('maps');
    expect(summary.lesions).toMatchObject({
      files: { core: 'core.nii.gz', hypoperfusion: 'hypoperfusion.nii.gz' },
    });
    expect(Array.isArray(summary.quality)).toBe(true);
  });
});

describe('figure helpers', () => {
  it('picks round ticks', () => {
    // 39 s / 6 ≈ 6.5 s → the next round step 10 s.
    expect(niceTicks(0, 39)).toEqual([0, 10, 20, 30]);
    // 400 HU / 6 ≈ 67 → 100.
    expect(niceTicks(-5, 400)).toEqual([0, 100, 200, 300, 400]);
  });

  it('interpolates viridis between its 9 anchors', () => {
    expect(colourAt(viridis, 0)).toEqual([68, 1, 84]);
    expect(colourAt(viridis, 1)).toEqual([253, 231, 37]);
    expect(colourAt(viridis, 0.5)).toEqual([33, 145, 140]);
    // 1/16 is halfway between anchors 0 (68, 1, 84) and 1 (71, 45, 123): 69.5, 23, 103.5 rounded.
    expect(colourAt(viridis, 1 / 16)).toEqual([70, 23, 104]);
    expect(colourAt(viridis, 2)).toEqual([253, 231, 37]);
  });
});
