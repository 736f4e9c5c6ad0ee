import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNiftiFile } from '@quantrad/imaging';
import {
  colourAt,
  makeDigitalPhantom,
  mapMontagePng,
  niceTicks,
  PerfusionWorkerPool,
  runPerfusion,
  viridis,
  writePerfusionOutputs,
  type PerfusionRun,
} from '../src/index.ts';

let run: PerfusionRun;
let folder: string;
let written: string[];
const phantom = makeDigitalPhantom({ noiseHu: 2, residue: 'exp', frameCount: 30 });

beforeAll(async () => {
  run = await runPerfusion(phantom.ct, { skipMotion: true });
  folder = mkdtempSync(join(tmpdir(), 'quantrad-perfusion-'));
  written = await writePerfusionOutputs(run, folder);
});

describe('writePerfusionOutputs when a montage worker fails', () => {
  it('rejects with the error, and no montage job is left an unhandled rejection while a NIfTI is written', async () => {
    const pool = await PerfusionWorkerPool.create({ workers: 1 });
    await pool.close(); // stands for a worker that dies while drawing: every montage job rejects
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      const out = mkdtempSync(join(tmpdir(), 'quantrad-perfusion-failing-pool-'));
      await expect(writePerfusionOutputs(run, out, { pool })).rejects.toThrow(/closed/);
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled.map(String)).toEqual([]);
  });
});

describe('writePerfusionOutputs with a worker pool', () => {
  let pool: PerfusionWorkerPool;
  beforeAll(async () => {
    pool = await PerfusionWorkerPool.create({ workers: 2 });
  });
  afterAll(async () => {
    await pool.close();
  });

  it('writes the same files, byte for byte, with the montages drawn in the workers', async () => {
    const pooled = mkdtempSync(join(tmpdir(), 'quantrad-perfusion-pool-'));
    const pooledWritten = await writePerfusionOutputs(run, pooled, { pool });
    // the same paths in the same order, each file identical (the montages, gzipped NIfTIs, summary, plot).
    expect(pooledWritten.map((path) => path.slice(pooled.length))).toEqual(
      written.map((path) => path.slice(folder.length)),
    );
    expect(readdirSync(pooled).sort()).toEqual(readdirSync(folder).sort());
    for (const name of readdirSync(folder)) {
      const expected = readFileSync(join(folder, name));
      expect(readFileSync(join(pooled, name)).equals(expected), name).toBe(true);
    }
    // the montages are there and are pictures (the comparison above could not pass on two empty folders): CBF,
    // CBV, MTT, TTP, the two Tmax maps and the AIF/VOF plot.
    expect(readdirSync(folder).filter((name) => name.endsWith('.png'))).toHaveLength(7);
    expect(PNG.sync.read(readFileSync(join(pooled, 'tmax.png'))).width).toBeGreaterThan(600);
  });
});

/** The NIfTI-1 header's descrip field (80 bytes at offset 148). */
function description(path: string): string {
  const header = gunzipSync(readFileSync(path)).subarray(148, 228);
  return new TextDecoder().decode(header.subarray(0, header.indexOf(0)));
}

describe('writePerfusionOutputs', () => {
  it('writes the maps as float32 NIfTI on the input grid, units in the description', async () => {
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

  it('names the lesion masks with the thresholds they were drawn with (data/lesion-thresholds.json: 30%, 6 s)', () => {
    expect(description(join(folder, 'core.nii.gz'))).toBe('quantrad ischaemic core (relative CBF < 30%)');
    expect(description(join(folder, 'hypoperfusion.nii.gz'))).toBe(
      'quantrad hypoperfusion (fitted-delay Tmax > 6 s)',
    );
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
    // each position is a voxel the curve was taken from (on the vessel, not the mean of voxels in two sinuses).
    const [nx, ny] = run.maps.cbf.dims;
    const linear = ([i, j, k]: number[]): number => (i ?? 0) + nx * ((j ?? 0) + ny * (k ?? 0));
    expect(Array.from(run.aif.voxels)).toContain(linear(summary.aif.positionVoxel));
    expect(Array.from(run.vof.voxels)).toContain(linear(summary.vof.positionVoxel));
    expect(summary.aif.curve.timesS).toHaveLength(30);
    expect(summary.aif.curve.deltaHu).toHaveLength(30);
    expect(summary.aif.curve.correctedDeltaHu).toHaveLength(30);
    expect(summary.vof.curve.deltaHu).toHaveLength(30);
    expect(summary.maps['cbf']).toMatchObject({ file: 'cbf.nii.gz', units: 'mL/100 g/min' });
    expect(Object.keys(summary.timingsMs)).toContain('maps');
    expect(summary.lesions).toMatchObject({
      files: { core: 'core.nii.gz', hypoperfusion: 'hypoperfusion.nii.gz' },
      // The reader is told which Tmax the 6 s threshold met, and that RAPID's reads later.
      tmaxDefinition: expect.stringMatching(/fitted[\s\S]*RAPID[\s\S]*1\.3 s later/) as unknown,
    });
    expect(Array.isArray(summary.quality)).toBe(true);
  });
});

/** The RGB of pixel (x, y) of a decoded PNG. */
function pixel(png: PNG, x: number, y: number): [number, number, number] {
  const at = 4 * (x + png.width * y);
  return [png.data[at] ?? -1, png.data[at + 1] ?? -1, png.data[at + 2] ?? -1];
}

/** The fraction 0–1 of viridis nearest a colour (to 0.001), and how far (RGB distance) it is. */
function viridisFraction(rgb: readonly number[]): { fraction: number; distance: number } {
  let best = { fraction: NaN, distance: Infinity };
  for (let n = 0; n <= 1000; n++) {
    const c = colourAt(viridis, n / 1000);
    const distance = Math.hypot(c[0] - (rgb[0] ?? 0), c[1] - (rgb[1] ?? 0), c[2] - (rgb[2] ?? 0));
    if (distance < best.distance) best = { fraction: n / 1000, distance };
  }
  return best;
}

describe('the figures, decoded', () => {
  // The montage's layout, worked out by hand for the phantom's 68 × 74 × 5 grid: each voxel drawn 3 × 3
  // (ceil(200 px / 74)), ceil(√5) = 3 slices across and 2 down, 2 px between slices: 3·204 + 2·2 = 616 px
  // by 2·222 + 2 = 446 px; 12 px margins; the title (7 px glyphs at ×2 plus 12 px) above; to the right a
  // 12 px gap, the 18 px colour bar, 6 px and the widest label, "mL/100 g/min" (12 glyphs × 6 px − 1 = 71).
  const SCALE = 3;
  const TILE_W = 68 * SCALE + 2;
  const TILE_H = 74 * SCALE + 2;
  const GRID_LEFT = 12;
  const GRID_TOP = 12 + 7 * 2 + 12;
  const BAR_X = 12 + 616 + 12;

  /** The pixel at the centre of voxel (i, j) of slice k in the montage. */
  const voxelPixel = (i: number, j: number, k: number): [number, number] => [
    GRID_LEFT + (k % 3) * TILE_W + i * SCALE + 1,
    GRID_TOP + Math.floor(k / 3) * TILE_H + j * SCALE + 1,
  ];

  it('draws the CBF montage at the size its layout gives, with a viridis colour bar from top to bottom', () => {
    const png = PNG.sync.read(readFileSync(join(folder, 'cbf.png')));
    expect(png.width).toBe(12 + 616 + 12 + 18 + 6 + 71 + 12);
    expect(png.height).toBe(GRID_TOP + 446 + 12);
    // The bar's middle column: coloured from the first to the last row of the bar, brightest at the top.
    const column = Array.from({ length: png.height }, (_, y) => pixel(png, BAR_X + 9, y));
    const coloured = column.map((c, y) => ({ c, y })).filter(({ c }) => c.some((v) => v > 0));
    const top = coloured[0];
    const bottom = coloured[coloured.length - 1];
    expect(top?.c).toEqual(colourAt(viridis, 1));
    expect(bottom?.c).toEqual(colourAt(viridis, 0));
    // 446 px of grid, less a glyph and 4 px above and below for the labels.
    expect((bottom?.y ?? 0) - (top?.y ?? 0) + 1).toBe(446 - 2 * (7 + 4));
    const fractions = coloured.map(({ c }) => viridisFraction(c));
    expect(Math.max(...fractions.map((f) => f.distance))).toBeLessThan(2);
    for (let n = 1; n < fractions.length; n++) {
      expect(fractions[n]?.fraction ?? NaN).toBeLessThanOrEqual(fractions[n - 1]?.fraction ?? NaN);
    }
  });

  it('colours the tile of highest true CBF from the top of viridis and voxels without a CBF black', () => {
    const png = PNG.sync.read(readFileSync(join(folder, 'cbf.png')));
    const [nx, ny] = run.maps.cbf.dims;
    // The phantom's highest CBF: CBV 5 mL/100 g (slice 4) × 17.5 /min = 87.5 mL/100 g/min, above the
    // 98th percentile of the map that tops the colour range.
    const highest = phantom.tiles.reduce((a, b) => (b.cbfMl100gMin > a.cbfMl100gMin ? b : a));
    expect(highest.cbfMl100gMin).toBe(87.5);
    const centre = highest.voxels[Math.floor(highest.voxels.length / 2)] ?? -1;
    const i = centre % nx;
    const j = Math.floor(centre / nx) % ny;
    const k = Math.floor(centre / (nx * ny));
    expect(k).toBe(4);
    const [x, y] = voxelPixel(i, j, k);
    const shade = viridisFraction(pixel(png, x, y));
    expect(shade.distance).toBeLessThan(2);
    expect(shade.fraction).toBeGreaterThan(0.9);
    // A voxel of the CSF margin just inside the skull (2 air + 2 skull voxels, then CSF): no CBF, black.
    const csf = 5 + nx * 40;
    expect(run.maps.cbf.data[csf]).toBe(0);
    const [cx, cy] = voxelPixel(5, 40, 0);
    expect(pixel(png, cx, cy)).toEqual([0, 0, 0]);
    // And a tile of the lowest CBF (2.5 mL/100 g/min, slice 0) is drawn from the bottom of the map.
    const lowest = phantom.tiles.reduce((a, b) => (b.cbfMl100gMin < a.cbfMl100gMin ? b : a));
    const low = lowest.voxels[Math.floor(lowest.voxels.length / 2)] ?? -1;
    const [lx, ly] = voxelPixel(low % nx, Math.floor(low / nx) % ny, Math.floor(low / (nx * ny)));
    expect(viridisFraction(pixel(png, lx, ly)).fraction).toBeLessThan(0.15);
  });

  it('plots the AIF with its peak at the x pixel of its time to peak', () => {
    const png = PNG.sync.read(readFileSync(join(folder, 'aif-vof.png')));
    // Plot area: 64 px left, 20 right, 48 top and bottom of 720 × 420; x runs over 0–29 s (the last frame
    // lies beyond the last round tick, 25 s), so t maps to 64 + 636 t / 29.
    const times = run.frameTimesS;
    expect(times[times.length - 1]).toBe(29);
    const corrected = Array.from(run.aif.correctedDeltaHu);
    const peakFrame = corrected.indexOf(Math.max(...corrected));
    const expectedX = 64 + (636 * (times[peakFrame] ?? NaN)) / 29;
    // The partial-volume-corrected AIF (orange) is the highest curve: its topmost pixel left of the legend
    // (which sits in the top right) is its peak, drawn with a 2 px pen.
    const orange = [240, 150, 40];
    let top = { x: -1, y: Infinity };
    for (let y = 48; y < 420 - 48; y++) {
      for (let x = 64; x < 480; x++) {
        if (pixel(png, x, y).every((v, c) => v === orange[c]) && y < top.y) top = { x, y };
      }
    }
    expect(Math.abs(top.x - expectedX)).toBeLessThanOrEqual(2);
    // The y axis ends at the highest value (the round ticks stop below it), so the peak is on the top edge
    // of the plot area, y = 48.
    expect(Math.abs(top.y - 48)).toBeLessThanOrEqual(1);
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
