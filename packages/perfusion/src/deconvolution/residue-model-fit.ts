// Model-based refinement of a deconvolution (after Mouridsen K, Friston K, Hjort N, Gyldensted L, Østergaard
// L, Kiebel S. Bayesian estimation of cerebral perfusion using a physiological model of microvasculature.
// NeuroImage 2006;33:570-579): the residue is a survival function of gamma-distributed transit times, so the
// tissue curve is Ct(t) = a · ∫ Ca(t − δ − s) R_{k,MTT}(s) ds with a = (ρ/kH)·F = max k (R(0) = 1) and δ the
// arrival delay (true Tmax). The arterial curve is the same for every voxel, so the unit curves
// U_{k,MTT}(t) = ∫₀ᵗ Ca(t − s) R_{k,MTT}(s) ds are computed once on a sub-frame grid; a delay is a shift on
// that grid. Per voxel the scale a is linear (closed-form least squares, a = ⟨c, y⟩ / ⟨c, c⟩), so the fit is a
// search over the templates c = U(t_i − δ) for the one of largest ⟨c, y⟩ / ‖c‖ (least residual), started at
// the deconvolution's own estimate of MTT and narrowed by a pattern search that also moves along the valley of
// constant first moment (a later front with a shorter MTT fits almost as well).

import { gammaResidueIntegralS, gammaResidueMomentS2, momentFactor } from './gamma-residue.ts';

/**
 * The delay scan that seeds the search visits every second whole frame, then the frames next to its best
 * (quantrad default: on the digital phantom, seeds 1-3, every residue, 0 and 2 HU, the maps were identical to
 * those of a scan of every frame, at 12 instead of 19 template evaluations per voxel).
 */
const SCAN_STRIDE_FRAMES = 2;

/** The pattern search's moves: ±MTT, ±delay, the four diagonals and the two along the valley. */
const DIRECTIONS = 10;

/** The template grid of the refinement (data/deconvolution-defaults.json, modelFit). */
export interface ResidueModelGrid {
  /** Gamma shapes k of the transit-time distribution (whole numbers ≥ 1; 1 is the exponential residue); 0 stands for k → ∞, the box (plug flow). */
  readonly shapes: readonly number[];
  /** MTT grid: geometric from minMttS to maxMttS with this ratio between neighbours. */
  readonly minMttS: number;
  readonly maxMttS: number;
  readonly mttRatio: number;
  /** Delay grid: from minDelayS to maxDelayS in steps of dt / delaySubdivisions. */
  readonly minDelayS: number;
  readonly maxDelayS: number;
  readonly delaySubdivisions: number;
}

function checkGrid(grid: ResidueModelGrid): void {
  const fail = (field: string, message: string): never => {
    throw new Error(`modelFit.${field} ${message}`);
  };
  if (grid.shapes.length === 0) fail('shapes', 'must list at least one shape');
  for (const k of grid.shapes)
    if (!Number.isInteger(k) || k < 0 || k > 64)
      fail('shapes', `must be whole numbers from 0 to 64, got ${k}`);
  if (!(grid.minMttS > 0) || !(grid.maxMttS >= grid.minMttS))
    fail('minMttS', `and maxMttS must satisfy 0 < min ≤ max, got ${grid.minMttS}, ${grid.maxMttS}`);
  if (!(grid.mttRatio > 1)) fail('mttRatio', `must be above 1, got ${grid.mttRatio}`);
  if (
    !(grid.maxDelayS >= grid.minDelayS) ||
    !Number.isFinite(grid.minDelayS) ||
    !Number.isFinite(grid.maxDelayS)
  )
    fail(
      'minDelayS',
      `and maxDelayS must be finite with min ≤ max, got ${grid.minDelayS}, ${grid.maxDelayS}`,
    );
  if (!Number.isInteger(grid.delaySubdivisions) || grid.delaySubdivisions < 1 || grid.delaySubdivisions > 32)
    fail('delaySubdivisions', `must be a whole number from 1 to 32, got ${grid.delaySubdivisions}`);
}

/** The result of one voxel's fit (fields overwritten by each call of `fit`). */
export interface ResidueModelEstimate {
  /** a = max k = (ρ/kH)·F (1/s); 0 when no template correlates positively with the curve. */
  kMaxPerS: number;
  /** δ (s), the arrival delay behind the arterial curve: the residue's maximum, Tmax. */
  delayS: number;
  mttS: number;
  /** The gamma shape k fitted (0: box). */
  shape: number;
}

/**
 * The precomputed templates for one arterial curve and grid, and the per-voxel search. One instance serves
 * every voxel (no allocation per voxel).
 */
export class ResidueModelFit {
  readonly mttsS: Float64Array;
  readonly shapes: readonly number[];
  /** Delay of index d: (minDelayIndex + d) · h. */
  private readonly minDelayIndex: number;
  readonly delayCount: number;
  private readonly subdivisions: number;
  private readonly fineStepS: number;
  private readonly curveLength: number;
  /** The normalised templates ĉ = c/‖c‖, T samples each, at [((shape·M + MTT)·D + delay)·T]. */
  private readonly templates: Float32Array;
  /** The first frame where each template is non-zero (T for an empty one). */
  private readonly firstFrame: Int32Array;
  /** 1/‖c‖ per template, 0 for an empty template. */
  private readonly inverseNorm: Float64Array;
  private readonly frameS: number;
  /** The first moment of the arterial curve (s). */
  private readonly aifMeanS: number;
  readonly estimate: ResidueModelEstimate = { kMaxPerS: 0, delayS: 0, mttS: 0, shape: 0 };
  /**
   * The scores of the (MTT, delay) points of one shape already evaluated for the current curve, at
   * [MTT·D + delay], valid where `scoreStamp` holds the current `generation` (the pattern search revisits a
   * third of its points: measured 202 evaluations per voxel, 130 distinct, on the 2-HU phantom).
   */
  private readonly scoreCache: Float64Array;
  private readonly scoreStamp: Int32Array;
  private generation = 0;
  /** Distinct templates scored since construction, over every fit (the search's cost, for measurements). */
  evaluations = 0;
  /**
   * The moves along the valley: for (shape, MTT index, direction), the MTT index whose template keeps the first
   * moment δ + μ_k·MTT when the delay moves by one fine step (direction 0: later, MTT − h/μ_k; 1: earlier,
   * MTT + h/μ_k), at [(shape·M + MTT)·2 + direction]; −1 off the grid.
   */
  private readonly valleyMtt: Int32Array;
  /** The current curve, copied once per fit (the same values in double precision). */
  private readonly curve: Float64Array;

  constructor(aifDeltaHu: Float64Array, dtS: number, grid: ResidueModelGrid) {
    checkGrid(grid);
    const t = aifDeltaHu.length;
    this.curveLength = t;
    const sub = grid.delaySubdivisions;
    this.subdivisions = sub;
    const h = dtS / sub;
    this.fineStepS = h;
    this.shapes = [...grid.shapes];
    this.frameS = dtS;
    let aifArea = 0;
    let aifMoment = 0;
    for (let i = 0; i < t; i++) {
      aifArea += aifDeltaHu[i] ?? 0;
      aifMoment += i * (aifDeltaHu[i] ?? 0);
    }
    this.aifMeanS = aifArea > 0 ? (aifMoment / aifArea) * dtS : 0;
    const mtts: number[] = [];
    for (let m = grid.minMttS; m <= grid.maxMttS * (1 + 1e-9); m *= grid.mttRatio) mtts.push(m);
    this.mttsS = Float64Array.from(mtts);
    this.minDelayIndex = Math.round(grid.minDelayS / h);
    const maxDelayIndex = Math.round(grid.maxDelayS / h);
    this.delayCount = maxDelayIndex - this.minDelayIndex + 1;
    // A negative delay reads U past the last frame: U is computed up to (T − 1)·sub − minDelayIndex.
    const unitLength = (t - 1) * sub + Math.max(0, -this.minDelayIndex) + 1;
    const models = this.shapes.length * mtts.length;
    const templateCount = models * this.delayCount;
    this.templates = new Float32Array(templateCount * t);
    this.firstFrame = new Int32Array(templateCount);
    this.inverseNorm = new Float64Array(templateCount);
    this.curve = new Float64Array(t);
    this.scoreCache = new Float64Array(mtts.length * this.delayCount);
    this.scoreStamp = new Int32Array(mtts.length * this.delayCount);
    this.valleyMtt = new Int32Array(models * 2);
    this.shapes.forEach((shape, s) => {
      const shiftS = h / momentFactor(shape);
      mtts.forEach((mttS, m) => {
        for (let direction = 0; direction < 2; direction++) {
          const moved = direction === 0 ? mttS - shiftS : mttS + shiftS;
          const index = moved > 0 ? Math.round(Math.log(moved / grid.minMttS) / Math.log(grid.mttRatio)) : -1;
          this.valleyMtt[(s * mtts.length + m) * 2 + direction] = index < mtts.length ? index : -1;
        }
      });
    });
    const integral = new Float64Array(unitLength);
    const moment = new Float64Array(unitLength);
    const unit = new Float64Array(unitLength);
    // U(t) = ∫₀ᵗ Ca(t − s) R(s) ds, exact for the arterial curve linear between its samples (and held at its
    // last value after them): on the segment u = t − s ∈ [t_i, t_i+1], Ca = c_i + g_i·(t − t_i − s), so the
    // segment adds (c_i + g_i·(t − t_i))·ΔI − g_i·ΔJ with I = ∫₀ R and J = ∫₀ s·R at the segment's ends in s,
    // which all lie on the fine grid (t and t_i do).
    this.shapes.forEach((shape, s) => {
      mtts.forEach((mttS, m) => {
        for (let q = 0; q < unitLength; q++) {
          integral[q] = gammaResidueIntegralS(shape, mttS, q * h);
          moment[q] = gammaResidueMomentS2(shape, mttS, q * h);
        }
        for (let q = 1; q < unitLength; q++) {
          const tS = q * h;
          let sum = 0;
          for (let i = 0; i < t - 1; i++) {
            // s from t − t_i+1 to t − t_i, clipped to [0, t]; fine indices q − (i+1)·sub and q − i·sub.
            const upper = q - i * sub;
            if (upper <= 0) break;
            const lower = Math.max(0, upper - sub);
            const ci = aifDeltaHu[i] ?? 0;
            const slope = ((aifDeltaHu[i + 1] ?? 0) - ci) / dtS;
            const dI = (integral[upper] ?? 0) - (integral[lower] ?? 0);
            const dJ = (moment[upper] ?? 0) - (moment[lower] ?? 0);
            sum += (ci + slope * (tS - i * dtS)) * dI - slope * dJ;
          }
          const past = q - (t - 1) * sub;
          if (past > 0) sum += (aifDeltaHu[t - 1] ?? 0) * (integral[past] ?? 0);
          unit[q] = sum;
        }
        const model = s * mtts.length + m;
        for (let d = 0; d < this.delayCount; d++) {
          const index = model * this.delayCount + d;
          const base = index * t;
          const shift = this.minDelayIndex + d;
          let norm = 0;
          let first = t;
          for (let i = 0; i < t; i++) {
            const j = i * sub - shift;
            const value = j > 0 ? (unit[j] ?? 0) : 0;
            this.templates[base + i] = value;
            norm += value * value;
            if (value !== 0 && first === t) first = i;
          }
          this.firstFrame[index] = first;
          if (norm > 0) {
            const inverse = 1 / Math.sqrt(norm);
            this.inverseNorm[index] = inverse;
            for (let i = 0; i < t; i++) this.templates[base + i] = (this.templates[base + i] ?? 0) * inverse;
          }
        }
      });
    });
  }

  /** The template c_i = U(t_i − δ) of (shape index, MTT index, delay index), for the tests. */
  template(shapeIndex: number, mttIndex: number, delayIndex: number): Float64Array {
    const index = (shapeIndex * this.mttsS.length + mttIndex) * this.delayCount + delayIndex;
    const inverse = this.inverseNorm[index] ?? 0;
    const t = this.curveLength;
    return Float64Array.from(this.templates.subarray(index * t, (index + 1) * t), (v) =>
      inverse > 0 ? v / inverse : v,
    );
  }

  /** The delay (s) of a delay index. */
  delayOf(delayIndex: number): number {
    return (this.minDelayIndex + delayIndex) * this.fineStepS;
  }

  /** Starts a new set of cached scores (a new curve or shape). */
  private newGeneration(): void {
    if (this.generation === 0x7fffffff) {
      this.scoreStamp.fill(0);
      this.generation = 0;
    }
    this.generation++;
  }

  /**
   * ⟨ĉ, y⟩ = ⟨c, y⟩/‖c‖ for one template and the current curve y (`curve`); −∞ for an empty
   * template. Cached per (MTT, delay) for the current generation (one shape of one curve).
   */
  private score(s: number, m: number, d: number): number {
    const key = m * this.delayCount + d;
    if (this.scoreStamp[key] === this.generation) return this.scoreCache[key] as number;
    const index = (s * this.mttsS.length + m) * this.delayCount + d;
    const t = this.curveLength;
    const first = this.firstFrame[index] as number;
    let value = -Infinity;
    this.evaluations++;
    if (first < t) {
      const templates = this.templates;
      const y = this.curve;
      const base = index * t;
      let sum0 = 0;
      let sum1 = 0;
      let i = first;
      // indices in range by construction (base + i < templates.length, i < T): no `?? 0`.
      for (; i + 1 < t; i += 2) {
        sum0 += (templates[base + i] as number) * (y[i] as number);
        sum1 += (templates[base + i + 1] as number) * (y[i + 1] as number);
      }
      if (i < t) sum0 += (templates[base + i] as number) * (y[i] as number);
      value = sum0 + sum1;
    }
    this.scoreStamp[key] = this.generation;
    this.scoreCache[key] = value;
    return value;
  }

  /**
   * Fits one curve (ΔHU, on the arterial curve's grid), started at the MTT of `startMttS` (the
   * deconvolution's; the middle of the grid when not finite or not positive): for each shape, a pattern search
   * over (MTT, delay) with halving steps (MTT 4 grid steps, delay half a frame, down to 1 each) and moves along
   * the valley of constant first moment, each move to a neighbour of larger ⟨c, y⟩/‖c‖ (smaller residual); the
   * best of the shapes is kept. Writes `estimate`.
   */
  fit(curves: Float32Array, offset: number, startMttS: number): ResidueModelEstimate {
    const mttCount = this.mttsS.length;
    const shapeCount = this.shapes.length;
    let m0: number;
    if (startMttS > 0 && Number.isFinite(startMttS)) {
      const first = this.mttsS[0] ?? 1;
      const ratio = mttCount > 1 ? (this.mttsS[1] ?? 1) / first : 2;
      m0 = Math.round(Math.log(startMttS / first) / Math.log(ratio));
      m0 = Math.max(0, Math.min(mttCount - 1, m0));
    } else m0 = mttCount >> 1;
    // first moments: t̄(Ct) = t̄(Ca) + δ + μ_k·MTT (the means of convolved distributions add).
    let area = 0;
    let moment = 0;
    const curve = this.curve;
    for (let i = 0; i < this.curveLength; i++) {
      const v = curves[offset + i] ?? 0;
      curve[i] = v;
      area += v;
      moment += i * v;
    }
    const lagS = area > 0 ? (moment / area) * this.frameS - this.aifMeanS : Number.NaN;
    const sub = this.subdivisions;
    // and a scan of the delays at whole frames (first shape, starting MTT): robust where the curve is noise-
    // dominated and its moment is not. Coarse to fine: every SCAN_STRIDE_FRAMES-th frame, then the whole
    // frames next to the best.
    this.newGeneration();
    let dScan = 0;
    let scanBest = -Infinity;
    const stride = sub * SCAN_STRIDE_FRAMES;
    for (let k = 0; k < this.delayCount; k += stride) {
      const value = this.score(0, m0, k);
      if (value > scanBest) {
        scanBest = value;
        dScan = k;
      }
    }
    const coarse = dScan;
    for (let k = coarse - stride + sub; k < coarse + stride; k += sub) {
      if (k === coarse || k < 0 || k >= this.delayCount) continue;
      const value = this.score(0, m0, k);
      if (value > scanBest) {
        scanBest = value;
        dScan = k;
      }
    }
    const firstMoment = momentFactor(this.shapes[0] ?? 1);
    let best = -Infinity;
    let bs = 0;
    let bm = m0;
    let bd = 0;
    for (let s = 0; s < shapeCount; s++) {
      // (the scan's scores are shape 0's)
      if (s > 0) this.newGeneration();
      // every shape starts afresh at the starting MTT, at the better of two delays: the one its first moment
      // gives, and the scan's delay moved so the template's first moment stays where the scan put it. The
      // (shape, MTT, delay) valley is narrow and oblique (a later front with a steeper residue fits much as an
      // earlier one with a flatter residue): a search continued from a neighbouring shape's end stalled on it.
      let m = m0;
      const mttS = this.mttsS[m] ?? 0;
      let d = Number.isFinite(lagS)
        ? Math.round((lagS - momentFactor(this.shapes[s] ?? 1) * mttS) / this.fineStepS) - this.minDelayIndex
        : -this.minDelayIndex;
      d = Math.max(0, Math.min(this.delayCount - 1, d));
      let value = this.score(s, m, d);
      const shiftS = (firstMoment - momentFactor(this.shapes[s] ?? 1)) * mttS;
      const fromScan = Math.max(
        0,
        Math.min(this.delayCount - 1, dScan + Math.round(shiftS / this.fineStepS)),
      );
      if (fromScan !== d) {
        const other = this.score(s, m, fromScan);
        if (other > value) {
          value = other;
          d = fromScan;
        }
      }
      let mStep = 4;
      let dStep = Math.max(1, sub >> 1);
      // directions: ±MTT, ±delay and the four diagonals (the valley runs obliquely: with moves along one axis
      // alone the search stalled in it, on noiseless box curves too), and one fine delay step later or earlier
      // with the MTT that keeps the template's first moment δ + μ_k·MTT (valleyMtt): the valley's own direction,
      // 0.5 s of delay for 1 s of a box's MTT, 6 grid steps at 4 s, which no fixed diagonal follows (with noise,
      // the search without it stopped on box curves at a later front, a shorter MTT and a higher flow: on the
      // 2-HU phantom, every 4th voxel of seed 1, 18% of the box voxels off the exhaustive best, tile CBF bias
      // +10.6% instead of its +0.6%; with these moves 1.7% off, +0.7%).
      // In pairs 2n, 2n + 1 of opposite moves; the way back of the last move is skipped.
      let back = -1;
      for (;;) {
        let moved = false;
        for (let direction = 0; direction < DIRECTIONS; direction++) {
          if (direction === back) continue;
          const sign = (direction & 1) === 0 ? 1 : -1;
          const pair = direction >> 1;
          let nm: number;
          let nd: number;
          if (pair === 4) {
            nd = d + sign;
            nm = this.valleyMtt[(s * mttCount + m) * 2 + (direction & 1)] ?? -1;
          } else {
            nm = m + (pair === 1 ? 0 : sign * mStep);
            nd = d + (pair === 0 ? 0 : pair === 3 ? -sign * dStep : sign * dStep);
          }
          if (nm < 0 || nm >= mttCount || nd < 0 || nd >= this.delayCount) continue;
          const next = this.score(s, nm, nd);
          if (next > value) {
            value = next;
            m = nm;
            d = nd;
            moved = true;
            back = direction ^ 1;
          }
        }
        if (moved) continue;
        if (mStep === 1 && dStep === 1) break;
        mStep = Math.max(1, mStep >> 1);
        dStep = Math.max(1, dStep >> 1);
        back = -1;
      }
      if (value > best) {
        best = value;
        bs = s;
        bm = m;
        bd = d;
      }
    }
    const s = bs;
    const m = bm;
    const d = bd;
    const inverse = this.inverseNorm[(s * mttCount + m) * this.delayCount + d] ?? 0;
    const estimate = this.estimate;
    // a = ⟨c, y⟩ / ‖c‖² = score / ‖c‖.
    estimate.kMaxPerS = best > 0 ? best * inverse : 0;
    estimate.delayS = this.delayOf(d);
    estimate.mttS = this.mttsS[m] ?? 0;
    estimate.shape = this.shapes[s] ?? 0;
    return estimate;
  }
}

let cached: { aif: Float64Array; dtS: number; grid: ResidueModelGrid; fit: ResidueModelFit } | undefined;

function sameGrid(a: ResidueModelGrid, b: ResidueModelGrid): boolean {
  return (
    a.shapes.length === b.shapes.length &&
    a.shapes.every((k, i) => k === b.shapes[i]) &&
    a.minMttS === b.minMttS &&
    a.maxMttS === b.maxMttS &&
    a.mttRatio === b.mttRatio &&
    a.minDelayS === b.minDelayS &&
    a.maxDelayS === b.maxDelayS &&
    a.delaySubdivisions === b.delaySubdivisions
  );
}

/**
 * The templates for this arterial curve, step and grid: the last ones built are kept (one entry), so the
 * chunks of one study (and the chunks a worker thread maps) build them once. Deterministic: the same
 * arguments give the same templates, whether built or reused.
 */
export function residueModelFitFor(
  aifDeltaHu: Float64Array,
  dtS: number,
  grid: ResidueModelGrid,
): ResidueModelFit {
  if (
    cached !== undefined &&
    cached.dtS === dtS &&
    cached.aif.length === aifDeltaHu.length &&
    cached.aif.every((v, i) => Object.is(v, aifDeltaHu[i])) &&
    sameGrid(cached.grid, grid)
  )
    return cached.fit;
  const fit = new ResidueModelFit(aifDeltaHu, dtS, grid);
  cached = { aif: Float64Array.from(aifDeltaHu), dtS, grid: { ...grid, shapes: [...grid.shapes] }, fit };
  return fit;
}
