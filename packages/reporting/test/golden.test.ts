import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderHtml, renderText } from '../src/index.ts';
import { caseNames, GOLDEN_DIR, loadCase } from './load-case.ts';

// Golden files: each was read through by hand against ROS Appendix 4C / ACR QCT V / ACR CTP V when it
// was written. UPDATE_GOLDEN=1 rewrites them; review the diff before committing.
const update = process.env['UPDATE_GOLDEN'] === '1';

function compare(file: string, actual: string): void {
  const path = join(GOLDEN_DIR, file);
  if (update || !existsSync(path)) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('golden reports', () => {
  it('has at least 12 varied cases', () => {
    expect(caseNames().length).toBeGreaterThanOrEqual(12);
  });
  for (const name of caseNames()) {
    it(`${name}: text and HTML match the reviewed golden files`, () => {
      const c = loadCase(name);
      compare(`${name}.txt`, renderText(c.document));
      compare(`${name}.html`, renderHtml(c.document));
    });
  }
});
