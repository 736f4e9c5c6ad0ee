import type { Triple, Volume } from '../types/volume.ts';
import { assertSameGrid } from '../volume/same-grid.ts';
import { ellipseVoxels } from './ellipse-voxels.ts';
import { defaultTrabecularRoiRules, type TrabecularRoiRules } from './trabecular-roi-rules.ts';

export interface TrabecularRoiOptions {
  rules?: Partial<Omit<TrabecularRoiRules, 'source'>>;
  /** Names the body mask in errors (its file, usually). */
  maskName?: string;
}

export interface TrabecularRoi {
  voxels: Int32Array;
  description: string;
  center: Triple;
  radii: [number, number];
  slices: [number, number];
}

/** A 2-D boolean image over the volume's x-y plane. */
interface PlaneMask {
  nx: number;
  ny: number;
  on: Uint8Array;
}

const at = (m: PlaneMask, i: number, j: number): boolean =>
  i >= 0 && j >= 0 && i < m.nx && j < m.ny && m.on[i + m.nx * j] === 1;

/** The axial pixels inside the body on every slice from k0 to k1 (so the ROI is inside on each). */
function commonSection(mask: Volume, label: number, k0: number, k1: number): PlaneMask {
  const [nx, ny] = mask.dims;
  const on = new Uint8Array(nx * ny).fill(1);
  for (let k = k0; k <= k1; k++) {
    for (let p = 0; p < nx * ny; p++) if (mask.data[p + nx * ny * k] !== label) on[p] = 0;
  }
  return { nx, ny, on };
}

/** The section eroded in-plane: kept where no outside pixel centre lies within `marginMm`. */
function erode(section: PlaneMask, spacingMm: Triple, marginMm: number): PlaneMask {
  const [sx, sy] = spacingMm;
  const reach = [Math.floor(marginMm / sx), Math.floor(marginMm / sy)] as const;
  const offsets: [number, number][] = [];
  for (let dj = -reach[1]; dj <= reach[1]; dj++) {
    for (let di = -reach[0]; di <= reach[0]; di++) {
      if ((di * sx) ** 2 + (dj * sy) ** 2 <= marginMm ** 2) offsets.push([di, dj]);
    }
  }
  const on = new Uint8Array(section.on.length);
  for (let j = 0; j < section.ny; j++) {
    for (let i = 0; i < section.nx; i++) {
      if (at(section, i, j) && offsets.every(([di, dj]) => at(section, i + di, j + dj))) {
        on[i + section.nx * j] = 1;
      }
    }
  }
  return { nx: section.nx, ny: section.ny, on };
}

/** First and last index of the run of set pixels through `from` along one axis, or undefined. */
function runThrough(
  m: PlaneMask,
  axis: 0 | 1,
  from: readonly [number, number],
): readonly [number, number] | undefined {
  const probe = (t: number): boolean => (axis === 0 ? at(m, t, from[1]) : at(m, from[0], t));
  const start = from[axis];
  if (!probe(start)) return undefined;
  let low = start;
  let high = start;
  while (probe(low - 1)) low--;
  while (probe(high + 1)) high++;
  return [low, high];
}

const round1 = (v: number): number => Math.round(v * 10) / 10;

/**
 * An elliptical trabecular ROI placed automatically inside one vertebral body of a label mask, for spine
 * QCT (ACR QCT IV.B; placement after Cann & Genant 1980, Kalender 1987 and the 2007 ISCD QCT positions,
 * see data/qct-trabecular-roi.json): on the central slices of the body (middle half of its height by
 * default), kept a margin away from the outside of the mask (the cortex), out of the posterior part of
 * the body where the basivertebral vein runs, and centred in what remains. Posterior is LPS +y: the
 * in-plane voxel axis whose direction cosine is most along y is the anteroposterior one.
 * Refuses, naming the label, a body that is absent, on non-axial slices, or too small for an ROI.
 */
export function placeTrabecularRoi(
  ct: Volume,
  bodyMask: Volume,
  label: number,
  options: TrabecularRoiOptions = {},
): TrabecularRoi {
  const rules = { ...defaultTrabecularRoiRules, ...options.rules };
  const maskName = options.maskName ?? 'vertebral body mask';
  assertSameGrid(ct, bodyMask, maskName);
  const [nx, ny, nz] = bodyMask.dims;
  const refuse = (problem: string): never => {
    throw new RangeError(`${maskName}: label ${label}: ${problem}`);
  };

  // The anteroposterior axis (ACR QCT needs axial slices; a sagittal stack cannot hold this ROI).
  const yComponent = [0, 1, 2].map((axis) => Math.abs(ct.direction[3 * axis + 1] ?? 0));
  const apAxis: 0 | 1 = (yComponent[1] ?? 0) >= (yComponent[0] ?? 0) ? 1 : 0;
  if ((yComponent[2] ?? 0) > (yComponent[apAxis] ?? 0)) {
    refuse('the slices are not axial (the slice axis runs anteroposterior): reformat to axial first');
  }
  const lrAxis: 0 | 1 = apAxis === 1 ? 0 : 1;
  const posteriorSign = (ct.direction[3 * apAxis + 1] ?? 1) >= 0 ? 1 : -1;

  // Height of the body, and its central slices.
  let kMin = Infinity;
  let kMax = -Infinity;
  for (let k = 0; k < nz; k++) {
    for (let p = 0; p < nx * ny; p++) {
      if (bodyMask.data[p + nx * ny * k] === label) {
        kMin = Math.min(kMin, k);
        kMax = Math.max(kMax, k);
        break;
      }
    }
  }
  if (kMin === Infinity) return refuse('is not in the mask');
  const height = kMax - kMin + 1;
  const count = Math.max(1, Math.round(height * rules.centralFractionOfHeight));
  const k0 = kMin + Math.floor((height - count) / 2);
  const k1 = k0 + count - 1;

  const section = commonSection(bodyMask, label, k0, k1);
  const inner = erode(section, ct.spacingMm, rules.corticalMarginMm);
  let sumI = 0;
  let sumJ = 0;
  let n = 0;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      if (at(section, i, j)) {
        sumI += i;
        sumJ += j;
        n++;
      }
    }
  }
  const tooSmall = (why: string): never =>
    refuse(`the vertebral body is too small to hold a trabecular ROI (${why})`);
  if (n === 0) tooSmall(`no pixel is inside the body on all of slices ${k0}–${k1}`);
  const centroid: [number, number] = [Math.round(sumI / n), Math.round(sumJ / n)];

  // Anteroposterior extent through the centroid: the body's depth, the inner run, the vein limit.
  const body = runThrough(section, apAxis, centroid);
  const innerAp = runThrough(inner, apAxis, centroid);
  if (body === undefined || innerAp === undefined) {
    return tooSmall(`nothing is left at its centre ${rules.corticalMarginMm} mm inside the cortex`);
  }
  const depth = body[1] - body[0] + 1;
  const exclusion = rules.posteriorExclusionFractionOfDepth * depth;
  // Along the AP axis, "posterior" is the high index end when posteriorSign is +1.
  const [apLow, apHigh] =
    posteriorSign > 0
      ? [innerAp[0], Math.min(innerAp[1], body[1] + 0.5 - exclusion)]
      : [Math.max(innerAp[0], body[0] - 0.5 + exclusion), innerAp[1]];
  if (apHigh <= apLow) return tooSmall('the vein exclusion leaves no depth in front of it');
  const apCentre = (apLow + apHigh) / 2;

  const lateralProbe: [number, number] = [0, 0];
  lateralProbe[apAxis] = Math.round(apCentre);
  lateralProbe[lrAxis] = centroid[lrAxis];
  const innerLr = runThrough(inner, lrAxis, lateralProbe);
  if (innerLr === undefined) return tooSmall('nothing is left in front of the vein region');
  const lrCentre = (innerLr[0] + innerLr[1]) / 2;

  const centre: [number, number] = [0, 0];
  centre[apAxis] = apCentre;
  centre[lrAxis] = lrCentre;
  const radii: [number, number] = [0, 0];
  radii[apAxis] = (rules.radiusFractionOfInner * (apHigh - apLow)) / 2;
  radii[lrAxis] = (rules.radiusFractionOfInner * (innerLr[1] - innerLr[0])) / 2;

  // Shrink until every pixel of the ellipse is inside the eroded section and in front of the vein limit.
  const fits = (): boolean => {
    for (let j = Math.ceil(centre[1] - radii[1]); j <= Math.floor(centre[1] + radii[1]); j++) {
      for (let i = Math.ceil(centre[0] - radii[0]); i <= Math.floor(centre[0] + radii[0]); i++) {
        if (((i - centre[0]) / radii[0]) ** 2 + ((j - centre[1]) / radii[1]) ** 2 > 1) continue;
        const ap = apAxis === 1 ? j : i;
        if (!at(inner, i, j) || ap < apLow || ap > apHigh) return false;
      }
    }
    return true;
  };
  const radiusMm = (axis: 0 | 1): number => radii[axis] * ct.spacingMm[axis];
  const bigEnough = (): boolean =>
    radiusMm(0) >= rules.minimumRadiusMm && radiusMm(1) >= rules.minimumRadiusMm;
  while (bigEnough() && !fits()) {
    radii[0] *= rules.shrinkStep;
    radii[1] *= rules.shrinkStep;
  }
  if (!bigEnough()) {
    tooSmall(
      `the largest ellipse that fits has radii ${round1(radiusMm(0))} × ${round1(radiusMm(1))} mm, under the ${rules.minimumRadiusMm} mm minimum`,
    );
  }

  const center: Triple = [centre[0], centre[1], (k0 + k1) / 2];
  const slices: [number, number] = [k0, k1];
  const voxels = ellipseVoxels(ct, { center, radii, slices });
  const description =
    `label ${label}: ellipse centred at voxel (${round1(centre[0])}, ${round1(centre[1])}) with radii ` +
    `${round1(radii[0])} × ${round1(radii[1])} voxels (${round1(radiusMm(0))} × ${round1(radiusMm(1))} mm) ` +
    `on slices ${k0}–${k1} (the central ${Math.round(rules.centralFractionOfHeight * 100)}% of the body's ` +
    `slices ${kMin}–${kMax}), at least ${rules.corticalMarginMm} mm inside the body's edge, clear of the ` +
    `posterior ${Math.round(rules.posteriorExclusionFractionOfDepth * 100)}% of its depth (basivertebral vein); ` +
    `${voxels.length} voxels`;
  return { voxels, description, center, radii, slices };
}
