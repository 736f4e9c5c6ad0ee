// The synthetic head of the through-plane motion tests (not a test file itself): a slab rendered analytically
// per frame with known in-plane and through-plane movement.
import { createVolume, type Volume } from '@quantrad/imaging';
import { gaussianSampler, mulberry32, type RigidTransform } from '../src/index.ts';

// A 40×40×8 slab at 1 × 1 × 5 mm, rendered analytically for each frame: an elliptical skull (semi-axes
// 16 and 13 mm at z = 0) that narrows towards the vertex (by 1.2 % of its radius per mm of z, as a skull
// dome does), a bony nub whose density peaks at z = 15 mm (Gaussian, σ 6 mm), brain at 35 HU, air outside,
// and an artery in the middle slices that enhances to +400 HU in frames 4 and 5. Each slice averages
// 11 points across its 5 mm thickness (a CT slice's profile), so the frames are not built by the
// interpolation the estimator uses.
export const N = 40;
export const NZ = 8;
export const SLICE_MM = 5;
const CENTRE = (N - 1) / 2;

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

function headHu(x: number, y: number, z: number, arteryDeltaHu: number): number {
  const scale = Math.max(0.3, 1 - 0.012 * z);
  const r = Math.hypot(x / (16 * scale), y / (13 * scale));
  const bone = logistic((r - 0.82) / 0.07) * logistic((1 - r) / 0.07);
  const inside = logistic((1 - r) / 0.07);
  const nub = 900 * Math.exp(-((x - 6) ** 2 + (y + 5) ** 2) / 6) * Math.exp(-((z - 15) ** 2) / 72);
  const artery = z > 10 && z < 30 ? arteryDeltaHu * Math.exp(-((x + 4) ** 2 + (y - 2) ** 2) / 2) : 0;
  return -1000 + 1035 * inside + 1100 * bone + nub + artery;
}

export interface Move {
  readonly inPlane: RigidTransform;
  readonly tzMm: number;
}

/** Frame t shows the head moved by (R, t, tz): slice k at z_k shows the anatomy at z_k − tz. */
export function render(
  moves: readonly Move[],
  noiseHu = 0,
  seed = 1,
  sliceMm = SLICE_MM,
  nz = NZ,
): Volume<Float32Array> {
  const noise = gaussianSampler(mulberry32(seed));
  const perFrame = N * N * nz;
  const data = new Float32Array(perFrame * moves.length);
  moves.forEach(({ inPlane, tzMm }, t) => {
    const theta = (inPlane.rotationDeg * Math.PI) / 180;
    const arteryDeltaHu = t === 4 || t === 5 ? 400 : 0;
    for (let k = 0; k < nz; k++) {
      for (let j = 0; j < N; j++) {
        for (let i = 0; i < N; i++) {
          const qx = i - CENTRE - inPlane.txMm;
          const qy = j - CENTRE - inPlane.tyMm;
          const x = Math.cos(theta) * qx + Math.sin(theta) * qy;
          const y = -Math.sin(theta) * qx + Math.cos(theta) * qy;
          let sum = 0;
          for (let s = -5; s <= 5; s++)
            sum += headHu(x, y, k * sliceMm + (s * sliceMm) / 10 - tzMm, arteryDeltaHu);
          data[t * perFrame + i + N * (j + N * k)] = sum / 11 + noiseHu * noise();
        }
      }
    }
  });
  return createVolume({
    data,
    dims: [N, N, nz],
    spacingMm: [1, 1, sliceMm],
    frames: moves.length,
    frameTimesS: moves.map((_, t) => 2 * t),
  });
}
