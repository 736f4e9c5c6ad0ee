import { describe, expect, it } from 'vitest';
import {
  displacementMm,
  estimateMotion,
  estimateMotionInWorkers,
  judgeMotion,
  PerfusionWorkerPool,
  preprocessDefaults,
  resampledInPlane,
  type RigidTransform,
} from '../src/index.ts';
import { render } from './synthetic-head.ts';

const limits = preprocessDefaults.motion;
const still: RigidTransform = { txMm: 0, tyMm: 0, rotationDeg: 0 };

// Issue 8 §2.1 review: estimateMotion, registering in-plane without z, turns part of a pure z shift into an
// in-plane rotation (on this head 3 mm read −1.7°, 1.54 mm in-plane; 4.5 mm read −2.6°, 2.38 mm), so judging
// the frame on hypot(that in-plane displacement, z) counted one movement twice: 3 mm read 3.37 mm combined and
// 4.5 mm read 5.09 mm, excluded under correctMaxMm (5 mm). judgeMotion judges on the transforms refined with z.
// Tolerance of the combined displacement: 0.15 mm (the through-plane estimate reads known shifts within
// 0.08 mm on this head; the refined in-plane residue was at most 0.09 mm at the 50 mm sphere; measured worst
// here 0.05 mm). Refined rotations: at most 0.10° measured, asserted within 0.2° (the old 1.6-2.8° fail it).
describe('judgeMotion: a frame moved only along z is judged on its true movement', () => {
  const shifts = [0, 3, 4.5, -3, -4.5];
  describe.each([
    [1, 0],
    [2.5, 0],
    [5, 0],
    [1, 20],
    [2.5, 20],
    [5, 20],
  ])('on %s-mm slices, %s HU noise', (sliceMm, noiseHu) => {
    it('keeps pure z shifts of 3 and 4.5 mm, reads |tz| combined, and does not rotate them', () => {
      const ct = render(
        shifts.map((tzMm) => ({ inPlane: still, tzMm })),
        noiseHu,
        3,
        sliceMm,
        Math.round(40 / sliceMm),
      );
      const judged = judgeMotion(ct, estimateMotion(ct));
      expect(judged.throughPlane.determinable).toBe(true);
      shifts.forEach((tzMm, t) => {
        const frame = judged.frames[t];
        const transform = judged.transforms[t] ?? still;
        const label = `frame ${t}, tz ${tzMm} mm`;
        expect(frame?.action, label).toBe(tzMm === 0 ? 'ok' : 'corrected');
        expect(Math.abs((frame?.displacementMm ?? NaN) - Math.abs(tzMm)), label).toBeLessThan(0.15);
        expect(Math.abs(transform.rotationDeg), label).toBeLessThan(0.2);
        // the report states the transform it was judged on, and its displacement is the in-plane part.
        expect(frame?.inPlaneTransform, label).toBe(transform);
        expect(frame?.inPlaneMm, label).toBeCloseTo(displacementMm(transform, limits.sphereRadiusMm), 12);
        // in-plane within okMaxMm: used as acquired (only z moved, which is not corrected), not resampled.
        if (frame !== undefined) expect(resampledInPlane(frame), label).toBe(false);
      });
    }, 60_000);
  });
});

// runPerfusion with workers estimates in-plane motion in blocks (estimateMotionInWorkers, the same to about
// 0.01 mm / 0.01°) and judges it with the same judgeMotion: the refined transforms and decisions must agree.
describe('judgeMotion after the worker estimate', () => {
  it('gives the single-thread transforms and decisions on pure and mixed moves', async () => {
    const moves = [
      { inPlane: still, tzMm: 0 },
      { inPlane: still, tzMm: 3 },
      { inPlane: still, tzMm: 4.5 },
      { inPlane: { txMm: 1.2, tyMm: -0.8, rotationDeg: 2 }, tzMm: 1.5 },
      { inPlane: { txMm: -0.5, tyMm: 0.4, rotationDeg: -1 }, tzMm: 0 },
      { inPlane: still, tzMm: -4.5 },
    ];
    const ct = render(moves, 20, 5, 2.5, 16);
    const serial = judgeMotion(ct, estimateMotion(ct));
    const pool = await PerfusionWorkerPool.create({ workers: 2 });
    let parallel;
    try {
      parallel = judgeMotion(ct, await estimateMotionInWorkers(ct, {}, { pool }));
    } finally {
      await pool.close();
    }
    expect(parallel.frames.map((f) => f.action)).toEqual(serial.frames.map((f) => f.action));
    expect(serial.frames.map((f) => f.action)).toEqual([
      'ok',
      'corrected',
      'corrected',
      'corrected',
      'corrected',
      'corrected',
    ]);
    parallel.transforms.forEach((t, f) => {
      const s = serial.transforms[f] ?? still;
      expect(Math.abs(t.txMm - s.txMm), `frame ${f}`).toBeLessThan(0.01);
      expect(Math.abs(t.tyMm - s.tyMm), `frame ${f}`).toBeLessThan(0.01);
      expect(Math.abs(t.rotationDeg - s.rotationDeg), `frame ${f}`).toBeLessThan(0.01);
      expect(
        Math.abs((parallel.frames[f]?.displacementMm ?? NaN) - (serial.frames[f]?.displacementMm ?? NaN)),
      ).toBeLessThan(0.01);
    });
  }, 60_000);
});
