// Reads just enough of a file to parse its DICOM header (everything before the pixel data): the first
// 16 KB, which holds the header of a typical CT slice, or the whole file when the header is longer
// (enhanced CT keeps its per-frame groups there).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSet } from 'dicom-parser';
import { VolumeReadError } from '../types/volume-read-error.ts';
import { tag } from './dicom-tags.ts';
import { isDicomPart10, parseDicomFile } from './parse-dicom-file.ts';

export type HeaderRead =
  | { readonly kind: 'dicom'; readonly dataSet: DataSet; readonly wholeFile?: Uint8Array }
  | { readonly kind: 'not-dicom' }
  | { readonly kind: 'unreadable'; readonly error: VolumeReadError };

const firstReadBytes = 16 * 1024;

// Synchronous on purpose: a header is a few kilobytes, and three plain system calls per file cost far
// less than handing each of them to the thread pool and back (300 files: ~10 ms against ~60 ms).
function readStart(path: string): { head: Uint8Array; size: number } {
  const descriptor = openSync(path, 'r');
  try {
    const { size } = fstatSync(descriptor);
    const head = new Uint8Array(Math.min(size, firstReadBytes));
    const bytesRead = readSync(descriptor, head, 0, head.length, 0);
    return { head: head.subarray(0, bytesRead), size };
  } finally {
    closeSync(descriptor);
  }
}

function asReadError(error: unknown, file: string): VolumeReadError {
  return error instanceof VolumeReadError ? error : new VolumeReadError(file, String(error));
}

/** The header of `file` (relative to `folder`); the file's bytes too when it had to be read whole. */
export async function readDicomHeader(folder: string, file: string): Promise<HeaderRead> {
  const path = join(folder, file);
  const { head, size } = readStart(path);
  if (!isDicomPart10(head)) return { kind: 'not-dicom' };
  const whole = size <= head.length;
  try {
    const dataSet = parseDicomFile(head, file, true);
    // A first read that parsed cleanly but stopped short of the pixel data may have cut the header.
    if (whole || dataSet.elements[tag.pixelData] !== undefined) return { kind: 'dicom', dataSet };
  } catch (error) {
    if (whole) return { kind: 'unreadable', error: asReadError(error, file) };
  }
  const bytes = new Uint8Array(await readFile(path));
  try {
    return { kind: 'dicom', dataSet: parseDicomFile(bytes, file, true), wholeFile: bytes };
  } catch (error) {
    return { kind: 'unreadable', error: asReadError(error, file) };
  }
}
