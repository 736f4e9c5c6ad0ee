import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from './run-cli.ts';

// The report example embeds the output of `quantrad dxa assess` for the example exam, so that
// `quantrad report` can be run on it alone. If the engine changes, the embedded copy goes stale: this
// test says so. Regenerate with UPDATE_EXAMPLES=1 npx vitest run apps/cli/test/example-drift.test.ts.
const EXAM = join(REPO_ROOT, 'examples/dxa/postmenopausal-woman-follow-up.json');
const CONTEXT = join(REPO_ROOT, 'examples/reports/dxa-report-context.json');

describe('examples/reports/dxa-report-context.json', () => {
  it('embeds exactly what quantrad dxa assess gives for the example exam today', async () => {
    const assessed = await runCli(['dxa', 'assess', EXAM, '--format', 'json']);
    expect(assessed.status).toBe(0);
    const fresh: unknown = JSON.parse(assessed.stdout);
    const context = JSON.parse(readFileSync(CONTEXT, 'utf8')) as Record<string, unknown>;
    if (process.env['UPDATE_EXAMPLES'] === '1') {
      writeFileSync(CONTEXT, `${JSON.stringify({ ...context, assessment: fresh }, null, 2)}\n`);
      return;
    }
    expect(context['assessment']).toEqual(fresh);
  });
});
