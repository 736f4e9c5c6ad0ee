import { describe, expect, it } from 'vitest';
import type { Bundle, DiagnosticReport, Observation } from '@medplum/fhirtypes';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import {
  amendReport,
  createDraft,
  latestVersion,
  mismatch,
  renderPdf,
  renderText,
  reportBundle,
  reviseDraft,
  signReport,
} from '../src/index.ts';
import { loadCase } from './load-case.ts';

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return pages.join('\n');
}

describe('FHIR R4 bundle', () => {
  const c = loadCase('01-osteoporosis-high-risk');
  const bundle: Bundle = reportBundle(c.context, c.document, '2026-10-05');
  const resources = (bundle.entry ?? []).map((e) => e.resource);
  const report = resources.find((r): r is DiagnosticReport => r?.resourceType === 'DiagnosticReport');
  const observations = resources.filter((r): r is Observation => r?.resourceType === 'Observation');
  it('holds a DiagnosticReport coded LOINC 38269-7 with SNOMED conclusion codes, a Patient and a Practitioner', () => {
    expect(bundle.type).toBe('collection');
    expect(report?.code.coding?.[0]).toEqual({ system: 'http://loinc.org', code: '38269-7' });
    // Femoral neck T -2.6 ≤ -2.5: osteoporosis (64859006). FRAX hip 5.1% is above the hip intervention
    // threshold at 70 (4.9% in the shipped table; major 18% is below 20%): high risk, 391040000.
    expect(report?.conclusionCode?.map((cc) => cc.coding?.[0]?.code)).toEqual(['64859006', '391040000']);
    expect(resources.map((r) => r?.resourceType).sort()).toEqual([
      'DiagnosticReport',
      'Observation',
      'Observation',
      'Observation',
      'Observation',
      'Observation',
      'Observation',
      'Observation',
      'Observation',
      'Observation',
      'Patient',
      'Practitioner',
    ]);
  });
  it('has an Observation per BMD, T-score and Z-score with the site LOINC code and bodySite', () => {
    const neckT = observations.find((o) => o.code.coding?.[0]?.code === '80948-3'); // DXA Femur - left [T-score]
    expect(neckT?.valueQuantity?.value).toBe(-2.6);
    expect(neckT?.bodySite?.coding?.[0]?.code).toBe('29627003');
    const spineBmd = observations.find((o) => o.code.coding?.[0]?.code === '24966-4');
    expect(spineBmd?.valueQuantity).toMatchObject({
      value: 0.78,
      code: 'g/cm2',
      system: 'http://unitsofmeasure.org',
    });
    const refs = new Set((bundle.entry ?? []).map((e) => e.fullUrl));
    for (const r of report?.result ?? []) expect(refs.has(r.reference)).toBe(true);
  });
  it('gives children no T-score observation', () => {
    const child = loadCase('09-child-below-expected');
    const b = reportBundle(child.context, child.document, '2026-10-05');
    const codes = (b.entry ?? []).flatMap((e) =>
      e.resource?.resourceType === 'Observation' ? [e.resource.code.text ?? ''] : [],
    );
    expect(codes.some((t) => t.includes('T-score'))).toBe(false);
    expect(codes.some((t) => t.includes('Z-score'))).toBe(true);
  });
});

describe('FHIR R4 bundle for QCT and CT perfusion', () => {
  function observationsOf(name: string): Observation[] {
    const c = loadCase(name);
    return (reportBundle(c.context, c.document, '2026-10-05').entry ?? []).flatMap((e) =>
      e.resource?.resourceType === 'Observation' ? [e.resource] : [],
    );
  }
  const byCode = (obs: Observation[]) =>
    Object.fromEntries(
      obs.map((o) => [`${o.code.coding?.[0]?.code ?? ''}|${o.bodySite?.text ?? ''}`, o.valueQuantity]),
    );

  it('QCT adult: CTXA hip BMD and T-scores per site, spine trabecular vBMD in mg/cm3, local codes', () => {
    const obs = observationsOf('13-qct-adult');
    expect(obs.every((o) => o.code.coding?.[0]?.system === 'urn:quantrad:fhir:measurement')).toBe(true);
    expect(byCode(obs)).toEqual({
      'ctxa-hip-bmd|left femoral_neck': {
        value: 0.62,
        unit: 'g/cm²',
        system: 'http://unitsofmeasure.org',
        code: 'g/cm2',
      },
      'ctxa-hip-t-score|left femoral_neck': {
        value: -1.9,
        unit: 'T-score',
        system: 'http://unitsofmeasure.org',
        code: '1',
      },
      'ctxa-hip-z-score|left femoral_neck': {
        value: -0.4,
        unit: 'Z-score',
        system: 'http://unitsofmeasure.org',
        code: '1',
      },
      'ctxa-hip-bmd|left total_hip': {
        value: 0.75,
        unit: 'g/cm²',
        system: 'http://unitsofmeasure.org',
        code: 'g/cm2',
      },
      'ctxa-hip-t-score|left total_hip': {
        value: -1.5,
        unit: 'T-score',
        system: 'http://unitsofmeasure.org',
        code: '1',
      },
      'qct-spine-trabecular-vbmd|L1-L2': {
        value: 72,
        unit: 'mg/cm³',
        system: 'http://unitsofmeasure.org',
        code: 'mg/cm3',
      },
    });
  });
  it('QCT child: the spine Z-score and no T-score', () => {
    const codes = observationsOf('14-qct-child').map((o) => o.code.coding?.[0]?.code);
    expect(codes).toEqual(['qct-spine-trabecular-vbmd', 'qct-spine-z-score']);
  });
  it('CT perfusion: core 12 mL, hypoperfusion 96 mL, mismatch 84 mL and ratio 96/12 = 8.0, CTDIvol 240 mGy', () => {
    const values = observationsOf('15-ct-perfusion').map((o) => [
      o.code.coding?.[0]?.code,
      o.valueQuantity?.value,
    ]);
    expect(values).toEqual([
      ['ctp-core-volume', 12],
      ['ctp-hypoperfusion-volume', 96],
      ['ctp-mismatch-volume', 84],
      ['ctp-mismatch-ratio', 8],
      ['ctp-ctdivol', 240],
    ]);
  });
  it('CT perfusion with no core: no mismatch ratio observation', () => {
    const codes = observationsOf('16-ct-perfusion-motion-dose-alert').map((o) => o.code.coding?.[0]?.code);
    expect(codes).toEqual([
      'ctp-core-volume',
      'ctp-hypoperfusion-volume',
      'ctp-mismatch-volume',
      'ctp-ctdivol',
    ]);
  });
});

describe('PDF', () => {
  it('reads back with every section heading, in order, and the integrated statement', async () => {
    const c = loadCase('08-very-high-risk-specialist');
    const text = (
      await pdfText(await renderPdf(c.document, { createdAt: new Date('2026-10-05T00:00:00Z') }))
    ).replace(/\s+/g, ' ');
    const headings = c.document.sections.map((s) => s.heading.toUpperCase());
    const positions = headings.map((h) => text.indexOf(h));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain('increased (very high) fracture risk');
  });
});

describe('report lifecycle: draft → signed → amended', () => {
  const c = loadCase('02-low-bone-density-low-risk');
  it('signs a draft, refuses to revise it after signing, and amends with a reason keeping version 1', () => {
    const draft = createDraft(c.document, 'sjones', '2026-10-05T09:00:00Z');
    expect(renderText(latestVersion(draft).document)).toContain('DRAFT: not yet signed');
    const signed = signReport(draft, 'Dr Sarah Jones', '2026-10-05T10:00:00Z');
    if (!signed.ok) throw new Error(signed.error);
    expect(signed.record.state).toBe('signed');
    expect(renderText(latestVersion(signed.record).document)).toContain(
      'electronically signed by Dr Sarah Jones at 2026-10-05T10:00:00Z',
    );
    expect(reviseDraft(signed.record, c.document, 'sjones', '2026-10-05T11:00:00Z')).toEqual({
      ok: false,
      error: 'the report is signed: amend it instead',
    });
    expect(amendReport(signed.record, c.document, '  ', 'Dr Sarah Jones', '2026-10-06T09:00:00Z').ok).toBe(
      false,
    );
    const amended = amendReport(
      signed.record,
      c.document,
      'wrong referrer',
      'Dr Sarah Jones',
      '2026-10-06T09:00:00Z',
    );
    if (!amended.ok) throw new Error(amended.error);
    expect(amended.record.state).toBe('amended');
    expect(amended.record.versions.map((v) => [v.version, v.reason])).toEqual([
      [1, null],
      [2, 'wrong referrer'],
    ]);
    expect(amended.record.versions[0]).toBe(signed.record.versions[0]);
  });
});

describe('perfusion mismatch', () => {
  it('is hypoperfused minus core, and the ratio is undefined without a core', () => {
    // 96 − 12 = 84 mL; 96 / 12 = 8.0
    expect(mismatch(12, 96)).toEqual({ volumeMl: 84, ratio: 8 });
    expect(mismatch(0, 15)).toEqual({ volumeMl: 15, ratio: null });
  });
});
