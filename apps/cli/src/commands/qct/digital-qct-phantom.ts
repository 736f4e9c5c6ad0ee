import { createVolume, type Volume } from '@quantrad/imaging';

// A digital QCT phantom: synthetic CT volumes with known truth, for `quantrad qct phantom`, the examples and
// the tests. Every region is filled with one HU value, so each measured mean is known exactly and every
// expected result can be worked by hand.

/** The calibration line the spine phantom's rods follow: HU = 5 + 1.2 × density (K2HPO4 mg/cm³). */
export const TRUE_INTERCEPT_HU = 5;
export const TRUE_SLOPE_HU_PER_MG_CM3 = 1.2;
export const huOfDensity = (densityMgCm3: number): number =>
  TRUE_INTERCEPT_HU + TRUE_SLOPE_HU_PER_MG_CM3 * densityMgCm3;

export const ROD_DENSITIES_MG_CM3 = [0, 100, 200] as const;
/** Trabecular vBMD of each vertebra: L1 100, L2 70, L3 90 mg/cm³ (HU 125, 89, 113). */
export const VERTEBRA_BMD_MG_CM3 = { L1: 100, L2: 70, L3: 90 } as const;
export const VERTEBRA_SLICES = { L1: [1, 6], L2: [9, 14], L3: [17, 22] } as const;
export const VERTEBRA_LABELS = { L1: 1, L2: 2, L3: 3 } as const;
export const ROD_CENTRES = [
  [28, 90],
  [48, 90],
  [68, 90],
] as const;
export const SPINE_CENTRE = [48, 56] as const;
export const HU = { air: -1000, fat: -100, muscle: 50, cortex: 400, vein: 40 } as const;

const NX = 96;
const NY = 100;
const NZ = 24;

function inEllipse(i: number, j: number, cx: number, cy: number, rx: number, ry: number): boolean {
  return ((i - cx) / rx) ** 2 + ((j - cy) / ry) ** 2 <= 1;
}

export interface SpinePhantom {
  ct: Volume<Int16Array>;
  /** Vertebral bodies (cortex and interior) labelled 1–3; rods labelled 21–23. */
  labels: Volume<Uint8Array>;
}

/**
 * A 96 × 100 × 24 CT at 0.8 × 0.8 × 2 mm: air around a fat body, a block of paraspinal muscle, three
 * vertebral bodies (a 400 HU cortical shell 2 px thick round a trabecular core, with a 40 HU
 * basivertebral vein in the posterior centre of the core) and three calibration rods under the patient.
 */
export function spinePhantom(): SpinePhantom {
  const ct = new Int16Array(NX * NY * NZ);
  const labels = new Uint8Array(NX * NY * NZ);
  const [sx, sy] = SPINE_CENTRE;
  for (let k = 0; k < NZ; k++) {
    const vertebra = (Object.keys(VERTEBRA_SLICES) as (keyof typeof VERTEBRA_SLICES)[]).find(
      (name) => k >= VERTEBRA_SLICES[name][0] && k <= VERTEBRA_SLICES[name][1],
    );
    for (let j = 0; j < NY; j++) {
      for (let i = 0; i < NX; i++) {
        const index = i + NX * (j + NY * k);
        let hu: number = HU.air;
        if (inEllipse(i, j, 48, 48, 44, 36)) hu = HU.fat;
        // Paraspinal muscle: a block behind (posterior, +y) the spine.
        if (i >= 36 && i < 60 && j >= 72 && j < 80) hu = HU.muscle;
        if (vertebra !== undefined && inEllipse(i, j, sx, sy, 12, 10)) {
          labels[index] = VERTEBRA_LABELS[vertebra];
          const interior = inEllipse(i, j, sx, sy, 10, 8);
          hu = interior ? huOfDensity(VERTEBRA_BMD_MG_CM3[vertebra]) : HU.cortex;
          // Basivertebral vein: posterior centre of the body (LPS: posterior is +y).
          if (interior && Math.abs(i - sx) <= 2 && j >= sy + 4) hu = HU.vein;
        }
        ROD_CENTRES.forEach(([rx, ry], rod) => {
          if (inEllipse(i, j, rx, ry, 4, 4)) {
            hu = huOfDensity(ROD_DENSITIES_MG_CM3[rod] ?? 0);
            labels[index] = 21 + rod;
          }
        });
        ct[index] = hu;
      }
    }
  }
  const geometry = {
    dims: [NX, NY, NZ] as const,
    spacingMm: [0.8, 0.8, 2] as const,
    originMm: [-38.4, -40, 100] as const,
  };
  return {
    ct: createVolume({ data: ct, ...geometry }),
    labels: createVolume({ data: labels, ...geometry }),
  };
}

/** Reference tissue regions for phantomless calibration: air outside the body, subcutaneous fat, paraspinal muscle. */
export function tissueEllipses(): Record<string, unknown>[] {
  return [
    { name: 'air', kind: 'air', center: [6, 6, 12], radii: [3, 3], slices: [10, 14] },
    { name: 'fat', kind: 'fat', center: [20, 40, 12], radii: [4, 4], slices: [10, 14] },
    { name: 'muscle', kind: 'muscle', center: [48, 76, 12], radii: [8, 2], slices: [10, 14] },
  ];
}

/** The ellipse regions of the spine phantom, inside each trabecular core and clear of the vein. */
export function spineRegions(): Record<string, unknown> {
  const [sx, sy] = SPINE_CENTRE;
  return {
    ellipses: [
      ...(['L1', 'L2', 'L3'] as const).map((name) => ({
        name,
        kind: 'vertebra',
        center: [sx, sy - 2, VERTEBRA_SLICES[name][0] + 1],
        radii: [6, 4],
        slices: [VERTEBRA_SLICES[name][0] + 1, VERTEBRA_SLICES[name][1] - 1],
      })),
      ...ROD_CENTRES.map(([rx, ry], rod) => ({
        name: `rod${rod + 1}`,
        kind: 'rod',
        densityMgCm3: ROD_DENSITIES_MG_CM3[rod],
        center: [rx, ry, 12],
        radii: [3, 3],
        slices: [2, 20],
      })),
      ...tissueEllipses(),
    ],
  };
}

/**
 * An L3 slab for muscle: 128 × 128 × 3 at 1.5 × 1.5 × 3 mm (a pixel is 2.25 mm² = 0.0225 cm²). On the
 * middle slice a muscle compartment of 80 × 70 pixels holds 70 × 70 = 4900 muscle pixels alternating 30 and
 * 60 HU (mean 45 HU; area 4900 × 0.0225 = 110.25 cm²) and 10 × 70 = 700 pixels of fat at −100 HU
 * (intermuscular fat 15.75 cm²); outside the compartment, fat.
 */
export function muscleSlab(): {
  ct: Volume<Int16Array>;
  compartment: Volume<Uint8Array>;
  muscle: Volume<Uint8Array>;
} {
  const nx = 128;
  const ny = 128;
  const nz = 3;
  const ct = new Int16Array(nx * ny * nz).fill(HU.fat);
  const compartment = new Uint8Array(nx * ny * nz);
  const muscle = new Uint8Array(nx * ny * nz);
  const k = 1;
  for (let j = 30; j < 100; j++) {
    for (let i = 20; i < 100; i++) {
      const index = i + nx * (j + ny * k);
      compartment[index] = 1;
      if (i < 90) {
        ct[index] = (i + j) % 2 === 0 ? 30 : 60;
        muscle[index] = 1;
      } else {
        ct[index] = -100;
      }
    }
  }
  const geometry = { dims: [nx, ny, nz] as const, spacingMm: [1.5, 1.5, 3] as const };
  return {
    ct: createVolume({ data: ct, ...geometry }),
    compartment: createVolume({ data: compartment, ...geometry }),
    muscle: createVolume({ data: muscle, ...geometry }),
  };
}
