import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeNiftiFile, type Volume } from '@quantrad/imaging';
import type { PerfusionMapVolumes, PerfusionRun } from '../pipeline/perfusion-run.ts';
import type { PerfusionWorkerPool } from '../parallel/perfusion-worker-pool.ts';
import { lesionThresholds } from '../lesions/lesion-thresholds.ts';
import { curvePlotPng } from './curve-plot-png.ts';
import { mapMontagePng, type MapMontageOptions } from './map-montage-png.ts';
import {
  CURVES_FILE,
  LESION_MASK_FILES,
  PERFUSION_MAP_FILES,
  perfusionSummary,
  SUMMARY_FILE,
} from './perfusion-summary.ts';

/**
 * Writes a run's outputs to outDir (created if needed): the six maps as float32 NIfTI (cbf, cbv, mtt, ttp,
 * tmax, tmax-residue-peak .nii.gz; units in the header description), the core and hypoperfusion masks, summary.json, a PNG montage of each map (all slices,
 * viridis, colour bar with range and units) and aif-vof.png (the AIF as measured and as corrected for
 * partial volume, and the VOF, against time; ACR CTP VI.C: the curves are kept for review). Returns the
 * paths written. With a worker pool the montages are drawn and encoded in the workers (the same bytes) while
 * this thread writes the NIfTIs.
 */
export async function writePerfusionOutputs(
  run: PerfusionRun,
  outDir: string,
  options: { pool?: PerfusionWorkerPool } = {},
): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  // Files are written (and the NIfTIs gzipped, on libuv's threads) while the next picture is drawn, one NIfTI
  // at a time (each holds a copy of its volume); the paths keep their order, and every write is awaited
  // before returning (its error then rejects).
  const pending: Promise<void>[] = [];
  let nifti: Promise<void> = Promise.resolve();
  const startNifti = async (path: string, volume: Volume, description: string): Promise<void> => {
    await nifti;
    nifti = writeNiftiFile(path, volume, { description });
    start(path, nifti);
  };
  const start = (path: string, writing: Promise<void>): void => {
    writing.catch(() => undefined); // handled by the Promise.all below, not an unhandled rejection meanwhile
    pending.push(writing);
    written.push(path);
  };
  const put = (name: string, bytes: Uint8Array | string): void => {
    const path = join(outDir, name);
    start(path, writeFile(path, bytes));
  };
  const { pool } = options;
  // with a pool, the tissue mask is put once on shared memory, which every montage job reads in place.
  const montageMask = pool === undefined ? run.masks.tissue.data : shared(run.masks.tissue.data);
  for (const name of Object.keys(PERFUSION_MAP_FILES) as (keyof PerfusionMapVolumes)[]) {
    const { file, png, title, units } = PERFUSION_MAP_FILES[name];
    const path = join(outDir, file);
    const montage = { title, units, mask: montageMask };
    if (pool === undefined) {
      await startNifti(path, run.maps[name], `quantrad ${title} ${units} (${run.method})`);
      put(png, mapMontagePng(run.maps[name], montage).png);
    } else {
      // queued before the NIfTI so that the workers draw while this thread writes; its failure is handled
      // from the start (it may come while the NIfTI is awaited, or after a NIfTI error ends this loop).
      const pngPath = join(outDir, png);
      const writingPng = montageInWorker(pool, run.maps[name], montage).then((bytes) =>
        writeFile(pngPath, bytes),
      );
      writingPng.catch(() => undefined);
      await startNifti(path, run.maps[name], `quantrad ${title} ${units} (${run.method})`);
      start(pngPath, writingPng);
    }
  }
  if (!('withheld' in run.lesions)) {
    for (const [name, file] of Object.entries(LESION_MASK_FILES) as [
      keyof typeof LESION_MASK_FILES,
      string,
    ][]) {
      const path = join(outDir, file);
      // the thresholds the run's lesion volumes were computed with (data/lesion-thresholds.json).
      const { core, hypoperfusion } = lesionThresholds;
      const title =
        name === 'core'
          ? `ischaemic core (relative CBF < ${Math.round(core.relativeCbfBelow * 1000) / 10}%)`
          : `hypoperfusion (${run.tmaxDefinition} Tmax > ${hypoperfusion.tmaxAboveS} s)`;
      await startNifti(path, run.lesions[name], `quantrad ${title}`);
    }
  }
  put(
    CURVES_FILE,
    curvePlotPng(
      [
        { label: 'AIF', colour: [200, 30, 30], timesS: run.frameTimesS, values: run.aif.curveDeltaHu },
        {
          label: `AIF x ${run.aif.partialVolumeScale.toFixed(2)} (partial volume)`,
          colour: [240, 150, 40],
          timesS: run.frameTimesS,
          values: run.aif.correctedDeltaHu,
        },
        { label: 'VOF', colour: [30, 70, 200], timesS: run.frameTimesS, values: run.vof.curveDeltaHu },
      ],
      { title: 'Arterial input and venous output', xLabel: 'time (s)', yLabel: 'HU above baseline' },
    ),
  );
  put(SUMMARY_FILE, `${JSON.stringify(perfusionSummary(run), null, 2)}\n`);
  await Promise.all(pending);
  return written;
}

/** A map's PNG montage drawn and encoded in a worker (mapMontagePng there): the PNG's bytes. */
async function montageInWorker(
  pool: PerfusionWorkerPool,
  map: Volume<Float32Array>,
  options: Omit<MapMontageOptions, 'colourMap'> & { mask: Uint8Array },
): Promise<Uint8Array> {
  const [bytes] = await pool.run(() => {
    // voxels on shared memory (the run's maps when it had a pool) are read in place; others are copied and
    // the copy transferred (a structured clone would copy whole buffers).
    const data = map.data.buffer instanceof SharedArrayBuffer ? map.data : map.data.slice();
    const transfer = data === map.data ? [] : [data.buffer as ArrayBuffer];
    return { request: { kind: 'montage', map: { ...map, data }, options }, transfer };
  });
  if (!(bytes instanceof Uint8Array)) throw new Error('montage: the worker returned no PNG');
  return bytes;
}

/** A copy of `bytes` on a SharedArrayBuffer (workers read it in place). */
function shared(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  copy.set(bytes);
  return copy;
}
