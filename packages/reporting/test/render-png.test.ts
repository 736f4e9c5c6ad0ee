import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { renderHtml, renderPdf } from '../src/index.ts';
import { loadCase } from './load-case.ts';
import { servePdfViewer, type ViewerResult, type ViewerWindow } from './pdf-viewer-server.ts';

// Reports drawn as pictures in Debian's headless Chromium: the HTML directly, the PDF through pdf.js on a
// loopback page. .ci/run installs Chromium; without it these tests skip and say why.
const CHROMIUM = '/usr/bin/chromium';
const out = mkdtempSync(join(tmpdir(), 'quantrad-report-png-'));

function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

function pngSize(file: string): { width: number; height: number } {
  const png = readFileSync(file);
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe.skipIf(!existsSync(CHROMIUM))(
  `HTML to PNG in headless Chromium${existsSync(CHROMIUM) ? '' : ` (skipped: ${CHROMIUM} not installed)`}`,
  () => {
    it('renders the CT perfusion report with its curve figure, and large print makes the page longer', async () => {
      const browser = await launchChromium();
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

describe.skipIf(!existsSync(CHROMIUM))(
  `PDF to PNG in headless Chromium${existsSync(CHROMIUM) ? '' : ` (skipped: ${CHROMIUM} not installed)`}`,
  () => {
    it('draws every page of the DXA report at A4 proportions with ink on it, and the text is there', async () => {
      const c = loadCase('01-osteoporosis-high-risk');
      const pdf = await renderPdf(c.document);
      const server = await servePdfViewer(pdf);
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 800, height: 1000 } });
        await page.goto(`${server.url}/viewer.html`);
        const drawn = await page.waitForFunction(
          () => (globalThis as unknown as ViewerWindow).viewerResult,
          null,
          {
            timeout: 30_000,
          },
        );
        const result = (await drawn.jsonValue()) as ViewerResult;
        expect(result.error).toBeUndefined();
        expect(result.pages.length).toBeGreaterThanOrEqual(2);
        for (const p of result.pages) {
          // A4 is 210 × 297 mm: height / width = 1.414
          expect(p.heightPx / p.widthPx).toBeCloseTo(297 / 210, 2);
          // a page of text inks a few per cent of its pixels; blank would be 0, a black page 1
          expect(p.inkedFraction).toBeGreaterThan(0.005);
          expect(p.inkedFraction).toBeLessThan(0.5);
        }
        const text = result.pages.map((p) => p.text).join(' ');
        // the PDF prints section headings in capitals (ROS 4.6)
        for (const s of c.document.sections) expect(text).toContain(s.heading.toUpperCase());
        await page
          .locator('canvas')
          .first()
          .screenshot({ path: join(out, 'dxa-pdf-page-1.png') });
        expect(pngSize(join(out, 'dxa-pdf-page-1.png')).width).toBeGreaterThan(500);
      } finally {
        await browser.close();
        await server.close();
      }
    }, 60_000);
  },
);
