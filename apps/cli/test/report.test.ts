import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { REPO_ROOT, runCli, tempFile } from './run-cli.ts';

const CONTEXT = join(REPO_ROOT, 'examples/reports/dxa-report-context.json');
const EXAM = join(REPO_ROOT, 'examples/dxa/postmenopausal-woman-follow-up.json');

describe('quantrad report', () => {
  it('writes the DXA report as text with the ROS title and the integrated statement', async () => {
    const r = await runCli(['report', CONTEXT, '--format', 'text']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('FRACTURE RISK AND BONE DENSITY ASSESSMENT');
    // Low-trauma L3 fracture at 75: the clinical diagnosis (ROS pre-agreed circumstances). Prednisolone
    // 7.5 mg/day for 6 months meets the NOGG very high risk indicator (≥7.5 mg/day for ≥3 months).
    expect(r.stdout).toContain(
      'Clinical diagnosis of osteoporosis: increased (very high) fracture risk and low bone density (osteopenia).',
    );
  });
  it('needs --out for a PDF and writes one that starts %PDF', async () => {
    expect((await runCli(['report', CONTEXT, '--format', 'pdf'])).status).toBe(2);
    const out = tempFile('report.pdf', '');
    const r = await runCli(['report', CONTEXT, '--format', 'pdf', '--out', out]);
    expect(r.status).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString('ascii')).toBe('%PDF-');
  });
  it('names the field of bad input and exits 2', async () => {
    const context = JSON.parse(readFileSync(CONTEXT, 'utf8')) as { patient: { birthDate: string } };
    context.patient.birthDate = '02/04/1951';
    const r = await runCli(['report', tempFile('bad.json', JSON.stringify(context)), '--format', 'text']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/patient\.birthDate/);
  });
  it('refuses typed-in wording that breaks the ROS rules, naming the field', async () => {
    const context = JSON.parse(readFileSync(CONTEXT, 'utf8')) as { referral: { indications: string[] } };
    context.referral.indications = ['osteopenia on last scan'];
    const r = await runCli(['report', tempFile('wording.json', JSON.stringify(context)), '--format', 'html']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('referral.indications[0]: write "low bone density (osteopenia)"');
  });
  it('chains from dxa assess with --report and --context', async () => {
    const context = JSON.parse(readFileSync(CONTEXT, 'utf8')) as Record<string, unknown>;
    delete context['assessment'];
    const r = await runCli([
      'dxa',
      'assess',
      EXAM,
      '--report',
      'fhir',
      '--context',
      tempFile('ctx.json', JSON.stringify(context)),
    ]);
    expect(r.status).toBe(0);
    const bundle = JSON.parse(r.stdout) as { resourceType: string };
    expect(bundle.resourceType).toBe('Bundle');
    expect((await runCli(['dxa', 'assess', EXAM, '--report', 'text'])).status).toBe(2);
  });
});
