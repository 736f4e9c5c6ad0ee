import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from './run-cli.ts';

// The README promises CLI examples that run (issue 2 §1): every `npx quantrad …` line in it is run here.
const readme = readFileSync(`${REPO_ROOT}README.md`, 'utf8');
const examples = [...readme.matchAll(/^npx quantrad ([^#\n]*?)\s*(?:#.*)?$/gm)].map((m) =>
  (m[1] ?? '').split(/\s+/).filter(Boolean),
);

describe('the README examples', () => {
  it('has examples to run', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });

  it.each(examples.map((args) => [args.join(' '), args] as const))(
    'quantrad %s succeeds',
    async (_text, args) => {
      const run = await runCli(args);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout.length).toBeGreaterThan(0);
    },
  );
});
