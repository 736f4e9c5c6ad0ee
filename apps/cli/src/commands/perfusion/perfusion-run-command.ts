import type { Triple } from '@quantrad/imaging';
import type { DeconvolutionMethod, PerfusionStage, TmaxDefinition } from '@quantrad/perfusion';
import { PerfusionWorkerPool, runPerfusion, writePerfusionOutputs } from '@quantrad/perfusion';
import type { CliIo } from '../../io/cli-io.ts';
import { formatJson } from '../../io/format-json.ts';
import { InputError } from '../../io/input-error.ts';
import { loadDynamicCt } from './load-dynamic-ct.ts';
import { parseVoxelOption } from './parse-voxel-option.ts';

export interface PerfusionRunOptions {
  out: string;
  method: DeconvolutionMethod;
  aif?: string;
  vof?: string;
  times?: string;
  series?: string;
  motion: boolean;
  modelFit: boolean;
  /** --tmax-definition: the Tmax the hypoperfusion volumes use (commander checks the choices). */
  tmaxDefinition: TmaxDefinition;
  fullGrid?: boolean;
}

/** Fields of runPerfusion whose RangeErrors are the input's fault, not the program's. */
const INPUT_FIELDS = /^(ct|ct\.frameTimesS|aifVoxel|vofVoxel):/;

/**
 * `quantrad perfusion run INPUT --out DIR`: maps, summary and figures of a dynamic CT (runPerfusion,
 * writePerfusionOutputs). Progress goes to stderr, a short JSON summary to stdout. Motion, the tissue curves
 * and the maps run on a pool of worker threads (one per core), started while the input is read and closed
 * when the command ends, whether it succeeds or fails; if the workers cannot start, on this thread.
 */
export async function perfusionRun(input: string, options: PerfusionRunOptions, io: CliIo): Promise<void> {
  const aifVoxel = options.aif === undefined ? undefined : parseVoxelOption(options.aif, '--aif');
  const vofVoxel = options.vof === undefined ? undefined : parseVoxelOption(options.vof, '--vof');
  const starting = PerfusionWorkerPool.create().catch((error: unknown) => {
    io.err(`worker threads not started (${(error as Error).message}); running on one thread\n`);
    return undefined;
  });
  try {
    await analyse(input, options, io, { aifVoxel, vofVoxel, starting });
  } finally {
    await (await starting)?.close();
  }
}

async function analyse(
  input: string,
  options: PerfusionRunOptions,
  io: CliIo,
  given: {
    aifVoxel: Triple | undefined;
    vofVoxel: Triple | undefined;
    starting: Promise<PerfusionWorkerPool | undefined>;
  },
): Promise<void> {
  const { aifVoxel, vofVoxel } = given;
  const loaded = await loadDynamicCt(
    input,
    {
      ...(options.series === undefined ? {} : { series: options.series }),
      ...(options.times === undefined ? {} : { times: options.times }),
    },
    io,
  );
  const [nx, ny, nz] = loaded.volume.dims;
  io.err(`${input}: ${nx}×${ny}×${nz} voxels, ${loaded.volume.frames} frames\n`);
  const pool = await given.starting;
  let computed;
  try {
    computed = await runPerfusion(loaded.volume, {
      method: options.method,
      ...(pool === undefined ? {} : { pool }),
      ...(aifVoxel === undefined ? {} : { aifVoxel }),
      ...(vofVoxel === undefined ? {} : { vofVoxel }),
      skipMotion: !options.motion,
      // --no-model-fit turns the refinement off; otherwise the data file's default applies.
      ...(options.modelFit ? {} : { modelFit: false }),
      tmaxDefinition: options.tmaxDefinition,
      ...(options.fullGrid === true ? { fullGrid: true } : {}),
      ...(loaded.protocol === undefined ? {} : { protocol: loaded.protocol }),
      onProgress: (stage: PerfusionStage, fraction: number) => {
        if (fraction === 0) io.err(`${stage}…\n`);
        else if (stage === 'maps' && fraction < 1) io.err(`maps ${Math.round(100 * fraction)}%\n`);
      },
    });
  } catch (error) {
    if (error instanceof RangeError && INPUT_FIELDS.test(error.message)) {
      const field = /^(aifVoxel|vofVoxel)/.exec(error.message)?.[1];
      const option = field === 'aifVoxel' ? '--aif' : field === 'vofVoxel' ? '--vof' : input;
      throw new InputError(`${option}: ${error.message.replace(INPUT_FIELDS, '').trim()}`);
    }
    throw error;
  }
  const run = { ...computed, warnings: [...loaded.warnings, ...computed.warnings] };
  const written = await writePerfusionOutputs(run, options.out, pool === undefined ? {} : { pool });
  io.out(
    formatJson({
      written,
      method: run.method,
      aif: {
        source: run.aif.source,
        positionVoxel: run.aif.positionVoxel,
        partialVolumeScale: run.aif.partialVolumeScale,
      },
      vof: { source: run.vof.source, positionVoxel: run.vof.positionVoxel, truncated: run.vof.truncated },
      baselineFrames: run.baseline.baseline.count,
      mapGrid: run.mapGrid,
      lesions:
        'withheld' in run.lesions
          ? run.lesions
          : {
              coreMl: run.lesions.volumes.coreMl,
              hypoperfusionMl: run.lesions.volumes.hypoperfusionMl,
              mismatchMl: run.lesions.volumes.mismatchMl,
              tmaxDefinition: run.tmaxDefinition,
              decisionSupport: run.lesions.decisionSupport.map((d) => d.wording),
            },
      ...(run.modelFit ? { modelFitFallbackVoxels: run.modelFitFallback } : {}),
      quality: run.quality.map((check) => `${check.status}: ${check.check}: ${check.reason}`),
      ...(loaded.protocol === undefined ? {} : { protocol: loaded.protocol }),
      timingsMs: run.timingsMs,
      warnings: run.warnings,
    }),
  );
}
