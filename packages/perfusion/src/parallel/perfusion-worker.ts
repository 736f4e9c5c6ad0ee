// The worker thread of the perfusion pool: runs the single-thread engine (deconvolve / perfusionMaps) on
// one chunk of voxels at a time, so a chunk's values are those the single-thread call gives; and a map's PNG
// montage (mapMontagePng), the same bytes as on the main thread.
// It (and every module it loads) imports values of @quantrad/imaging only from '@quantrad/imaging/volume':
// the package's index would load its DICOM and NIfTI readers into each worker (measured: some 45 MB and
// 0.4 s of start-up per worker on the perfusion bench).
import { parentPort } from 'node:worker_threads';
import { releaseBuffer } from '@quantrad/imaging/volume';
import { deconvolve } from '../deconvolution/deconvolve.ts';
import { perfusionMaps, type PerfusionMaps } from '../maps/perfusion-maps.ts';
import { estimateMotion } from '../preprocess/estimate-motion.ts';
import { slabConcentrationCurves } from '../maps/smooth-in-plane.ts';
import { slabMaps } from '../maps/slab-maps.ts';
import { mapMontagePng } from '../output/map-montage-png.ts';
import {
  fallbackCounts,
  RESULT_FIELDS,
  type ChunkResponse,
  type ResultArray,
  type WorkerRequest,
} from './worker-protocol.ts';

function compute(request: WorkerRequest): ResultArray[] {
  if (request.kind === 'montage') {
    // a copy of exactly the PNG's bytes (Buffer may be a view on a larger buffer), transferred back.
    return [Uint8Array.from(mapMontagePng(request.map, request.options).png)];
  }
  if (request.kind === 'motion') {
    const estimate = estimateMotion(request.volume, { ...request.options, referenceFrame: 0 });
    const transforms = new Float64Array(3 * estimate.transforms.length);
    estimate.transforms.forEach((t, n) => {
      transforms.set([t.txMm, t.tyMm, t.rotationDeg], 3 * n);
    });
    return [transforms, estimate.displacementsMm];
  }
  if (request.kind === 'slice-maps') {
    const maps = slabMaps(request);
    return mapArrays(maps);
  }
  if (request.kind === 'curves') {
    const { slab, frames, nx, ny, mask, kernels, baselineCount, out } = request;
    slabConcentrationCurves(slab, { frames, nx, ny }, mask, kernels, baselineCount, out);
    return [];
  }
  const { kind, aifDeltaHu, tissueDeltaHu, curveLength, dtS, options } = request;
  if (kind === 'deconvolve') {
    const result = deconvolve(aifDeltaHu, tissueDeltaHu, curveLength, dtS, options);
    return [...RESULT_FIELDS.deconvolve.map((name) => result[name]), fallbackCounts(result.modelFitFallback)];
  }
  return mapArrays(perfusionMaps(aifDeltaHu, tissueDeltaHu, curveLength, dtS, options));
}

/** The maps in RESULT_FIELDS.maps order, then the fallback counts. */
function mapArrays(maps: PerfusionMaps): ResultArray[] {
  return [...RESULT_FIELDS.maps.map((name) => maps[name]), fallbackCounts(maps.modelFitFallback)];
}

const port = parentPort;
if (port === null) throw new Error('perfusion-worker.ts must run in a worker thread');
port.postMessage({ ready: true });
port.on('message', (request: WorkerRequest) => {
  let response: ChunkResponse;
  try {
    response = { id: request.id, arrays: compute(request) };
  } catch (error) {
    response = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  // each result array has its own buffer; a Set guards against two views of one buffer (a clone error).
  const transfer =
    'arrays' in response ? [...new Set(response.arrays.map((a) => a.buffer as ArrayBuffer))] : [];
  port.postMessage(response, transfer);
  release(request);
});

/**
 * Frees the request's large input (the worker's own copy: a slice's frames are some 20 MB) now rather than
 * at this worker's next garbage collection (`releaseBuffer`); shared memory is left alone.
 */
function release(request: WorkerRequest): void {
  const views =
    request.kind === 'montage'
      ? [request.map.data, request.options.mask]
      : request.kind === 'motion'
        ? [request.volume.data]
        : request.kind === 'curves' || request.kind === 'slice-maps'
          ? [request.slab]
          : [request.tissueDeltaHu];
  for (const view of views) if (view !== undefined) releaseBuffer(view);
}
