import type { ReportBlock, ReportDocument } from '../document/report-document.ts';
import { escapeHtml } from './escape-html.ts';
import { lineChartSvg } from './line-chart-svg.ts';

export interface HtmlOptions {
  /** Large print (RNIB clear print guidance: at least 16 point; 18 point here). */
  largePrint?: boolean;
}

const STYLE = `
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; font-size: var(--base); line-height: 1.5;
  color: #000; background: #fff; max-width: 48em; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; border-bottom: 2px solid #000; margin-top: 1.6em; }
h3 { font-size: 1em; margin-bottom: 0.2em; }
p.subtitle { margin-top: 0; }
table { border-collapse: collapse; margin: 0.5em 0; }
caption { text-align: left; font-weight: bold; }
th, td { border: 1px solid #555; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.1em 1em; }
dt { font-weight: bold; }
dd { margin: 0; }
strong.key { font-weight: bold; }
figure { margin: 0.5em 0; }
svg { max-width: 100%; height: auto; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } table, figure { break-inside: avoid; } }
`;

function blockHtml(block: ReportBlock, index: string): string {
  switch (block.kind) {
    case 'paragraph':
      return block.emphasis === true
        ? `<p><strong class="key">${escapeHtml(block.text)}</strong></p>`
        : `<p>${escapeHtml(block.text)}</p>`;
    case 'subheading':
      return `<h3>${escapeHtml(block.text)}</h3>`;
    case 'list':
      return `<ul>${block.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
    case 'fields':
      return `<dl>${block.fields.map((f) => `<dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(f.value)}</dd>`).join('')}</dl>`;
    case 'table': {
      const head = block.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
      const rows = block.rows
        .map(
          (r) =>
            `<tr>${r.map((cell, i) => (i === 0 ? `<th scope="row">${escapeHtml(cell)}</th>` : `<td>${escapeHtml(cell)}</td>`)).join('')}</tr>`,
        )
        .join('\n');
      return `<table>\n<caption>${escapeHtml(block.caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
    }
    case 'figure':
      return `<figure>\n${lineChartSvg(block.chart, `${block.caption}. ${block.summary}`, `figure-${index}`)}\n<figcaption>${escapeHtml(block.caption)}. ${escapeHtml(block.summary)}</figcaption>\n</figure>`;
  }
}

/** A standalone, printable, accessible HTML page (headings, captioned tables, described figures). */
export function renderHtml(document: ReportDocument, options: HtmlOptions = {}): string {
  const base = options.largePrint === true ? '18pt' : '11pt';
  const sections = document.sections
    .map((section, s) => {
      const blocks = section.blocks.map((b, i) => blockHtml(b, `${s + 1}-${i + 1}`)).join('\n');
      return `<section aria-labelledby="${section.id}">\n<h2 id="${section.id}">${escapeHtml(section.heading)}</h2>\n${blocks}\n</section>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.title)}: ${escapeHtml(document.subtitle)}</title>
<style>:root { --base: ${base}; }${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(document.title)}</h1>
<p class="subtitle">${escapeHtml(document.subtitle)}</p>
${sections}
</main>
</body>
</html>
`;
}
