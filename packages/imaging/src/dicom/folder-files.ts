// Files under a folder (recursively), relative to it and sorted, and reading many of them a few at a
// time so a 300-file series neither waits on one file at a time nor opens 300 files at once.
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { VolumeReadError } from '../types/volume-read-error.ts';

/** Every regular file under `folder`, as paths relative to it, in a stable order. */
export async function filesUnder(folder: string): Promise<string[]> {
  const info = await stat(folder).catch(() => undefined);
  if (info === undefined) throw new VolumeReadError(folder, 'no such folder');
  if (!info.isDirectory())
    throw new VolumeReadError(folder, 'not a folder: give the folder holding the series');
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)))
    .sort();
}

/** Runs `task` on every item with at most `limit` in flight; results in the items' order. */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
