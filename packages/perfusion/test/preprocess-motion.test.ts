import { describe, expect, it } from 'vitest';
import { createVolume, type Volume } from '@quantrad/imaging';
import {
  correctMotion,
  displacementMm,
  estimateMotion,
  excludeFrames,
  motionReport,
  throughPlaneWarning,
  type RigidTransform,
} from '../src/index.ts';
import { motionSchema, preprocessDefaults } from '../src/preprocess/preprocess-defaults.ts';

// A 48×48×2 head at 1 mm in-plane: an elliptical skull (semi-axes 18 and 14 mm) with edges blurred over
// about 1 mm (logistic scale 0.07 of the radius, as a reconstructed CT edge is, not a step), a bony
// nub that breaks its symmetry, brain at 35 HU, air outside, and an artery that enhances to 250 HU in
// frames 2 and 3. Each frame is rendered analytically from the moved head (not resampled), so the truth
// does not depend on the code under test.
const N = 48;
const CENTRE = (N - 1) / 2;

function smoothStep(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function headHu(x: number, y: number, arteryDeltaHu: number): number {
  const r = Math.hypot(x / 18, y / 14);
  const bone = smoothStep((r - 0.82) / 0.07) * smoothStep((1 - r) / 0.07);
  const nub = Math.exp(-((x - 9) ** 2 + (y + 9) ** 2) / 8);
  const inside = smoothStep((1 - r) / 0.07);
  const artery = Math.exp(-((x + 6) ** 2 + (y - 3) ** 2) / 2);
  return -1000 + 1035 * inside + 1100 * bone + 800 * nub + arteryDeltaHu * artery;
}

/** Frame showing the head moved by T: I_t(q) = I_ref(T⁻¹(q)), T⁻¹(q) = Rᵀ(q − t). */
function renderFrames(transforms: readonly RigidTransform[]): Volume<Float32Array> {
  const perFrame = N * N * 2;
  const data = new Float32Array(perFrame * transforms.length);
  transforms.forEach((tr, t) => {
    const theta = (tr.rotationDeg * Math.PI) / 180;
    const arteryDeltaHu = t === 2 || t === 3 ? 250 : 0;
    for (let k = 0; k < 2; k++) {
      for (let j = 0; j < N; j++) {
        for (let i = 0; i < N; i++) {
          const qx = i - CENTRE - tr.txMm;
          const qy = j - CENTRE - tr.tyMm;
          const x = Math.cos(theta) * qx + Math.sin(theta) * qy;
          const y = -Math.sin(theta) * qx + Math.cos(theta) * qy;
          data[t * perFrame + i + N * (j + N * k)] = headHu(x, y, arteryDeltaHu);
        }
      }
    }
  });
  return createVolume({
    data,
    dims: [N, N, 2],
    spacingMm: [1, 1, 5],
    frames: transforms.length,
    frameTimesS: transforms.map((_, t) => 2 * t),
  });
}

const TRUTH: RigidTransform[] = [
  { txMm: 0, tyMm: 0, rotationDeg: 0 },
  { txMm: 1.3, tyMm: -0.7, rotationDeg: 2 },
  { txMm: -2.4, tyMm: 1.1, rotationDeg: -3.5 },
  { txMm: 0.1, tyMm: 0.1, rotationDeg: 0.1 },
  { txMm: 6.5, tyMm: 0, rotationDeg: 1 },
];

describe('estimateMotion', () => {
  const ct = renderFrames(TRUTH);
  const estimate = estimateMotion(ct);

  it('recovers known in-plane shifts and rotations within 0.5 mm and 0.5°', () => {
    TRUTH.forEach((truth, t) => {
      const found = estimate.transforms[t];
      expect(found, `frame ${t}`).toBeDefined();
      if (!found) return;
      expect(Math.abs(found.txMm - truth.txMm), `frame ${t} x`).toBeLessThan(0.5);
      expect(Math.abs(found.tyMm - truth.tyMm), `frame ${t} y`).toBeLessThan(0.5);
      expect(Math.abs(found.rotationDeg - truth.rotationDeg), `frame ${t} rotation`).toBeLessThan(0.5);
    });
  });

  it('reports each frame’s displacement within 50 mm of the centre, and what is done with it', () => {
    // |t| + 2·50·sin(|θ|/2) from the truth: frame 1 1.476 + 1.745 = 3.22 mm (corrected); frame 2
    // 2.642 + 3.054 = 5.70 mm (excluded, over 5); frame 3 0.141 + 0.087 = 0.23 mm (ok, under 0.5); frame 4
    // 6.5 + 0.873 = 7.37 mm (excluded). Tolerance 0.5 mm: well inside the gaps to the limits.
    const expected = [0, 3.22, 5.7, 0.23, 7.37];
    expected.forEach((mm, t) => {
      expect(Math.abs((estimate.displacementsMm[t] ?? NaN) - mm), `frame ${t}`).toBeLessThan(0.5);
    });
    const report = motionReport(estimate.displacementsMm);
    expect(report.map((r) => r.action)).toEqual(['ok', 'corrected', 'excluded', 'ok', 'excluded']);
  });

  it('refuses a reference frame outside the volume and a volume without bone', () => {
    expect(() => estimateMotion(ct, { referenceFrame: 5 })).toThrow(/referenceFrame/);
    const flat = createVolume({ data: new Float32Array(8).fill(30), dims: [2, 2, 1], frames: 2 });
    expect(() => estimateMotion(flat)).toThrow(/no bone/);
  });
});

describe('correctMotion', () => {
  it('moves a frame shifted by whole voxels back exactly onto the reference', () => {
    // Frame 1 is frame 0 moved by (+2, −1) voxels: frame1(q) = frame0(q − (2, −1)). The correction samples
    // frame 1 at p + (2, −1), which is frame0(p), exactly (no interpolation between voxels).
    const ct = renderFrames([
      TRUTH[0] ?? { txMm: 0, tyMm: 0, rotationDeg: 0 },
      { txMm: 2, tyMm: -1, rotationDeg: 0 },
    ]);
    const corrected = correctMotion(ct, [
      { txMm: 0, tyMm: 0, rotationDeg: 0 },
      { txMm: 2, tyMm: -1, rotationDeg: 0 },
    ]);
    const perFrame = N * N * 2;
    for (let j = 2; j < N - 2; j++) {
      for (let i = 2; i < N - 3; i++) {
        const v = i + N * j;
        expect(corrected.data[perFrame + v]).toBeCloseTo(ct.data[v] ?? NaN, 2);
      }
    }
  });

  it('cuts the difference from the reference of rotated frames by over 90%', () => {
    const ct = renderFrames(TRUTH.slice(0, 3));
    const estimate = estimateMotion(ct);
    const corrected = correctMotion(ct, estimate.transforms);
    const perFrame = N * N * 2;
    const rms = (data: Float32Array, frame: number): number => {
      let sum = 0;
      for (let v = 0; v < perFrame; v++) sum += ((data[frame * perFrame + v] ?? 0) - (ct.data[v] ?? 0)) ** 2;
      return Math.sqrt(sum / perFrame);
    };
    // Frames 1 and 2 without artery enhancement in frame 1; frame 2's artery (250 HU over ~6 voxels) stays
    // as a true difference, so frame 1 is the clean check and frame 2 a looser one.
    expect(rms(corrected.data, 1)).toBeLessThan(0.1 * rms(ct.data, 1));
    expect(rms(corrected.data, 2)).toBeLessThan(0.25 * rms(ct.data, 2));
  });

  it('refuses a transform list of the wrong length', () => {
    const ct = renderFrames(TRUTH.slice(0, 2));
    expect(() => correctMotion(ct, [])).toThrow(/transforms has 0 entries/);
  });
});

describe('motionReport and displacementMm', () => {
  it('classifies frames against the limits, boundaries included', () => {
    // Limits (data/preprocess-defaults.json): ok ≤ 0.5 mm, corrected ≤ 5 mm, excluded beyond.
    const report = motionReport([0, 0.5, 0.51, 5, 5.01]);
    expect(report.map((r) => r.action)).toEqual(['ok', 'ok', 'corrected', 'corrected', 'excluded']);
    expect(report[4]?.reason).toMatch(/5\.01 mm, beyond 5\.00 mm.*IV\.C\.3/);
    expect(() => motionReport([0, -1])).toThrow(/displacementsMm\[1\]/);
  });

  it('combines in-plane and through-plane movement and notes the uncorrected through-plane part', () => {
    // √(0.3² + 0.4²) = 0.5 → ok; √(3² + 4²) = 5 → corrected; √(0.2² + 1²) = 1.02 → corrected (through-plane
    // not corrected); √(4² + 3.1²) = 5.06 → excluded.
    const report = motionReport([0.3, 3, 0.2, 4], undefined, [0.4, -4, 1, 3.1]);
    expect(report.map((r) => r.action)).toEqual(['ok', 'corrected', 'corrected', 'excluded']);
    expect(report[1]?.displacementMm).toBeCloseTo(5, 12);
    expect(report[1]).toMatchObject({ inPlaneMm: 3, throughPlaneMm: -4 });
    expect(report[1]?.reason).toMatch(
      /resampled onto the reference frame in-plane; -4\.00 mm through-plane not corrected/,
    );
    expect(report[2]?.reason).toMatch(/used as acquired; 1\.00 mm through-plane not corrected/);
    expect(report[3]?.displacementMm).toBeCloseTo(Math.hypot(4, 3.1), 12);
    // Frames 1 and 2 are kept with more than 0.5 mm through-plane; frame 3 is excluded (warned elsewhere).
    expect(throughPlaneWarning(report)).toBe(
      'frames 1 (-4.00 mm), 2 (1.00 mm) moved through-plane by more than 0.50 mm; not corrected (ACR CTP IV.C.3: consider its effect on the maps)',
    );
    expect(throughPlaneWarning(motionReport([1, 2]))).toBeUndefined();
    expect(motionReport([1])[0]).not.toHaveProperty('throughPlaneMm');
    expect(() => motionReport([0, 1], undefined, [0])).toThrow(/throughPlaneMm has 1 frames/);
    expect(() => motionReport([0, 1], undefined, [0, NaN])).toThrow(/throughPlaneMm\[1\]/);
  });

  it('excludes a frame whose through-plane shift lay at the edge of the search range (at least that much)', () => {
    // Frame 1: 3 mm at the edge of a search bounded by a short slab, so ≥ 3 mm, unknown: excluded although
    // √(0.1² + 3²) = 3.002 mm is under correctMaxMm. Frame 2: 3 mm measured inside the range: corrected.
    const report = motionReport([0, 0.1, 0.1], undefined, [0, -3, 3], [0, 1, 0]);
    expect(report.map((r) => r.action)).toEqual(['ok', 'excluded', 'corrected']);
    expect(report[1]?.reason).toMatch(/at least 3\.00 mm through-plane \(the edge of the search range\)/);
    expect(() => motionReport([0, 1], undefined, undefined, [0, 1])).toThrow(/beyondSearchRange/);
    expect(() => motionReport([0, 1], undefined, [0, 1], [0])).toThrow(/beyondSearchRange/);
  });

  it('adds the rotation’s sweep at the sphere radius to the translation', () => {
    // t = (3, 4) → 5 mm; 60° at r = 50 mm sweeps 2·50·sin 30° = 50 mm.
    expect(displacementMm({ txMm: 3, tyMm: 4, rotationDeg: 60 }, 50)).toBeCloseTo(55, 10);
    expect(displacementMm({ txMm: 0, tyMm: 0, rotationDeg: -60 }, 50)).toBeCloseTo(50, 10);
  });
});

describe('excludeFrames', () => {
  it('drops frames and keeps the others’ times', () => {
    const ct = renderFrames(TRUTH.slice(0, 4));
    const kept = excludeFrames(ct, [1, 3]);
    expect(kept.frames).toBe(2);
    expect(kept.frameTimesS).toEqual([0, 4]);
    const perFrame = N * N * 2;
    expect(kept.data[perFrame + 100]).toBe(ct.data[2 * perFrame + 100]);
    expect(() => excludeFrames(ct, [4])).toThrow(/frame 4/);
    expect(() => excludeFrames(ct, [0, 1, 2])).toThrow(/only 1 frame/);
  });
});

describe('the motion section of data/preprocess-defaults.json', () => {
  const motion = preprocessDefaults.motion;
  it('holds the through-plane refinement settings, checked when loaded', () => {
    expect(motion.throughPlaneJointRounds).toBe(2);
    expect(motion.throughPlaneInPlaneStepStartMm).toBe(0.5);
    expect(motion.throughPlaneInPlaneStepStopMm).toBe(0.005);
    expect(motionSchema.safeParse(motion).success).toBe(true);
    const fractional = motionSchema.safeParse({ ...motion, throughPlaneJointRounds: 1.5 });
    expect(fractional.error?.issues[0]?.path).toEqual(['throughPlaneJointRounds']);
    const negative = motionSchema.safeParse({ ...motion, throughPlaneInPlaneStepStopMm: -0.005 });
    expect(negative.error?.issues[0]?.path).toEqual(['throughPlaneInPlaneStepStopMm']);
    const inverted = motionSchema.safeParse({ ...motion, throughPlaneInPlaneStepStopMm: 1 });
    expect(inverted.error?.message).toMatch(/throughPlaneInPlaneStepStopMm must not exceed/);
  });
});
