import { readFileSync } from 'node:fs';
import { totpValid } from '@quantrad/service';
import { describe, expect, it } from 'vitest';
import { runBin, runCli, tempFile } from './run-cli.ts';

const DEMO = 'examples/dxa/postmenopausal-woman-follow-up.json';

describe('the quantrad binary', () => {
  it('prints help', () => {
    const run = runBin(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: quantrad');
    expect(run.stdout).toContain('dxa');
  });

  it('assesses the demo exam as JSON', () => {
    const run = runBin(['dxa', 'assess', DEMO]);
    expect(run.status).toBe(0);
    const assessment = JSON.parse(run.stdout) as {
      classification: { category: string; site: string; score: number };
    };
    expect(assessment.classification).toMatchObject({
      category: 'low_bone_density',
      site: 'femoral_neck',
      score: -2.1,
    });
  });

  it('reports bad input in one line with status 2 and no stack trace', () => {
    const path = tempFile(
      'bad.json',
      JSON.stringify({
        patient: { sex: 'female', birthDate: '1950-01-01' },
        exam: { date: '2026-01-01', sites: [{ site: 'L1-L4', bmdGcm2: 845 }] },
      }),
    );
    const run = runBin(['dxa', 'assess', path]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('exam.sites[0].bmdGcm2: must be at most 3 g/cm² (is it in mg/cm²?)');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('quantrad dxa assess', () => {
  it('prints text for people', async () => {
    const run = await runCli(['dxa', 'assess', DEMO, '--format', 'text']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Classification: low bone density (osteopenia)');
    expect(run.stdout).toContain(
      'left total hip since 2024-09-15: -0.031 g/cm² (-4.1%, -2.0%/year): significant loss (LSC 0.024 g/cm²)',
    );
  });

  it.each([
    [['dxa', 'assess', 'no-such-file.json'], 'quantrad: no-such-file.json: file not found'],
    [
      ['dxa', 'assess', DEMO, '--format', 'pdf'],
      "quantrad: option '-f, --format <format>' argument 'pdf' is invalid",
    ],
    [['dxa', 'frobnicate'], "quantrad: unknown command 'frobnicate'"],
  ])('%j fails with status 2', async (args, message) => {
    const run = await runCli(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it.each([
    ['{ "patient": ', 'not valid JSON'],
    [
      '{"patient":{"sex":"female","birthDate":"1950-01-01"},"exam":{"date":"2026-01-01","sites":[]}}',
      'exam.sites: must hold at least one measured site',
    ],
    [
      '{"patient":{"sex":"f","birthDate":"1950-01-01"},"exam":{"date":"2026-01-01","sites":[{"site":"L1-L4","bmdGcm2":0.8}]}}',
      'patient.sex',
    ],
    [
      '{"patient":{"sex":"female","birthDate":"01/02/1950"},"exam":{"date":"2026-01-01","sites":[{"site":"L1-L4","bmdGcm2":0.8}]}}',
      'patient.birthDate: must be a date written YYYY-MM-DD',
    ],
    [
      '{"patient":{"sex":"female","birthDate":"1950-01-01"},"exam":{"date":"2026-01-01","sites":[{"site":"L5","bmdGcm2":0.8}]}}',
      'exam.sites[0].site: must be L1..L4',
    ],
    [
      '{"patient":{"sex":"female","birthDate":"1950-01-01"},"exam":{"date":"2026-01-01","sites":[{"site":"total_hip","bmdGcm2":0.8},{"site":"total_hip","bmdGcm2":0.7}]}}',
      'exam.sites[1].site: total_hip is given twice',
    ],
    [
      '{"patient":{"sex":"female","birthDate":"1950-01-01"},"exam":{"date":"2026-01-01","sites":[{"site":"L1-L4","bmdGcm2":0.8,"tscore":-1}]}}',
      'exam.sites[0]: unknown field "tscore"',
    ],
    [
      '{"patient":{"sex":"female","birthDate":"1950-01-01"},"exam":{"date":"2026-01-01","sites":[{"site":"L1-L4","bmdGcm2":0.8}]},"priors":[{"date":"2027-01-01","sites":[]}]}',
      'priors[0].date: must be before the exam date',
    ],
    [
      '{"patient":{"sex":"female","birthDate":"1850-01-01"},"exam":{"date":"2026-01-01","sites":[{"site":"L1-L4","bmdGcm2":0.8}]}}',
      'patient.birthDate: makes the patient older than 120 years',
    ],
    [
      '{"patient":{"sex":"male","birthDate":"1950-01-01","menopause":"post"},"exam":{"date":"2026-01-01","sites":[{"site":"L1-L4","bmdGcm2":0.8}]}}',
      'patient.menopause: applies to women only',
    ],
    [
      '{"patient":{"sex":"female","birthDate":"1950-01-01"},"exam":{"date":"2026-01-01","sites":[{"site":"L1-L4","bmdGcm2":0.8},{"site":"L1,L2,L3,L4","bmdGcm2":0.8}]}}',
      'exam.sites[1].site: L1,L2,L3,L4 is given twice',
    ],
    [
      '{"patient":{"sex":"female","birthDate":"1950-01-01"},"exam":{"date":"2026-01-01","sites":[{"site":"L2,L2","bmdGcm2":0.8}]}}',
      'exam.sites[0].site: must be L1..L4',
    ],
    [
      '{"patient":{"sex":"female","birthDate":"1950-01-01"},"exam":{"date":"2026-01-01","sites":[{"site":"L1-L4","side":"left","bmdGcm2":0.8}]}}',
      'exam.sites[0].side: a lumbar spine site has no side',
    ],
    [
      '{"patient":{"sex":"female","birthDate":"1950-01-01"},"exam":{"date":"2026-01-01","sites":[{"site":"L1-L4","bmdGcm2":0.8}],"excludedVertebrae":[{"vertebra":"L3","reason":"a"},{"vertebra":"L3","reason":"b"}]}}',
      'exam.excludedVertebrae[1].vertebra: L3 is excluded twice',
    ],
    [
      '{"patient":{"sex":"female","birthDate":"1950-01-01"},"exam":{"date":"2026-01-01","sites":[{"site":"L1-L4","bmdGcm2":0.8}]},"fractureRisk":{"tool":"FRAX","withBmd":true,"majorOsteoporoticPercent":5,"hipPercent":8}}',
      'fractureRisk.hipPercent: cannot exceed majorOsteoporoticPercent',
    ],
    [
      '{"patient":{"sex":"female","birthDate":"1950-01-01"},"exam":{"date":"2026-01-01","sites":[{"site":"L1-L4","bmdGcm2":0.8}]},"crossCalibrations":[{"fromScannerId":"A","toScannerId":"A","slope":1,"interceptGcm2":0}]}',
      'crossCalibrations[0].toScannerId: a cross-calibration joins two different scanners',
    ],
  ])('names the field for %s', async (content, message) => {
    const run = await runCli(['dxa', 'assess', tempFile('exam.json', content)]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('reads a file that starts with a byte-order mark', async () => {
    const run = await runCli([
      'dxa',
      'assess',
      tempFile(
        'bom.json',
        `\uFEFF${JSON.stringify({ patient: { sex: 'female', birthDate: '1950-01-01', menopause: 'post' }, exam: { date: '2026-01-01', sites: [{ site: 'L1-L4', bmdGcm2: 0.8, tScore: -2.6 }] } })}`,
      ),
    ]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ classification: { category: 'osteoporosis' } });
  });

  it('rejects a NOGG table whose lower assessment threshold exceeds the intervention threshold', async () => {
    const table = JSON.parse(
      readFileSync('packages/densitometry/data/nogg-thresholds-uk-frax-2008.json', 'utf8'),
    ) as { rows: { hip: { lowerAssessmentPercent: number } }[] };
    const first = table.rows[0];
    if (first) first.hip.lowerAssessmentPercent = 9;
    const run = await runCli([
      'dxa',
      'assess',
      DEMO,
      '--nogg-thresholds',
      tempFile('t.json', JSON.stringify(table)),
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      'rows: a lower assessment threshold cannot exceed the intervention threshold',
    );
  });

  it('takes a service NOGG table and rejects a malformed one', async () => {
    const bad = await runCli(['dxa', 'assess', DEMO, '--nogg-thresholds', tempFile('t.json', '{"id":"x"}')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/t\.json: (status|source|construction|rows)/);
  });
});

describe('quantrad dxa precision', () => {
  it('computes RMS-SD, %CV and LSC from a CSV', async () => {
    // A: 1.00, 1.02; B: 0.80, 0.81, 0.82 → RMS-SD √(0.0004/3) = 0.0115, LSC 2.77 × 0.011547 = 0.032
    const csv = tempFile(
      'study.csv',
      'patient,scan,site,bmd\nA,1,L1-L4,1.00\nA,2,L1-L4,1.02\nB,1,L1-L4,0.80\nB,2,L1-L4,0.81\nB,3,L1-L4,0.82\n',
    );
    const run = await runCli(['dxa', 'precision', csv]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      expect.objectContaining({
        site: 'L1-L4',
        rmsSdGcm2: 0.0115,
        lscGcm2: 0.032,
        degreesOfFreedom: 3,
        iscdCompliant: false,
      }),
    ]);
  });

  it('keeps left and right apart', async () => {
    // left: 0.90, 0.92 → RMS-SD √0.0002 = 0.0141; right: 0.80, 0.80 → 0
    const csv = tempFile(
      's.csv',
      'patient,scan,site,side,bmd\nA,1,total_hip,left,0.90\nA,2,total_hip,left,0.92\nA,1,total_hip,right,0.80\nA,2,total_hip,right,0.80\n',
    );
    const results = JSON.parse((await runCli(['dxa', 'precision', csv])).stdout) as {
      side: string;
      rmsSdGcm2: number;
    }[];
    expect(results.map((r) => [r.side, r.rmsSdGcm2])).toEqual([
      ['left', 0.0141],
      ['right', 0],
    ]);
  });

  it('runs the bundled 15 × 3 study as an ISCD-compliant study', async () => {
    const run = await runCli(['dxa', 'precision', 'examples/dxa/precision-study.csv', '--format', 'text']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('DXA-1 L1-L4: 15 patients, 45 scans, 30 degrees of freedom');
    expect(run.stdout).not.toContain('NOT an ISCD-compliant study');
  });

  it.each([
    ['patient,scan,site\nA,1,L1-L4\n', 'missing column bmd'],
    ['patient,scan,site,bmd\nA,1,L1-L4,abc\n', 'line 2: bmd: is not a number'],
    [
      'patient,scan,site,bmd\nA,1,L1-L4,0.9\nA,1,L1-L4,0.91\n',
      'line 3: scan 1 of patient A at L1-L4 is given twice',
    ],
    ['patient,scan,site,bmd\n', 'no rows'],
    ['patient,scan,site,bmd\nA,1,hipp,0.9\n', 'line 2: site: must be L1..L4'],
    ['patient,scan,site,bmd\nA,1,L1-L4,0.9\nB,1,L1-L4,0.91\n', 'no patient has two or more scans at L1-L4'],
  ])('names the problem in %j', async (content, message) => {
    const run = await runCli(['dxa', 'precision', tempFile('s.csv', content)]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

describe('quantrad demo', () => {
  it('prints the readable summary of the bundled exam', async () => {
    const run = await runCli(['demo']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Fracture risk (NOGG): very high');
  });
});

describe('quantrad totp', () => {
  it('prints the six-digit code of a base32 secret, and refuses anything else', async () => {
    const run = await runCli(['totp', 'JBSWY3DPEHPK3PXP']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^\d{6}\n$/);
    // the code the service would accept for that secret right now (one step of drift either side)
    expect(totpValid('JBSWY3DPEHPK3PXP', run.stdout.trim(), new Date())).toBe(true);
    const bad = await runCli(['totp', 'not-base32!']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('secret: must be base32');
  });
});
