import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = join(dirname(fileURLToPath(import.meta.url)), '../src');
/** `import … from '…'` and `export … from '…'` statements, with whether the whole statement is `type`. */
const STATEMENT = /^(?:import|export)\s+(type\s+)?([^;]*?)\s+from\s+'([^']+)'/gms;

/**
 * The modules a file loads when it runs, through its relative imports: every bare specifier (a package or a
 * node: module) with the file that imports it. Type-only imports (`import type`, or braces of `type` names
 * only) are erased and load nothing.
 */
function loadedPackages(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, typeOnly, names = '', specifier = ''] of readFileSync(file, 'utf8').matchAll(STATEMENT)) {
      const braces = /^\{([^}]*)\}$/s.exec(names.trim());
      const listed =
        braces?.[1]
          ?.split(',')
          .map((n) => n.trim())
          .filter((n) => n !== '') ?? [];
      if (typeOnly !== undefined || (listed.length > 0 && listed.every((n) => n.startsWith('type '))))
        continue;
      if (specifier.startsWith('.')) visit(join(dirname(file), specifier));
      else packages.set(specifier, relative(src, file));
    }
  };
  visit(entry);
  return packages;
}

describe('the perfusion worker', () => {
  it("loads @quantrad/imaging's Volume entry only, not the package index (its DICOM and NIfTI readers)", () => {
    const packages = loadedPackages(join(src, 'parallel/perfusion-worker.ts'));
    expect(packages.get('@quantrad/imaging/volume')).toBeDefined();
    expect(packages.get('@quantrad/imaging')).toBeUndefined();
    // what it does load: the deconvolution's and the PNG's libraries, zod for the defaults, and the thread API.
    expect([...packages.keys()].sort()).toEqual([
      '@quantrad/imaging/volume',
      'fft.js',
      'ml-matrix',
      'node:worker_threads',
      'node:zlib',
      'pngjs',
      'zod',
    ]);
  });
});
