import type { ReportBlock, ReportDocument } from '../document/report-document.ts';

// ROS 4.6: "if formatting is limited, use capitals and line breaks to delineate different sections".

function tableLines(columns: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

function blockLines(block: ReportBlock): string[] {
  switch (block.kind) {
    case 'paragraph':
      return [block.text];
    case 'subheading':
      return [`${block.text}:`];
    case 'list':
      return block.items.map((item) => `- ${item}`);
    case 'fields':
      return block.fields.map((f) => `${f.label}: ${f.value}`);
    case 'table':
      return [`${block.caption}:`, ...tableLines(block.columns, block.rows)];
    case 'figure':
      return [`Figure: ${block.caption}. ${block.summary}`];
  }
}

/** The report as plain text: headings in capitals, a blank line between blocks. */
export function renderText(document: ReportDocument): string {
  const out: string[] = [document.title.toUpperCase(), document.subtitle, ''];
  for (const section of document.sections) {
    out.push(section.heading.toUpperCase());
    for (const block of section.blocks) out.push(...blockLines(block), '');
    if (section.blocks.length === 0) out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
