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
  // Labels come in runs along x: count a run locally and touch the map once per run.
  let current = 0;
  let run = 0;
  const flush = (): void => {
    if (current !== 0 && run > 0) counts.set(current, (counts.get(current) ?? 0) + run);
  };
  for (let index = 0; index < n; index++) {
    const value = data[index] ?? 0;
    if (value === current) {
      run++;
      continue;
    }
    flush();
    if (value !== 0) checkLabelValue(value, index);
    current = value;
    run = 1;
  }
  flush();
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
