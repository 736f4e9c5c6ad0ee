import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/main.ts';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** The CLI in this process, with its output captured. */
export async function runCli(args: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const status = await main(args, { out: (t) => (stdout += t), err: (t) => (stderr += t) });
  return { status, stdout, stderr };
}

export const BIN_PATH = fileURLToPath(new URL('../bin/quantrad.js', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The installed binary in a child process, exactly as a person runs it. */
export function runBin(args: readonly string[]): CliRun {
  const result = spawnSync(process.execPath, [BIN_PATH, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Write a file in a fresh temporary folder and return its path. */
export function tempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'quantrad-')), name);
  writeFileSync(path, content);
  return path;
}
