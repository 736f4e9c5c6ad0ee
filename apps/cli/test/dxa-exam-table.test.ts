import { describe, expect, it } from 'vitest';
import { EXAM_TABLE } from './dxa-exam-table.ts';
import { runCli, tempFile } from './run-cli.ts';

interface Output {
  population: string;
  classification: { category: string; site: string; score: number } | null;
  fractureRisk: { category: string | null } | null;
  flags: { code: string }[];
  followUp: { intervalYears: number | null };
  changes: { site: string; comparable: boolean; significant: boolean | null }[];
  excludedVertebrae: { vertebra: string }[];
  warnings: string[];
}

describe('a table of realistic exams through `quantrad dxa assess`', () => {
  it('holds at least 40 exams', () => {
    expect(EXAM_TABLE.length).toBeGreaterThanOrEqual(40);
  });

  it.each(EXAM_TABLE.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const run = await runCli(['dxa', 'assess', tempFile('exam.json', JSON.stringify(c.input))]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as Output;
    const e = c.expect;
    expect(out.population).toBe(e.population);
    expect(out.classification?.category ?? null).toBe(e.category);
    if (e.site !== undefined) expect(out.classification?.site).toBe(e.site);
    if (e.score !== undefined) expect(out.classification?.score).toBe(e.score);
    if (e.risk !== undefined) expect(out.fractureRisk?.category ?? null).toBe(e.risk);
    expect([...new Set(out.flags.map((f) => f.code))].sort()).toEqual(e.flags);
    expect(out.followUp.intervalYears).toBe(e.followUpYears);
    if (e.changes !== undefined)
      expect(
        out.changes.map(({ site, comparable, significant }) => ({ site, comparable, significant })),
      ).toEqual(e.changes);
    if (e.excluded !== undefined) expect(out.excludedVertebrae.map((v) => v.vertebra)).toEqual(e.excluded);
    if (e.warning !== undefined) expect(out.warnings.some((w) => w.includes(e.warning ?? ''))).toBe(true);
    if (e.population === 'paediatric') expect(run.stdout).not.toMatch(/osteop(enia|oro)|"tScore": -?\d/i);
  });
});
