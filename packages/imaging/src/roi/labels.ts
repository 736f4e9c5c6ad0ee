import type { Volume } from '../types/volume.ts';
import { voxelsPerFrame } from './voxel-checks.ts';

function checkLabelValue(value: number, index: number): void {
  if (!Number.isInteger(value)) {
    throw new RangeError(`label mask: voxel ${index} holds ${value}, which is not a whole-number label`);
  }
}

/** Each label in a mask (first frame) with its voxel count; 0 is background and left out. */
export function labelsIn(mask: Volume): Map<number, number> {
  const counts = new Map<number, number>();
  const n = voxelsPerFrame(mask);
  const data = mask.data;
  for (let index = 0; index < n; index++) {
    const value = data[index] ?? 0;
    if (value === 0) continue;
    checkLabelValue(value, index);
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return new Map([...counts].sort(([a], [b]) => a - b));
}

/** Linear indices (ascending, first frame) of the voxels that carry `label`. */
export function voxelsWithLabel(mask: Volume, label: number): Int32Array {
  if (!Number.isInteger(label) || label === 0) {
    throw new RangeError(`voxelsWithLabel: label must be a non-zero whole number, got ${label}`);
  }
  const n = voxelsPerFrame(mask);
  const data = mask.data;
  let count = 0;
  for (let index = 0; index < n; index++) if (data[index] === label) count++;
  const out = new Int32Array(count);
  let at = 0;
  for (let index = 0; index < n; index++) if (data[index] === label) out[at++] = index;
  return out;
}
