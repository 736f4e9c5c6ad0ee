import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { renderHtml, renderPdf } from '../src/index.ts';
import { loadCase } from './load-case.ts';

// Reports drawn as pictures: the HTML in Debian's headless Chromium, the PDF with poppler's pdftoppm.
// .ci/run installs both; without them these tests skip and say why.
const CHROMIUM = '/usr/bin/chromium';
const PDFTOPPM = '/usr/bin/pdftoppm';
const out = mkdtempSync(join(tmpdir(), 'quantrad-report-png-'));

function pngSize(file: string): { width: number; height: number } {
  const png = readFileSync(file);
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe.skipIf(!existsSync(CHROMIUM))(
  `HTML to PNG in headless Chromium${existsSync(CHROMIUM) ? '' : ` (skipped: ${CHROMIUM} not installed)`}`,
  () => {
    it('renders the CT perfusion report with its curve figure, and large print makes the page longer', async () => {
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
        ],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 900, height: 800 } });
        const c = loadCase('15-ct-perfusion');
        await page.setContent(renderHtml(c.document));
        expect(await page.locator('figure svg path').count()).toBe(2);
        expect(await page.locator('h2').allTextContents()).toEqual(c.document.sections.map((s) => s.heading));
        const normal = join(out, 'ct-perfusion.png');
        await page.screenshot({ path: normal, fullPage: true });
        await page.setContent(renderHtml(c.document, { largePrint: true }));
        const large = join(out, 'ct-perfusion-large-print.png');
        await page.screenshot({ path: large, fullPage: true });
        expect(pngSize(large).height).toBeGreaterThan(pngSize(normal).height);
      } finally {
        await browser.close();
      }
    }, 60_000);
  },
);

describe.skipIf(!existsSync(PDFTOPPM))(
  `PDF to PNG${existsSync(PDFTOPPM) ? '' : ` (skipped: ${PDFTOPPM} not installed)`}`,
  () => {
    it('rasterises every page of the DXA report at A4 proportions', async () => {
      const c = loadCase('01-osteoporosis-high-risk');
      const pdf = join(out, 'dxa.pdf');
      writeFileSync(pdf, await renderPdf(c.document));
      execFileSync(PDFTOPPM, ['-png', '-r', '50', pdf, join(out, 'dxa')]);
      const first = pngSize(join(out, 'dxa-1.png'));
      // A4 is 210 × 297 mm: height / width = 1.414
      expect(first.height / first.width).toBeCloseTo(297 / 210, 1);
    });
  },
);
