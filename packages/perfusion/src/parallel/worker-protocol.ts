import type { PerfusionMapOptions } from '../maps/perfusion-maps.ts';

/** What a worker computes on one chunk of voxels: `deconvolve` or `perfusionMaps` of those voxels. */
export type ChunkKind = 'deconvolve' | 'maps';

/** The main thread → worker message: one chunk of voxel-major tissue curves. */
export interface ChunkRequest {
  readonly id: number;
  readonly kind: ChunkKind;
  readonly aifDeltaHu: Float64Array;
  /** The chunk's curves: a view on shared memory (no copy) or a transferred copy. */
  readonly tissueDeltaHu: Float32Array;
  readonly curveLength: number;
  readonly dtS: number;
  readonly options: PerfusionMapOptions;
}

/**
 * The worker → main thread answer: the result arrays of the chunk in a fixed order (deconvolve: kMaxPerS,
 * tmaxS; maps: cbfMl100gMin, cbvMl100g, mttS, ttpS, tmaxS), or the message of the error it threw.
 */
export type ChunkResponse =
  | { readonly id: number; readonly arrays: readonly Float32Array[] }
  | { readonly id: number; readonly error: string };

/** The names of the result arrays of each kind, in the order a ChunkResponse carries them. */
export const RESULT_FIELDS = {
  deconvolve: ['kMaxPerS', 'tmaxS'],
  maps: ['cbfMl100gMin', 'cbvMl100g', 'mttS', 'ttpS', 'tmaxS'],
} as const satisfies Record<ChunkKind, readonly string[]>;
