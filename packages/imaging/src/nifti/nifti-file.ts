import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Volume } from '../types/volume.ts';
import { VolumeReadError } from '../types/volume-read-error.ts';
import { readNifti } from './read-nifti.ts';
import { writeNifti } from './write-nifti.ts';

const gzipAsync = promisify(gzip);

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
  const bytes = writeNifti(volume, { gzip: false, ...options });
  // Compressed on libuv's thread pool (the same bytes as gzipSync), so the caller's thread can go on.
  await writeFile(path, path.toLowerCase().endsWith('.gz') ? await gzipAsync(bytes) : bytes);
}
