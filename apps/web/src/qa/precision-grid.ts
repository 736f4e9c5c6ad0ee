// The precision study's grid: one row per patient (a study code, never a name), one column per repeat
// scan (ISCD 2019: 15 patients x 3 scans or 30 x 2), filled by hand or pasted from a spreadsheet.

export interface PrecisionDesign {
  id: '15x3' | '30x2';
  patients: number;
  scansPerPatient: number;
  label: string;
}

// ISCD 2019: 30 degrees of freedom, as 15 patients scanned 3 times or 30 patients scanned twice.
export const PRECISION_DESIGNS: readonly PrecisionDesign[] = [
  { id: '15x3', patients: 15, scansPerPatient: 3, label: '15 patients × 3 scans' },
  { id: '30x2', patients: 30, scansPerPatient: 2, label: '30 patients × 2 scans' },
];

export interface GridRow {
  patient: string;
  bmd: string[];
}

export function patientCode(index: number): string {
  return `P${String(index + 1).padStart(2, '0')}`;
}

export function emptyGrid(patients: number, scansPerPatient: number): GridRow[] {
  return Array.from({ length: patients }, (_, i) => ({
    patient: patientCode(i),
    bmd: Array.from({ length: scansPerPatient }, () => ''),
  }));
}

const NUMBER = /^\d*[.,]?\d+$/;

/**
 * Rows pasted from a spreadsheet (tab, comma or semicolon between cells): an optional patient code first,
 * then each scan's BMD. A decimal comma is read as a point when cells are tab or semicolon separated.
 */
export function parsePastedGrid(text: string): GridRow[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return lines.map((line, i) => {
    const separator = line.includes('\t') ? '\t' : line.includes(';') ? ';' : ',';
    const cells = line.split(separator).map((c) => c.trim());
    const first = cells[0] ?? '';
    const hasCode = first !== '' && !NUMBER.test(first);
    const values = (hasCode ? cells.slice(1) : cells).map((c) =>
      separator === ',' ? c : c.replace(',', '.'),
    );
    return { patient: hasCode ? first : patientCode(i), bmd: values };
  });
}

/** The grid's width: the most scans any patient has, at least the design's. */
export function scansIn(rows: readonly GridRow[], atLeast: number): number {
  return Math.max(atLeast, ...rows.map((r) => r.bmd.length));
}

export interface StudyScan {
  patient: string;
  scan: string;
  site: string;
  side: 'left' | 'right' | null;
  bmdGcm2: number;
}

/**
 * The scans the API is sent, one per filled cell, with the cell each came from, so a refusal naming
 * `scans.7.bmdGcm2` is shown on its cell.
 */
export function scansFromGrid(
  rows: readonly GridRow[],
  site: string,
  side: 'left' | 'right' | null,
): { scans: StudyScan[]; cells: { row: number; column: number }[] } {
  const scans: StudyScan[] = [];
  const cells: { row: number; column: number }[] = [];
  rows.forEach((r, row) => {
    r.bmd.forEach((value, column) => {
      if (value.trim() === '') return;
      scans.push({ patient: r.patient, scan: String(column + 1), site, side, bmdGcm2: Number(value) });
      cells.push({ row, column });
    });
  });
  return { scans, cells };
}
