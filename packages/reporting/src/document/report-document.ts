// The format-neutral report: what every renderer (text, HTML, PDF) draws, section by section.

/** A line chart (CT perfusion arterial and venous curves, ACR CTP V). */
export interface LineChart {
  xLabel: string;
  yLabel: string;
  series: { name: string; points: readonly (readonly [number, number])[] }[];
}

export type ReportBlock =
  | { kind: 'paragraph'; text: string; emphasis?: boolean }
  | { kind: 'subheading'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'fields'; fields: { label: string; value: string }[] }
  | { kind: 'table'; caption: string; columns: string[]; rows: string[][] }
  | { kind: 'figure'; caption: string; chart: LineChart; summary: string };

export interface ReportSection {
  id: string;
  heading: string;
  blocks: ReportBlock[];
}

export interface ReportDocument {
  kind: 'dxa' | 'qct' | 'ct_perfusion';
  title: string;
  /** One line under the title: service, patient and date, so a printed page is never anonymous. */
  subtitle: string;
  sections: ReportSection[];
}
