import { createVolume } from '@quantrad/imaging';
import { describe, expect, it } from 'vitest';
import { CirculantDeconvolver } from '../src/deconvolution/circulant-deconvolver.ts';
import {
  CurvePreparation,
  deconvolve,
  oscillationIndex,
  smoothInPlane,
  writeResiduePeak,
} from '../src/index.ts';
import { gaussianSampler, mulberry32 } from '../src/index.ts';
import { aifCurve, sampleTimes, tissueCurve, type TissueTruth } from './deconvolution-synthetic.ts';

const dtS = 1;
const times = sampleTimes(40, dtS);
const T = times.length;
const aif = aifCurve(times);

describe('oSVD threshold search', () => {
  it('picks the same filter as a plain scan of the threshold grid, and its residue', () => {
    // Reference, independent of the bisection: solveTruncated at every grid threshold from 0.01 up, the first
    // whose oscillation index (oscillation-index.ts) is below 0.095. On these noiseless curves OI falls
    // monotonically with the threshold, so the bisection over distinct filters must land on the same filter.
    const truths: TissueTruth[] = [
      { cbfMl100gMin: 60, mttS: 4, delayS: 0, shape: 'exp' },
      { cbfMl100gMin: 20, mttS: 10, delayS: 2.5, shape: 'gamma' },
      { cbfMl100gMin: 40, mttS: 6, delayS: 1, shape: 'box' },
    ];
    const noise = gaussianSampler(mulberry32(7));
    for (const truth of truths) {
      for (const noiseHu of [0, 1]) {
        const curve = Float32Array.from(tissueCurve(times, truth), (v) => v + noiseHu * noise());
        const fast = new CirculantDeconvolver(aif, dtS, 2);
        fast.loadTissue(curve, 0);
        const chosen = fast.solveOscillationLimited(0.095, 0.01, 0.95, 0.01);
        const fastResidue = Float64Array.from(fast.residue);

        const plain = new CirculantDeconvolver(aif, dtS, 2);
        plain.loadTissue(curve, 0);
        let reference = 0.95;
        for (let g = 0; g <= 94; g++) {
          const threshold = 0.01 + g * 0.01;
          plain.solveTruncated(threshold);
          if (oscillationIndex(plain.residue, plain.paddedLength) < 0.095) {
            reference = threshold;
            break;
          }
        }
        plain.solveTruncated(reference);
        if (noiseHu === 0) expect(chosen).toBeCloseTo(reference, 10);
        // with noise OI need not be monotone; the filter chosen must still pass and its residue be exact.
        plain.solveTruncated(chosen);
        expect(oscillationIndex(fast.residue, fast.paddedLength)).toBeLessThan(0.095);
        fastResidue.forEach((value, i) => {
          expect(value).toBeCloseTo(plain.residue[i] ?? Number.NaN, 9);
        });
      }
    }
  });

  it('bSVD through the half-length real inverse FFT equals a direct inverse DFT of the filtered spectrum', () => {
    // a unit impulse as the "AIF" makes the residue the tissue curve itself when every bin is kept
    // (threshold below the smallest |A_f| = dt): the round trip must give the curve back exactly.
    const impulse = new Float64Array(T);
    impulse[0] = 1;
    const curve = Float32Array.from(
      tissueCurve(times, { cbfMl100gMin: 50, mttS: 5, delayS: 1.5, shape: 'exp' }),
    );
    const solver = new CirculantDeconvolver(impulse, dtS, 2);
    solver.loadTissue(curve, 0);
    solver.solveTruncated(0.5);
    for (let i = 0; i < solver.paddedLength; i++)
      expect(solver.residue[i]).toBeCloseTo(i < T ? (curve[i] ?? 0) : 0, 6);
  });
});

describe('writeResiduePeak', () => {
  const kMax = new Float32Array(1);
  const tmax = new Float32Array(1);
  it("'peak': the vertex of the parabola through the largest sample and its neighbours", () => {
    // samples 1, 3, 2 at 1, 2, 3: vertex at 2 + 0.5·(1 − 2)/(1 − 6 + 2) = 2 + 1/6; dt 0.5 s → 1.0833 s.
    writeResiduePeak(Float64Array.from([0, 1, 3, 2, 0, 0, 0, 0]), 8, 0.5, 8, 0, kMax, tmax);
    expect(kMax[0]).toBe(3);
    expect(tmax[0]).toBeCloseTo((2 + 1 / 6) * 0.5, 6);
  });
  it("'half-rise': the front's half-maximum crossing, interpolated", () => {
    // max 1 at 3; back to sample 2 (0.2 < 0.5): 2 + (0.5 − 0.2)/(1 − 0.2) = 2.375 samples.
    writeResiduePeak(Float64Array.from([0, 0, 0.2, 1, 0.8, 0.6, 0, 0]), 8, 1, 8, 0, kMax, tmax, 'half-rise');
    expect(tmax[0]).toBeCloseTo(2.375, 6);
    // a front that wraps past 0 on a circulant solution (L = 8, read as negative from index 6):
    // max at 0, back to index 7 (0.6 ≥ 0.5), then 6 (0.1): 6 + 0.4/0.5 = 6.8 → 6.8 − 8 = −1.2 samples.
    writeResiduePeak(
      Float64Array.from([1, 0.7, 0.3, 0, 0, 0, 0.1, 0.6]),
      8,
      1,
      6,
      0,
      kMax,
      tmax,
      'half-rise',
    );
    expect(tmax[0]).toBeCloseTo(-1.2, 6);
  });
});

describe('CurvePreparation', () => {
  it('upsamples linearly by a whole factor and filters with a normalised Gaussian', () => {
    const prep = new CurvePreparation(3, 2, 0);
    expect(Array.from(prep.prepare(Float32Array.from([0, 2, 6]), 0))).toEqual([0, 1, 2, 4, 6]);
    expect(Array.from(prep.upsampleAif(Float64Array.from([4, 0, 0])))).toEqual([4, 2, 0, 0, 0]);
    // σ = 1 sample, radius 3; a constant stays constant (weights renormalised at the ends).
    const smooth = new CurvePreparation(6, 1, 1);
    for (const v of smooth.prepare(Float32Array.from([5, 5, 5, 5, 5, 5]), 0)) expect(v).toBeCloseTo(5, 5);
    // the middle of [0,0,0,1,0,0,0] becomes w0 / (w0 + 2w1 + 2w2 + 2w3), w_d = exp(−d²/2).
    const impulse = new CurvePreparation(7, 1, 1).prepare(Float32Array.from([0, 0, 0, 1, 0, 0, 0]), 0);
    const [w1, w2, w3] = [Math.exp(-0.5), Math.exp(-2), Math.exp(-4.5)];
    expect(impulse[3]).toBeCloseTo(1 / (1 + 2 * (w1 + w2 + w3)), 6);
  });

  it('deconvolve with upsampling keeps CBF and the delay (noiseless gamma residue)', () => {
    // k on a finer grid: CBF within 10% of the 1-s grid's, Tmax not early and within 0.5 s of the 1-s grid's
    // (both late by the oSVD blur of the gamma residue's flat top, measured about 1.6 s).
    const truth: TissueTruth = { cbfMl100gMin: 30, mttS: 8, delayS: 1.5, shape: 'gamma' };
    const curve = Float32Array.from(tissueCurve(times, truth));
    const coarse = deconvolve(aif, curve, T, dtS, { method: 'osvd' });
    const fine = deconvolve(aif, curve, T, dtS, { method: 'osvd', upsampleFactor: 2 });
    expect(Math.abs((fine.kMaxPerS[0] ?? 0) / (coarse.kMaxPerS[0] ?? 1) - 1)).toBeLessThan(0.1);
    expect((fine.tmaxS[0] ?? 0) - 1.5).toBeGreaterThanOrEqual(0);
    expect(Math.abs((fine.tmaxS[0] ?? 0) - (coarse.tmaxS[0] ?? 0))).toBeLessThanOrEqual(0.5);
    expect(() => deconvolve(aif, curve, T, dtS, { method: 'osvd', upsampleFactor: 1.5 })).toThrow(
      /upsampleFactor/,
    );
    expect(() => deconvolve(aif, curve, T, dtS, { method: 'osvd', smoothingSigmaS: -1 })).toThrow(
      /smoothingSigmaS/,
    );
  });
});

describe('smoothInPlane', () => {
  it('keeps a constant, keeps values outside the mask out, and lowers white noise to s/(2·√(π·σx·σy))', () => {
    const nx = 80;
    const ny = 80;
    const noiseFrames = 8;
    const frames = 1 + noiseFrames;
    const mask = new Uint8Array(nx * ny);
    for (let y = 0; y < ny; y++) for (let x = 0; x < 70; x++) mask[x + nx * y] = 1;
    const noise = gaussianSampler(mulberry32(3));
    const data = new Float32Array(nx * ny * frames);
    for (let t = 0; t < frames; t++)
      for (let y = 0; y < ny; y++)
        for (let x = 0; x < nx; x++) {
          // frame 0: tissue 40 HU, "bone" 1000 HU outside the mask; then SD 10 noise frames in the mask.
          if (t === 0) data[x + nx * y] = x < 70 ? 40 : 1000;
          else data[t * nx * ny + x + nx * y] = x < 70 ? 10 * noise() : 0;
        }
    const frameTimesS = Array.from({ length: frames }, (_, t) => t);
    const ct = createVolume({ data, dims: [nx, ny, 1], spacingMm: [1, 1, 5], frames, frameTimesS });
    const out = smoothInPlane(ct, mask, 1.5);
    for (let y = 0; y < ny; y++) {
      expect(out.data[69 + nx * y]).toBeCloseTo(40, 4); // next to the bone: no bleed
      expect(out.data[75 + nx * y]).toBe(1000); // outside: unchanged
    }
    // interior SD: 10 / (2·√(π·1.5·1.5)) = 1.88 (Σw²/(Σw)² of a 2-D Gaussian is 1/(4πσ²)); within 10%
    // (8 frames × 58² voxels, about 8·58²/(4πσ²) ≈ 950 independent values: SD known to ~2.5%).
    let sum = 0;
    let squares = 0;
    let n = 0;
    for (let t = 1; t < frames; t++)
      for (let y = 6; y < 74; y++)
        for (let x = 6; x < 64; x++) {
          const v = out.data[t * nx * ny + x + nx * y] ?? 0;
          sum += v;
          squares += v * v;
          n++;
        }
    const sd = Math.sqrt(squares / n - (sum / n) ** 2);
    const expected = 10 / (2 * Math.sqrt(Math.PI * 1.5 * 1.5));
    expect(sd).toBeGreaterThan(expected * 0.9);
    expect(sd).toBeLessThan(expected * 1.1);
    expect(() => smoothInPlane(ct, new Uint8Array(3), 1)).toThrow(/mask/);
  });
});
