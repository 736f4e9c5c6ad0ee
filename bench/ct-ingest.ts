// npm run bench: reading a 512 × 512 × 300 CT series from DICOM with readDicomSeries, against reading
// the same files' bytes raw (readFile of every file) in the same run (issue 7 target: ingest at least
// a third as fast as raw reading, ratio ≤ 3). The series is written once with dcmjs and kept in the
// system's temporary folder between runs.
import { access, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readDicomSeries, writeDicomSeries, type Volume } from '@quantrad/imaging';

const DIMS = [512, 512, 300] as const;
const RUNS = 5;
const TARGET_RATIO = 3;
const FILES_IN_FLIGHT = 8;
const folder = join(tmpdir(), 'quantrad-bench-ct-512x512x300-v1');

// A water cylinder (0 HU) in air (−1000 HU) with a bone-like core (300 HU) and some texture, so the
// stored values vary like a CT slice's.
function phantomHu(i: number, j: number, k: number): number {
  const [nx, ny] = DIMS;
  const r = Math.hypot(i - nx / 2, j - ny / 2);
  const base = r < 40 ? 300 : r < 220 ? 0 : -1000;
  return base + ((i * 31 + j * 17 + k * 7) % 41) - 20;
}

function phantom(): Volume<Int16Array> {
  const [nx, ny, nz] = DIMS;
  const data = new Int16Array(nx * ny * nz);
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) data[i + nx * (j + ny * k)] = phantomHu(i, j, k);
    }
  }
  return {
    data,
    dims: DIMS,
    spacingMm: [0.7, 0.7, 1],
    originMm: [-179, -179, 0],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    frames: 1,
  };
}

// A spot check that the volume read is the one written: every 997th voxel against the formula.
function checkVolume(volume: Volume): void {
  const [nx, ny] = DIMS;
  for (let index = 0; index < volume.data.length; index += 997) {
    const i = index % nx;
    const j = Math.floor(index / nx) % ny;
    const k = Math.floor(index / (nx * ny));
    if (volume.data[index] !== phantomHu(i, j, k)) {
      throw new Error(
        `voxel (${i}, ${j}, ${k}) read ${String(volume.data[index])}, written ${phantomHu(i, j, k)}`,
      );
    }
  }
}

async function ensureSeries(): Promise<void> {
  const done = join(folder, 'COMPLETE');
  if (
    await access(done).then(
      () => true,
      () => false,
    )
  )
    return;
  console.log(`writing the ${DIMS.join('×')} series to ${folder} (once)…`);
  const partial = `${folder}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await writeDicomSeries(phantom(), join(partial, 'series'), { rescaleSlope: 1, rescaleIntercept: -1024 });
  await writeFile(join(partial, 'COMPLETE'), '');
  await rm(folder, { recursive: true, force: true });
  await rename(partial, folder);
}

async function readRaw(files: readonly string[]): Promise<number> {
  let bytes = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const file = files[next++] as string;
      const { length } = await readFile(file);
      bytes += length;
    }
  };
  await Promise.all(Array.from({ length: FILES_IN_FLIGHT }, worker));
  return bytes;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

await mkdir(tmpdir(), { recursive: true });
await ensureSeries();
const seriesFolder = join(folder, 'series');
const files = (await readdir(seriesFolder)).map((name) => join(seriesFolder, name));

// Warm the page cache and the JIT for both, then alternate the runs.
await readRaw(files);
await readDicomSeries(seriesFolder);
const rawMs: number[] = [];
const ingestMs: number[] = [];
let totalBytes = 0;
for (let run = 0; run < RUNS; run++) {
  let start = performance.now();
  totalBytes = await readRaw(files);
  rawMs.push(performance.now() - start);
  start = performance.now();
  const { volume } = await readDicomSeries(seriesFolder);
  ingestMs.push(performance.now() - start);
  if (volume.dims[2] !== DIMS[2]) throw new Error(`read ${volume.dims[2]} slices, expected ${DIMS[2]}`);
  if (run === 0) checkVolume(volume);
}

const raw = median(rawMs);
const ingest = median(ingestMs);
const ratio = ingest / raw;
console.log(`CT ingest, ${files.length} files, ${(totalBytes / 1e6).toFixed(0)} MB (median of ${RUNS} runs)`);
console.log(
  `  raw readFile of every file: ${raw.toFixed(0)} ms (${(totalBytes / 1e6 / (raw / 1000)).toFixed(0)} MB/s)`,
);
console.log(`  readDicomSeries:            ${ingest.toFixed(0)} ms`);
console.log(
  `ingest / raw: ${ratio.toFixed(2)}; target ≤ ${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'}`,
);
