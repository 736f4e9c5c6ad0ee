import { createVolume, type Volume } from '@quantrad/imaging';
import { defaultPerfusionConstants } from '../types/perfusion-constants.ts';
import type { ResidueShape } from '../types/residue-shape.ts';
import type {
  DigitalPhantom,
  DigitalPhantomOptions,
  PhantomBaselineHu,
  PhantomTile,
} from './digital-phantom.ts';
import { gammaVariate, gammaVariateAreaDeltaHuS, type GammaVariateParams } from './gamma-variate.ts';
import { digitalPhantomDesign } from './phantom-design.ts';
import { phantomLayout, type PhantomMaterial } from './phantom-layout.ts';
import { gaussianSampler, mulberry32 } from './random.ts';
import { tissueCurveDeltaHu } from './tissue-curve.ts';

// A digital CT perfusion phantom after Kudo et al. Radiology 2013;267:201-211: per slice 7 × 7 tiles of one
// CBV, columns differing in CBF and MTT, rows in arrival delay (0-3 s); each tile's curve is the AIF (a
// gamma variate) convolved with the chosen residue (tissue-curve.ts); a small arterial region with the
// partial-volume-reduced AIF and a larger venous region with the VOF; Gaussian noise from a seeded
// generator. Design numbers in data/digital-phantom.json.

const RESIDUE_SHAPES: readonly ResidueShape[] = ['box', 'exp', 'gamma'];
const SECONDS_PER_MINUTE = 60;
const DEFAULTS = {
  noiseHu: 0,
  residue: 'exp',
  seed: 1,
  frameIntervalS: 1,
  frameCount: 60,
  tileSizeVoxels: 8,
} as const;
/** The fewest frames that can hold a baseline (ACR CTP IV.C.2: at least 2) and a bolus. */
const MIN_FRAME_COUNT = 3;

function fail(field: string, problem: string): never {
  throw new RangeError(`makeDigitalPhantom: options.${field} ${problem}`);
}

function checkFinite(field: string, value: number, min: number, inclusive: boolean): void {
  if (!Number.isFinite(value) || (inclusive ? value < min : value <= min)) {
    fail(field, `must be a finite number ${inclusive ? '≥' : '>'} ${min}, got ${value}`);
  }
}

function checkWhole(field: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) fail(field, `must be a whole number ≥ ${min}, got ${value}`);
}

function baselineOf(options: DigitalPhantomOptions): PhantomBaselineHu {
  // The design's schema drops its note, so only the materials' HU are spread.
  const baseline: PhantomBaselineHu = { ...digitalPhantomDesign.baselineHu, ...options.baselineHu };
  for (const [material, hu] of Object.entries(baseline)) {
    if (!Number.isFinite(hu)) fail(`baselineHu.${material}`, `must be a finite number, got ${String(hu)}`);
  }
  return baseline;
}

/**
 * Tmax truth is the arrival delay δ: k(t) = (ρ/kH)·F·R(t − δ) is largest at t = δ for the exp and gamma
 * residues (both strictly decreasing from R(0) = 1). For the box residue k(t) is flat from δ to δ + MTT, so
 * its maximum is not unique; δ (the first time it is reached) is given, but a method may fairly return any
 * time in that span.
 */
function tmaxTruthS(delayS: number): number {
  return delayS;
}

/** Builds the digital phantom; a RangeError names any option out of range. */
export function makeDigitalPhantom(options: DigitalPhantomOptions = {}): DigitalPhantom {
  const noiseHu = options.noiseHu ?? DEFAULTS.noiseHu;
  const residue = options.residue ?? DEFAULTS.residue;
  const seed = options.seed ?? DEFAULTS.seed;
  const frameIntervalS = options.frameIntervalS ?? DEFAULTS.frameIntervalS;
  const frameCount = options.frameCount ?? DEFAULTS.frameCount;
  const tileSizeVoxels = options.tileSizeVoxels ?? DEFAULTS.tileSizeVoxels;
  checkFinite('noiseHu', noiseHu, 0, true);
  if (!RESIDUE_SHAPES.includes(residue)) {
    fail('residue', `must be one of ${RESIDUE_SHAPES.join(', ')}, got ${residue}`);
  }
  if (!Number.isInteger(seed)) fail('seed', `must be a whole number, got ${seed}`);
  checkFinite('frameIntervalS', frameIntervalS, 0, false);
  checkWhole('frameCount', frameCount, MIN_FRAME_COUNT);
  checkWhole('tileSizeVoxels', tileSizeVoxels, 1);
  const baselineHu = baselineOf(options);

  const design = digitalPhantomDesign;
  const constants = defaultPerfusionConstants;
  const frameTimesS = Array.from({ length: frameCount }, (_, t) => t * frameIntervalS);
  const aifParams: GammaVariateParams = {
    t0S: design.aif.t0S,
    alpha: design.aif.alpha,
    betaS: design.aif.betaS,
    peakDeltaHu: design.aif.peakDeltaHu,
  };
  // The VOF carries all the indicator: its area equals the true AIF's.
  const unitVof: GammaVariateParams = { ...design.vof, peakDeltaHu: 1 };
  const vofParams: GammaVariateParams = {
    ...unitVof,
    peakDeltaHu: gammaVariateAreaDeltaHuS(aifParams) / gammaVariateAreaDeltaHuS(unitVof),
  };
  const aifPartialVolumeFactor = design.arterialPartialVolumeFactor.value;
  const aifDeltaHu = Float64Array.from(frameTimesS, (t) => gammaVariate(t, aifParams));
  const vofDeltaHu = Float64Array.from(frameTimesS, (t) => gammaVariate(t, vofParams));
  const arterialDeltaHu = aifDeltaHu.map((v) => v * aifPartialVolumeFactor);

  const layout = phantomLayout(tileSizeVoxels);
  const [nx, ny, nz] = layout.dims;
  const sliceVoxels = nx * ny;
  const voxelCount = sliceVoxels * nz;

  // Static baseline of every voxel, and which curve (if any) enhances it: 0 artery, 1 vein, 2 + tile index.
  const baseline = new Float32Array(voxelCount);
  const curveOf = new Int32Array(voxelCount).fill(-1);
  const curves: Float64Array[] = [arterialDeltaHu, vofDeltaHu];
  const materialHu: Record<PhantomMaterial, number> = baselineHu;
  for (let k = 0; k < nz; k++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const v = x + nx * (y + ny * k);
        const material = layout.materialOf(x, y);
        baseline[v] = materialHu[material];
        if (material === 'artery') curveOf[v] = 0;
        if (material === 'vein') curveOf[v] = 1;
      }
    }
  }

  const truthMaps = {
    cbfMl100gMin: new Float32Array(voxelCount),
    cbvMl100g: new Float32Array(voxelCount),
    mttS: new Float32Array(voxelCount),
    delayS: new Float32Array(voxelCount),
    tmaxS: new Float32Array(voxelCount),
  };
  const tissueMask = new Uint8Array(voxelCount);
  const tiles: PhantomTile[] = [];
  const unitCurves: (Float64Array | undefined)[] = [];
  design.tiles.cbvMl100gBySlice.forEach((cbvMl100g, k) => {
    layout.tileRects.forEach((rect, index) => {
      const row = Math.floor(index / layout.columns);
      const column = index % layout.columns;
      const delayS = design.tiles.delaySByRow[row] ?? 0;
      const flowPerMin = design.tiles.cbfOverCbvPerMinByColumn[column] ?? 0;
      // Kudo's columns: CBF = (CBF/CBV) · CBV, and MTT = 60 · CBV / CBF (central volume theorem).
      const cbfMl100gMin = flowPerMin * cbvMl100g;
      const mttS = SECONDS_PER_MINUTE / flowPerMin;
      const tile: PhantomTile = {
        voxels: new Int32Array(rect.width * rect.height),
        cbfMl100gMin,
        cbvMl100g,
        mttS,
        delayS,
        tmaxS: tmaxTruthS(delayS),
      };
      // A tile's curve is proportional to its CBF, so the slices share one curve per 1 mL/100 g/min for
      // each row and column, computed once.
      let unitCurve = unitCurves[index];
      if (unitCurve === undefined) {
        const unitTissue = { residue, mttS, cbfMl100gMin: 1, delayS };
        unitCurve = tissueCurveDeltaHu(frameTimesS, aifParams, unitTissue, { constants });
        unitCurves[index] = unitCurve;
      }
      const curveIndex = curves.length;
      curves.push(unitCurve.map((deltaHu) => deltaHu * cbfMl100gMin));
      let n = 0;
      for (let y = rect.y0; y < rect.y0 + rect.height; y++) {
        for (let x = rect.x0; x < rect.x0 + rect.width; x++) {
          const v = x + nx * (y + ny * k);
          tile.voxels[n++] = v;
          curveOf[v] = curveIndex;
          tissueMask[v] = 1;
          truthMaps.cbfMl100gMin[v] = cbfMl100gMin;
          truthMaps.cbvMl100g[v] = cbvMl100g;
          truthMaps.mttS[v] = mttS;
          truthMaps.delayS[v] = delayS;
          truthMaps.tmaxS[v] = tile.tmaxS;
        }
      }
      tiles.push(tile);
    });
  });

  const data = new Float32Array(voxelCount * frameCount);
  for (let t = 0; t < frameCount; t++) {
    const offset = voxelCount * t;
    for (let v = 0; v < voxelCount; v++) {
      const curve = curves[curveOf[v] ?? -1];
      data[offset + v] = (baseline[v] ?? 0) + (curve?.[t] ?? 0);
    }
  }
  if (noiseHu > 0) {
    const gaussian = gaussianSampler(mulberry32(seed));
    for (let i = 0; i < data.length; i++) data[i] = (data[i] ?? 0) + noiseHu * gaussian();
  }

  const geometry = { dims: layout.dims, spacingMm: layout.spacingMm };
  const map = (values: Float32Array): Volume<Float32Array> => createVolume({ data: values, ...geometry });
  const mask = (inRect: (x: number, y: number) => boolean): Volume<Uint8Array> => {
    const values = new Uint8Array(voxelCount);
    for (let v = 0; v < voxelCount; v++) {
      const inSlice = v % sliceVoxels;
      if (inRect(inSlice % nx, Math.floor(inSlice / nx))) values[v] = 1;
    }
    return createVolume({ data: values, ...geometry });
  };

  return {
    ct: createVolume({ data, ...geometry, frames: frameCount, frameTimesS }),
    truth: {
      cbfMl100gMin: map(truthMaps.cbfMl100gMin),
      cbvMl100g: map(truthMaps.cbvMl100g),
      mttS: map(truthMaps.mttS),
      delayS: map(truthMaps.delayS),
      tmaxS: map(truthMaps.tmaxS),
    },
    tissueMask: createVolume({ data: tissueMask, ...geometry }),
    arterialMask: mask((x, y) => layout.materialOf(x, y) === 'artery'),
    venousMask: mask((x, y) => layout.materialOf(x, y) === 'vein'),
    tiles,
    aifDeltaHu,
    aifPartialVolumeFactor,
    vofDeltaHu,
    aifParams,
    vofParams,
    frameTimesS,
    residue,
    noiseHu,
    baselineHu,
    source: design.source,
  };
}
