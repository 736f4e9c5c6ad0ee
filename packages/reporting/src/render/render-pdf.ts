import PDFDocument from 'pdfkit';
import type { LineChart, ReportBlock, ReportDocument } from '../document/report-document.ts';
import { chartScale, project, SERIES_COLOURS, SERIES_DASHES } from './chart-scale.ts';
import { REPORT_FONT_BOLD, REPORT_FONT_REGULAR } from './report-fonts.ts';

export interface PdfOptions {
  largePrint?: boolean;
  /** Written into the PDF's metadata so the same report gives the same file. */
  createdAt?: Date;
}

const MARGIN_PT = 50;

interface Layout {
  doc: PDFKit.PDFDocument;
  size: number;
  width: number;
}

function ensureRoom(l: Layout, heightPt: number): void {
  if (l.doc.y + heightPt > l.doc.page.height - MARGIN_PT - 20) l.doc.addPage();
}

function paragraph(l: Layout, text: string, bold = false): void {
  l.doc.font(bold ? 'bold' : 'regular').fontSize(l.size);
  ensureRoom(l, l.doc.heightOfString(text, { width: l.width }));
  l.doc.text(text, MARGIN_PT, l.doc.y, { width: l.width });
  l.doc.moveDown(0.4);
}

function table(
  l: Layout,
  caption: string,
  columns: readonly string[],
  rows: readonly (readonly string[])[],
): void {
  paragraph(l, caption, true);
  const size = l.size * 0.85;
  l.doc.fontSize(size);
  const lengths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length), 4));
  const total = lengths.reduce((a, b) => a + b, 0);
  const widths = lengths.map((n) => (n / total) * l.width);
  const drawRow = (cells: readonly string[], bold: boolean): void => {
    l.doc.font(bold ? 'bold' : 'regular').fontSize(size);
    const height =
      Math.max(...cells.map((c, i) => l.doc.heightOfString(c, { width: (widths[i] ?? 0) - 6 }))) + 6;
    ensureRoom(l, height);
    const top = l.doc.y;
    let x = MARGIN_PT;
    cells.forEach((cell, i) => {
      const w = widths[i] ?? 0;
      l.doc.rect(x, top, w, height).lineWidth(0.5).stroke('#555555');
      l.doc.fillColor('#000000').text(cell, x + 3, top + 3, { width: w - 6 });
      x += w;
    });
    l.doc.x = MARGIN_PT;
    l.doc.y = top + height;
  };
  drawRow(columns, true);
  for (const row of rows) drawRow(row, false);
  l.doc.moveDown(0.6);
}

function chart(l: Layout, c: LineChart, caption: string): void {
  const height = 160;
  const plotW = l.width - 140;
  ensureRoom(l, height + 50);
  const left = MARGIN_PT + 40;
  const top = l.doc.y + 5;
  const scale = chartScale(c);
  l.doc.lineWidth(0.8).strokeColor('#000000');
  l.doc
    .moveTo(left, top)
    .lineTo(left, top + height)
    .lineTo(left + plotW, top + height)
    .stroke();
  l.doc.font('regular').fontSize(8).fillColor('#000000');
  l.doc.text(String(Math.round(scale.yMax)), MARGIN_PT, top - 4, { width: 36, align: 'right' });
  l.doc.text(String(Math.round(scale.yMin)), MARGIN_PT, top + height - 4, { width: 36, align: 'right' });
  l.doc.text(String(Math.round(scale.xMin)), left - 10, top + height + 3, { width: 20, align: 'center' });
  l.doc.text(String(Math.round(scale.xMax)), left + plotW - 10, top + height + 3, {
    width: 20,
    align: 'center',
  });
  l.doc.text(c.xLabel, left, top + height + 14, { width: plotW, align: 'center' });
  l.doc.text(c.yLabel, MARGIN_PT, top - 16, { width: 200 });
  c.series.forEach((series, i) => {
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length] ?? '#000000';
    const dash = (SERIES_DASHES[i % SERIES_DASHES.length] ?? '').split(' ').filter(Boolean).map(Number);
    l.doc.save().lineWidth(1.5).strokeColor(colour);
    if (dash.length > 0) l.doc.dash(dash[0] ?? 3, { space: dash[1] ?? 3 });
    series.points.forEach((p, j) => {
      const [x, y] = project(scale, plotW, height, p);
      if (j === 0) l.doc.moveTo(left + x, top + y);
      else l.doc.lineTo(left + x, top + y);
    });
    l.doc.stroke().undash();
    const legendY = top + 10 + i * 14;
    l.doc
      .moveTo(left + plotW + 10, legendY)
      .lineTo(left + plotW + 30, legendY)
      .stroke();
    l.doc.restore();
    l.doc
      .font('regular')
      .fontSize(8)
      .fillColor('#000000')
      .text(series.name, left + plotW + 34, legendY - 4, { width: 90 });
  });
  l.doc.x = MARGIN_PT;
  l.doc.y = top + height + 30;
  paragraph(l, caption);
}

function block(l: Layout, b: ReportBlock): void {
  switch (b.kind) {
    case 'paragraph':
      paragraph(l, b.text, b.emphasis === true);
      return;
    case 'subheading':
      paragraph(l, b.text, true);
      return;
    case 'list':
      for (const item of b.items) paragraph(l, `•  ${item}`);
      return;
    case 'fields':
      for (const f of b.fields) paragraph(l, `${f.label}: ${f.value}`);
      return;
    case 'table':
      table(l, b.caption, b.columns, b.rows);
      return;
    case 'figure':
      chart(l, b.chart, `${b.caption}. ${b.summary}`);
      return;
  }
}

/** The report as a PDF with embedded DejaVu fonts, page numbers and the patient on every page. */
export function renderPdf(document: ReportDocument, options: PdfOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN_PT,
    bufferPages: true,
    info: {
      Title: `${document.title}: ${document.subtitle}`,
      Creator: 'quantrad',
      ...(options.createdAt ? { CreationDate: options.createdAt } : {}),
    },
  });
  doc.registerFont('regular', REPORT_FONT_REGULAR);
  doc.registerFont('bold', REPORT_FONT_BOLD);
  const size = options.largePrint === true ? 16 : 10;
  const l: Layout = { doc, size, width: doc.page.width - 2 * MARGIN_PT };
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
  });
  doc
    .font('bold')
    .fontSize(size * 1.6)
    .text(document.title, { width: l.width });
  doc.font('regular').fontSize(size).text(document.subtitle, { width: l.width });
  doc.moveDown(0.8);
  for (const section of document.sections) {
    ensureRoom(l, size * 5);
    doc
      .font('bold')
      .fontSize(size * 1.25)
      .text(section.heading.toUpperCase(), MARGIN_PT, doc.y, { width: l.width });
    doc.moveDown(0.3);
    for (const b of section.blocks) block(l, b);
    doc.moveDown(0.4);
  }
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(8).fillColor('#000000');
    doc.text(
      `${document.subtitle}   Page ${i + 1} of ${range.count}`,
      MARGIN_PT,
      doc.page.height - MARGIN_PT + 10,
      { width: l.width, align: 'center', lineBreak: false },
    );
  }
  doc.end();
  return done;
}
