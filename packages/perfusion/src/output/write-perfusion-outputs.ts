import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeNiftiFile } from '@quantrad/imaging';
import type { PerfusionMapVolumes, PerfusionRun } from '../pipeline/perfusion-run.ts';
import { curvePlotPng } from './curve-plot-png.ts';
import { mapMontagePng } from './map-montage-png.ts';
import {
  CURVES_FILE,
  LESION_MASK_FILES,
  PERFUSION_MAP_FILES,
  perfusionSummary,
  SUMMARY_FILE,
} from './perfusion-summary.ts';

/**
 * Writes a run's outputs to outDir (created if needed): the five maps as float32 NIfTI (cbf, cbv, mtt, ttp,
 * tmax .nii.gz; units in the header description), the core and hypoperfusion masks, summary.json, a PNG montage of each map (all slices,
 * viridis, colour bar with range and units) and aif-vof.png (the AIF as measured and as corrected for
 * partial volume, and the VOF, against time; ACR CTP VI.C: the curves are kept for review). Returns the
 * paths written.
 */
export async function writePerfusionOutputs(run: PerfusionRun, outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  const put = async (name: string, bytes: Uint8Array | string): Promise<void> => {
    const path = join(outDir, name);
    await writeFile(path, bytes);
    written.push(path);
  };
  for (const name of Object.keys(PERFUSION_MAP_FILES) as (keyof PerfusionMapVolumes)[]) {
    const { file, png, title, units } = PERFUSION_MAP_FILES[name];
    const path = join(outDir, file);
    await writeNiftiFile(path, run.maps[name], { description: `quantrad ${title} ${units} (${run.method})` });
    written.push(path);
    await put(png, mapMontagePng(run.maps[name], { title, units, mask: run.masks.tissue.data }).png);
  }
  if (!('withheld' in run.lesions)) {
    for (const [name, file] of Object.entries(LESION_MASK_FILES) as [
      keyof typeof LESION_MASK_FILES,
      string,
    ][]) {
      const path = join(outDir, file);
      const title = name === 'core' ? 'ischaemic core (relative CBF < 30%)' : 'hypoperfusion (Tmax > 6 s)';
      await writeNiftiFile(path, run.lesions[name], { description: `quantrad ${title}` });
      written.push(path);
    }
  }
  await put(
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
  await put(SUMMARY_FILE, `${JSON.stringify(perfusionSummary(run), null, 2)}\n`);
  return written;
}
