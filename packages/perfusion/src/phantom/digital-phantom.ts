import type { Volume } from '@quantrad/imaging';
import type { ResidueShape } from '../types/residue-shape.ts';
import type { GammaVariateParams } from './gamma-variate.ts';

/** Baseline (unenhanced) HU of each material of the phantom. */
export interface PhantomBaselineHu {
  readonly tissue: number;
  readonly artery: number;
  readonly vein: number;
  readonly csf: number;
  readonly skull: number;
  readonly air: number;
}

/** What `makeDigitalPhantom` may be told; every field has a default. */
export interface DigitalPhantomOptions {
  /** SD of the Gaussian noise added to every voxel of every frame, HU (default 0). */
  readonly noiseHu?: number;
  /** Residue function of every tile (default 'exp'). */
  readonly residue?: ResidueShape;
  /** Seed of the noise generator, a whole number (default 1). */
  readonly seed?: number;
  /** Time between frames, s (default 1). */
  readonly frameIntervalS?: number;
  /** Number of frames (default 60). */
  readonly frameCount?: number;
  /** Side of a square tile in voxels (default 8). */
  readonly tileSizeVoxels?: number;
  /** Baseline HU of any of the materials (defaults in data/digital-phantom.json). */
  readonly baselineHu?: Partial<PhantomBaselineHu>;
}

/** One tile of tissue with known perfusion: its voxels (spatial indices i + nx·(j + ny·k)) and truth. */
export interface PhantomTile {
  readonly voxels: Int32Array;
  readonly cbfMl100gMin: number;
  readonly cbvMl100g: number;
  readonly mttS: number;
  /** Arrival delay of the tissue behind the AIF, s. */
  readonly delayS: number;
  /** Time of the maximum of k(t) = (ρ/kH)·F·R(t − δ), s: δ for every shape (see makeDigitalPhantom). */
  readonly tmaxS: number;
}

/** Truth maps: 3-D, the tile's value inside each tile and 0 everywhere else. */
export interface PhantomTruth {
  readonly cbfMl100gMin: Volume<Float32Array>;
  readonly cbvMl100g: Volume<Float32Array>;
  readonly mttS: Volume<Float32Array>;
  readonly delayS: Volume<Float32Array>;
  readonly tmaxS: Volume<Float32Array>;
}

/** A digital CT perfusion phantom after Kudo et al. Radiology 2013;267:201-211, with its truth. */
export interface DigitalPhantom {
  /** 4-D HU (frames = frameCount, frameTimesS set). */
  readonly ct: Volume<Float32Array>;
  readonly truth: PhantomTruth;
  /** 1 in the tiles (tissue of known perfusion). */
  readonly tissueMask: Volume<Uint8Array>;
  /** 1 in the small arterial region. */
  readonly arterialMask: Volume<Uint8Array>;
  /** 1 in the larger venous region. */
  readonly venousMask: Volume<Uint8Array>;
  /** In order of slice (CBV), row (delay), column (CBF and MTT). */
  readonly tiles: readonly PhantomTile[];
  /** The true arterial curve every tissue curve was convolved with, ΔHU at each frame. */
  readonly aifDeltaHu: Float64Array;
  /**
   * The arterial region holds `aifDeltaHu × aifPartialVolumeFactor` (a small artery seen through partial
   * volume); scaling it by area(VOF) / its area gives `aifDeltaHu` back.
   */
  readonly aifPartialVolumeFactor: number;
  /** The venous curve, ΔHU at each frame; its area equals the true AIF's (indicator conservation). */
  readonly vofDeltaHu: Float64Array;
  readonly aifParams: GammaVariateParams;
  readonly vofParams: GammaVariateParams;
  readonly frameTimesS: number[];
  readonly residue: ResidueShape;
  readonly noiseHu: number;
  readonly baselineHu: PhantomBaselineHu;
  /** Where the design comes from (data/digital-phantom.json). */
  readonly source: string;
}
