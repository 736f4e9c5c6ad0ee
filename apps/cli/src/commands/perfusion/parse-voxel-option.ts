import type { Triple } from '@quantrad/imaging';
import { InputError } from '../../io/input-error.ts';

/** "x,y,z" as three whole voxel indices (0-based), or an InputError naming the option. */
export function parseVoxelOption(text: string, option: string): Triple {
  const parts = text.split(',').map((p) => p.trim());
  const numbers = parts.map(Number);
  if (
    parts.length !== 3 ||
    parts.some((p) => p === '') ||
    !numbers.every((n) => Number.isInteger(n) && n >= 0)
  ) {
    throw new InputError(`${option}: expected three whole voxel indices x,y,z (0-based), got "${text}"`);
  }
  return [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 0];
}
