// Small synthetic dynamic CT volumes for the pre-processing and AIF tests (not a test file itself). Built
// here from labels, so each test knows the truth: which voxels are skull, air, CSF, tissue, artery, vein.
import { createVolume, type Volume } from '@quantrad/imaging';

export const LABEL = { air: 0, skull: 1, tissue: 2, csf: 3, artery: 4, vein: 5 } as const;

/** Seeded uniform generator (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeded standard normal deviates (Box–Muller). */
export function gaussian(seed: number): () => number {
  const uniform = mulberry32(seed);
  return () => {
    const u = Math.max(uniform(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
}

/** Gamma variate scaled so its maximum (at t0 + α·β) is peakDeltaHu; 0 before t0. */
export function gammaVariate(
  tS: number,
  t0S: number,
  alpha: number,
  betaS: number,
  peakDeltaHu: number,
): number {
  if (tS <= t0S) return 0;
  const x = (tS - t0S) / (alpha * betaS);
  return peakDeltaHu * x ** alpha * Math.exp(alpha * (1 - x));
}

export interface CurveShape {
  t0S: number;
  alpha: number;
  betaS: number;
  peakDeltaHu: number;
}

export interface SyntheticOptions {
  frames?: number;
  frameIntervalS?: number;
  noiseHu?: number;
  seed?: number;
  tissue?: CurveShape;
  artery?: CurveShape;
  vein?: CurveShape;
  /** A slice whose skull ring is broken (a gap of a few voxels). */
  openSkullSlice?: number;
}

export const NX = 24;
export const NY = 24;
export const NZ = 3;

export const TISSUE_SHAPE: CurveShape = { t0S: 6.5, alpha: 3, betaS: 2, peakDeltaHu: 20 };
export const ARTERY_SHAPE: CurveShape = { t0S: 5, alpha: 3, betaS: 1, peakDeltaHu: 400 };
export const VEIN_SHAPE: CurveShape = { t0S: 9, alpha: 3, betaS: 2.5, peakDeltaHu: 250 };

const BASELINE_HU = { air: -1000, skull: 1200, tissue: 35, csf: 8, artery: 40, vein: 40 } as const;

/** The label of voxel (i, j, k): a skull ring 9.5–11.5 voxels from the centre, CSF, artery and vein inside. */
export function labelAt(i: number, j: number, k: number, openSkullSlice?: number): number {
  const r = Math.hypot(i - 11.5, j - 11.5);
  if (r > 11.5) return LABEL.air;
  if (r >= 9.5) return k === openSkullSlice && j >= 10 && j <= 13 && i > 11.5 ? LABEL.tissue : LABEL.skull;
  if (i >= 10 && i <= 12 && j >= 10 && j <= 12) return LABEL.csf;
  if (i >= 5 && i <= 6 && j >= 11 && j <= 12) return LABEL.artery;
  if (i >= 15 && i <= 17 && j >= 15 && j <= 17) return LABEL.vein;
  return LABEL.tissue;
}

export interface SyntheticStudy {
  ct: Volume<Float32Array>;
  labels: Uint8Array;
  frameTimesS: number[];
}

export function syntheticStudy(options: SyntheticOptions = {}): SyntheticStudy {
  const frames = options.frames ?? 40;
  const dt = options.frameIntervalS ?? 1;
  const noise = gaussian(options.seed ?? 7);
  const noiseHu = options.noiseHu ?? 0;
  const shapes: Record<number, CurveShape | undefined> = {
    [LABEL.tissue]: options.tissue ?? TISSUE_SHAPE,
    [LABEL.artery]: options.artery ?? ARTERY_SHAPE,
    [LABEL.vein]: options.vein ?? VEIN_SHAPE,
  };
  const baseline: Record<number, number> = {
    [LABEL.air]: BASELINE_HU.air,
    [LABEL.skull]: BASELINE_HU.skull,
    [LABEL.tissue]: BASELINE_HU.tissue,
    [LABEL.csf]: BASELINE_HU.csf,
    [LABEL.artery]: BASELINE_HU.artery,
    [LABEL.vein]: BASELINE_HU.vein,
  };
  const perFrame = NX * NY * NZ;
  const labels = new Uint8Array(perFrame);
  for (let k = 0; k < NZ; k++)
    for (let j = 0; j < NY; j++)
      for (let i = 0; i < NX; i++) labels[i + NX * (j + NY * k)] = labelAt(i, j, k, options.openSkullSlice);
  const frameTimesS = Array.from({ length: frames }, (_, t) => t * dt);
  const data = new Float32Array(perFrame * frames);
  for (let t = 0; t < frames; t++) {
    const time = frameTimesS[t] ?? 0;
    for (let v = 0; v < perFrame; v++) {
      const label = labels[v] ?? 0;
      const shape = shapes[label];
      const enhancement = shape
        ? gammaVariate(time, shape.t0S, shape.alpha, shape.betaS, shape.peakDeltaHu)
        : 0;
      data[t * perFrame + v] = (baseline[label] ?? 0) + enhancement + noiseHu * noise();
    }
  }
  const ct = createVolume({ data, dims: [NX, NY, NZ], spacingMm: [1, 1, 2], frames, frameTimesS });
  return { ct, labels, frameTimesS };
}

/** Linear indices of the voxels carrying a label. */
export function voxelsWithLabel(labels: Uint8Array, label: number): Int32Array {
  const out: number[] = [];
  labels.forEach((l, v) => {
    if (l === label) out.push(v);
  });
  return Int32Array.from(out);
}
