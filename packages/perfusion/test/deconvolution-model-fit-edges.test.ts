import { describe, expect, it } from 'vitest';
import {
  deconvolutionDefaults,
  deconvolve,
  defaultPerfusionConstants,
  digitalPhantomDesign,
  gammaVariate,
  tissueCurveDeltaHu,
} from '../src/index.ts';

// The model fit (data/deconvolution-defaults.json modelFit) must not report a fit that sits on the edge of its
// template grid: past the largest delay the search trades delay for MTT and flow. Such voxels, and curves
// with a non-finite sample, keep the oSVD's own values (the same as with modelFit false).

const FRAMES = 60;
const timesS = Array.from({ length: FRAMES }, (_, t) => t);
const aif = Float64Array.from(timesS, (t) => gammaVariate(t, digitalPhantomDesign.aif));
const { haematocritFactor: kH, tissueDensityGPerMl: rho } = defaultPerfusionConstants;
const CBF_ML100G_MIN = 43.4;
/** max k = (ρ/kH)·CBF/6000 (1/s) for the tissue below. */
const trueKMaxPerS = ((rho / kH) * CBF_ML100G_MIN) / 6000;

function curves(delaysS: readonly number[]): Float32Array {
  const out = new Float32Array(delaysS.length * FRAMES);
  delaysS.forEach((delayS, n) => {
    const curve = tissueCurveDeltaHu(timesS, digitalPhantomDesign.aif, {
      residue: 'exp',
      mttS: 4,
      cbfMl100gMin: CBF_ML100G_MIN,
      delayS,
    });
    out.set(Float32Array.from(curve), n * FRAMES);
  });
  return out;
}

describe('model fit at the edge of its grid', () => {
  const maxDelayS = deconvolutionDefaults.modelFit.maxDelayS;

  it('recovers flow and delay inside the grid, and leaves a delay past it to the oSVD', () => {
    // Delays 6 s (inside) and maxDelayS + 3 s (outside the grid, which ends at maxDelayS).
    const tissue = curves([6, maxDelayS + 3]);
    const fitted = deconvolve(aif, tissue, FRAMES, 1, { method: 'osvd' });
    const plain = deconvolve(aif, tissue, FRAMES, 1, { method: 'osvd', modelFit: false });
    // Inside: the fit's flow within 3% of the truth and its delay exactly 6 s, where the oSVD residue's
    // maximum reads low and late.
    expect(Math.abs((fitted.kMaxPerS[0] ?? 0) / trueKMaxPerS - 1)).toBeLessThan(0.03);
    expect(fitted.tmaxS[0]).toBeCloseTo(6, 5);
    expect(plain.kMaxPerS[0] ?? 0).toBeLessThan(0.9 * trueKMaxPerS);
    // Outside: the fit would say Tmax = maxDelayS with a much smaller flow; the oSVD values stand instead.
    expect(fitted.kMaxPerS[1]).toBe(plain.kMaxPerS[1]);
    expect(fitted.tmaxS[1]).toBe(plain.tmaxS[1]);
    expect(fitted.tmaxS[1] ?? 0).toBeGreaterThan(maxDelayS + 2);
  });

  it('does not fit a curve with a non-finite sample', () => {
    const tissue = curves([4, 4]);
    tissue[FRAMES + 3] = Number.NaN; // second voxel, frame 3 (before its bolus)
    const fitted = deconvolve(aif, tissue, FRAMES, 1, { method: 'osvd' });
    const plain = deconvolve(aif, tissue, FRAMES, 1, { method: 'osvd', modelFit: false });
    expect(fitted.tmaxS[0]).toBeCloseTo(4, 5);
    expect(Object.is(fitted.kMaxPerS[1], plain.kMaxPerS[1])).toBe(true);
    expect(Object.is(fitted.tmaxS[1], plain.tmaxS[1])).toBe(true);
  });
});
