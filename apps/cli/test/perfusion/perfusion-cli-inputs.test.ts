import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVolume, readNiftiFile, writeDynamicCtSeries, writeNiftiFile } from '@quantrad/imaging';
import { makeDigitalPhantom, pearsonR } from '@quantrad/perfusion';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.ts';

// `quantrad perfusion run` on inputs that need a choice from the user: uneven frame times given with
// --times, a DICOM folder holding two series, and --times files that are wrong.

let folder: string;
/** The CBF map of the phantom at its acquired 1 s frames (the reference the uneven run is compared with). */
let evenCbf: Float32Array;
let tissue: Uint8Array;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'quantrad-ctp-inputs-'));
  const phantom = await runCli(['perfusion', 'phantom', '--out', folder, '--frames', '30', '--dicom']);
  expect(phantom.status, phantom.stderr).toBe(0);
  const out = join(folder, 'maps-even');
  const even = await runCli(['perfusion', 'run', join(folder, 'ct.nii.gz'), '--out', out, '--no-motion']);
  expect(even.status, even.stderr).toBe(0);
  evenCbf = (await readNiftiFile(join(out, 'cbf.nii.gz'))).data as Float32Array;
  tissue = (await readNiftiFile(join(folder, 'tissue-mask.nii.gz'))).data as Uint8Array;
}, 120_000);

/** Pearson r of two maps over the phantom's tiles. */
function rInTissue(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const x: number[] = [];
  const y: number[] = [];
  for (let v = 0; v < tissue.length; v++) {
    if (tissue[v] === 0) continue;
    x.push(a[v] ?? NaN);
    y.push(b[v] ?? NaN);
  }
  return pearsonR(x, y);
}

describe('quantrad perfusion run --times with uneven frame times', () => {
  it('resamples to a uniform grid, says so in summary.json, and maps the phantom as at its even times', async () => {
    // The phantom's 30 frames at 0, 1, …, 29 s, thinned to every frame up to 19 s and every other one
    // after (20, 22, …, 28 s): 25 frames at uneven times, as a two-phase CTP protocol acquires them.
    const ct = await readNiftiFile(join(folder, 'ct.nii.gz'));
    const kept = [...Array.from({ length: 20 }, (_, t) => t), 20, 22, 24, 26, 28];
    const perFrame = ct.dims[0] * ct.dims[1] * ct.dims[2];
    const data = new Float32Array(perFrame * kept.length);
    kept.forEach((t, n) => {
      data.set(ct.data.subarray(t * perFrame, (t + 1) * perFrame), n * perFrame);
    });
    const path = join(folder, 'uneven.nii.gz');
    await writeNiftiFile(
      path,
      createVolume({ data, dims: ct.dims, spacingMm: ct.spacingMm, frames: kept.length }),
    );
    const times = join(folder, 'uneven-times.txt');
    writeFileSync(times, `# seconds from the first frame\n${kept.join('\n')}\n`);
    const out = join(folder, 'maps-uneven');
    const run = await runCli(['perfusion', 'run', path, '--out', out, '--no-motion', '--times', times]);
    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
      frameTimesS: number[];
      grid: { dtS: number; resampled: boolean; samples: number };
      warnings: string[];
    };
    expect(summary.frameTimesS).toEqual(kept);
    expect(summary.grid.resampled).toBe(true);
    // The grid steps no more coarsely than the finest interval (1 s) and spans the 28 s acquisition.
    expect(summary.grid.dtS).toBeLessThanOrEqual(1);
    expect((summary.grid.samples - 1) * summary.grid.dtS).toBeCloseTo(28, 6);
    expect(summary.warnings.some((w) => /uneven/.test(w) && /resampled/.test(w))).toBe(true);
    const cbf = (await readNiftiFile(join(out, 'cbf.nii.gz'))).data;
    // The first pass (arrival 5 s, AIF peak 9.5 s) is sampled every second in both, so the maps agree
    // (measured r = 0.997 over the tiles' voxels).
    expect(rInTissue(cbf, evenCbf)).toBeGreaterThan(0.99);
  }, 60_000);
});

describe('quantrad perfusion run on a DICOM folder holding two series', () => {
  it('refuses without --series, listing the series, and runs the one chosen with --series', async () => {
    // A second dynamic series (another phantom, 20 frames) written into a subfolder of the phantom's
    // DICOM folder, which is read recursively.
    const other = makeDigitalPhantom({ frameCount: 20, seed: 9 });
    const otherUid = '1.2.826.0.1.3680043.10.543.7.20261130.2';
    await writeDynamicCtSeries(other.ct, join(folder, 'dicom', 'other'), {
      seriesUid: otherUid,
      seriesDescription: 'second series',
    });
    const out = join(folder, 'maps-two-series');
    const refused = await runCli(['perfusion', 'run', join(folder, 'dicom'), '--out', out, '--no-motion']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/holds 2 series; choose one by its SeriesInstanceUID/);
    expect(refused.stderr).toContain(otherUid);
    // The phantom's own series UID (the writer makes a fresh one) is listed too, with both descriptions.
    const uids = refused.stderr.match(/\b\d+(?:\.\d+)+\b/g) ?? [];
    const phantomUid = uids.find((uid) => uid !== otherUid);
    expect(phantomUid).toBeDefined();
    expect(refused.stderr).toContain('"quantrad digital perfusion phantom" (CT, 150 images');
    expect(refused.stderr).toContain('"second series" (CT, 100 images');

    const chosen = await runCli([
      'perfusion',
      'run',
      join(folder, 'dicom'),
      '--out',
      out,
      '--no-motion',
      '--series',
      otherUid,
    ]);
    expect(chosen.status, chosen.stderr).toBe(0);
    const printed = JSON.parse(chosen.stdout) as { protocol: { frameCount: number } };
    expect(printed.protocol.frameCount).toBe(20);

    const unknown = await runCli([
      'perfusion',
      'run',
      join(folder, 'dicom'),
      '--out',
      out,
      '--series',
      '1.2.3.4',
    ]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/no series 1\.2\.3\.4 here/);
  }, 120_000);
});

describe('quantrad perfusion run with a bad --times file', () => {
  const cases: [string, string, RegExp][] = [
    ['wrong count', '0\n1\n2\n', /--times: .*3 times but the volume has 30 frames/],
    [
      'non-numeric',
      `0\n1\nabc\n${Array.from({ length: 27 }, (_, t) => t + 3).join('\n')}\n`,
      /--times: .*line 3: "abc" is not a number of seconds/,
    ],
    [
      'decreasing',
      `0\n2\n1\n${Array.from({ length: 27 }, (_, t) => t + 3).join('\n')}\n`,
      /--times: .*line 3: 1 s is not after 2 s.*frame times must increase/,
    ],
  ];
  it.each(cases)('exits 2 naming the problem (%s)', async (name, text, message) => {
    const times = join(folder, `times-${name.replace(/\W/g, '-')}.txt`);
    writeFileSync(times, text);
    const run = await runCli([
      'perfusion',
      'run',
      join(folder, 'ct.nii.gz'),
      '--out',
      join(folder, 'bad'),
      '--times',
      times,
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
