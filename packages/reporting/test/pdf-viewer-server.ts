import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// A loopback page that draws a PDF with pdf.js (pdfjs-dist, from node_modules) onto one canvas per page,
// so headless Chromium can show the PDF as the reader sees it. Nothing is fetched from outside.

export interface ViewerPage {
  widthPx: number;
  heightPx: number;
  /** fraction of pixels that are not near-white */
  inkedFraction: number;
  text: string;
}

export interface ViewerResult {
  pages: ViewerPage[];
  error?: string;
}

export interface ViewerWindow {
  viewerResult?: ViewerResult;
}

const pdfjsBuild = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'build');

const VIEWER_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>PDF</title>
<style>body{margin:0;background:#888}canvas{display:block;margin:8px auto;background:#fff}</style></head>
<body><script type="module" src="/viewer.mjs"></script></body></html>`;

const VIEWER_SCRIPT = `
import * as pdfjs from '/pdf.mjs';
pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
try {
  const doc = await pdfjs.getDocument('/document.pdf').promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale: 1 });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(viewport.width);
    canvas.height = Math.round(viewport.height);
    document.body.append(canvas);
    const context = canvas.getContext('2d');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvas, canvasContext: context, viewport }).promise;
    const rgba = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 0; i < rgba.length; i += 4) if (rgba[i] + rgba[i + 1] + rgba[i + 2] < 600) inked++;
    const content = await page.getTextContent();
    pages.push({
      widthPx: canvas.width,
      heightPx: canvas.height,
      inkedFraction: inked / (canvas.width * canvas.height),
      text: content.items.map((item) => item.str ?? '').join(' '),
    });
  }
  window.viewerResult = { pages };
} catch (e) {
  window.viewerResult = { pages: [], error: String(e) };
}
`;

export async function servePdfViewer(pdf: Uint8Array): Promise<{ url: string; close: () => Promise<void> }> {
  const files: Record<string, { type: string; body: string | Uint8Array }> = {
    '/viewer.html': { type: 'text/html', body: VIEWER_HTML },
    '/viewer.mjs': { type: 'text/javascript', body: VIEWER_SCRIPT },
    '/pdf.mjs': { type: 'text/javascript', body: readFileSync(join(pdfjsBuild, 'pdf.mjs')) },
    '/pdf.worker.mjs': { type: 'text/javascript', body: readFileSync(join(pdfjsBuild, 'pdf.worker.mjs')) },
    '/document.pdf': { type: 'application/pdf', body: pdf },
  };
  const server = createServer((request, response) => {
    const file = files[new URL(request.url ?? '/', 'http://localhost').pathname];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': file.type }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => {
          if (e) reject(e);
          else resolve();
        });
      }),
  };
}
