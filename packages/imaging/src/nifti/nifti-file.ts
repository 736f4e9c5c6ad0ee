import { readFile, writeFile } from 'node:fs/promises';
import type { Volume } from '../types/volume.ts';
import { VolumeReadError } from '../types/volume-read-error.ts';
import { readNifti } from './read-nifti.ts';
import { writeNifti } from './write-nifti.ts';

/** Reads a .nii or .nii.gz file as a `Volume`; a missing or unreadable file is a `VolumeReadError`. */
export async function readNiftiFile(path: string): Promise<Volume> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new VolumeReadError(path, `cannot be read (${code})`);
  }
  // The file's bytes are read for this volume alone, so its voxels may stay in them.
  return readNifti(bytes, path, { shareBytes: true });
}

/** Writes a volume as NIfTI-1, gzipped when the path ends in .gz. */
export async function writeNiftiFile(
  path: string,
  volume: Volume,
  options: { description?: string } = {},
): Promise<void> {
  const gzip = path.toLowerCase().endsWith('.gz');
  await writeFile(path, writeNifti(volume, { gzip, ...options }));
}
