import { parse } from 'csv-parse/sync';
import { fail, ok, type Outcome } from '../outcome.ts';
import type { VendorCsvFormat } from '../reference/vendor-result-csv.ts';

export type Site = Record<string, string | number>;

/** Whether a region is on the ignore list, where '*' at either end of an entry matches anything. */
function ignored(patterns: readonly string[], region: string): boolean {
  return patterns.some((p) => {
    const starts = p.startsWith('*');
    const ends = p.endsWith('*');
    const core = p.slice(starts ? 1 : 0, ends ? -1 : undefined);
    if (starts && ends) return region.includes(core);
    if (starts) return region.endsWith(core);
    if (ends) return region.startsWith(core);
    return region === p;
  });
}

/** A mapping's own entry for a name from the file, never an inherited one ('toString', '__proto__'). */
function own<T>(mapping: Record<string, T>, name: string): T | undefined {
  return Object.hasOwn(mapping, name) ? mapping[name] : undefined;
}

/** The first of a column's possible names that the export has, or null. */
function columnIn(header: readonly string[], names: readonly string[]): string | null {
  return names.find((n) => header.includes(n)) ?? null;
}

/**
 * The CSV rows as exam sites, or the first problem with its row and column. Each row is read with its
 * scan, so a 'Total' from a hip scan can never become a spine total; regions on the ignore list (the
 * trochanter, left-right differences) are skipped; anything else unknown stops the import.
 */
export function sitesFromVendorCsv(csv: string, format: VendorCsvFormat): Outcome<Site[]> {
  let rows: Record<string, string>[];
  try {
    rows = parse(csv, { columns: true, bom: true, trim: true, skip_empty_lines: true });
  } catch (error) {
    return fail('invalid', `csv: ${error instanceof Error ? error.message : String(error)}`, 'csv');
  }
  const first = rows[0];
  if (!first) return fail('invalid', 'csv: has no result rows', 'csv');
  const header = Object.keys(first);
  const c = format.columns;
  const scanColumn = columnIn(header, c.scan);
  const regionColumn = columnIn(header, c.region);
  const bmdColumn = columnIn(header, c.bmd);
  for (const [names, found] of [
    [c.scan, scanColumn],
    [c.region, regionColumn],
    [c.bmd, bmdColumn],
  ] as const) {
    if (found === null) return fail('invalid', `csv: no "${names.join('" or "')}" column`, 'csv');
  }
  const sideColumn = columnIn(header, c.side);
  const values = [
    ['bmdGcm2', bmdColumn],
    ['tScore', columnIn(header, c.tScore)],
    ['zScore', columnIn(header, c.zScore)],
    ['bmcG', columnIn(header, c.bmc)],
    ['areaCm2', columnIn(header, c.area)],
  ] as const;

  const sites: Site[] = [];
  for (const [i, row] of rows.entries()) {
    const line = `csv row ${String(i + 2)}`;
    const scanText = row[scanColumn ?? ''] ?? '';
    const scan = own(format.scans, scanText);
    if (scan === undefined)
      return fail('invalid', `${line}: scan "${scanText}" is not in the ${scanColumn ?? ''} mapping`, 'csv');
    const regionText = row[regionColumn ?? ''] ?? '';
    if (ignored(format.ignored[scan.type], regionText)) continue;
    const target = own(format.regions[scan.type], regionText);
    if (target === undefined)
      return fail(
        'invalid',
        `${line}: region "${regionText}" of a ${scan.type} scan is not in the ${regionColumn ?? ''} mapping`,
        'csv',
      );
    const out: Site = { site: typeof target === 'string' ? target : target.site };
    // The side may come from the region ('Neck Left'), the scan ('Left Hip') or a Side column: where
    // more than one gives it, they must agree.
    const sides = new Set<string>();
    if (typeof target !== 'string') sides.add(target.side);
    if (scan.side !== undefined) sides.add(scan.side);
    const sideText = sideColumn === null ? '' : (row[sideColumn] ?? '');
    if (sideText !== '') {
      const fromColumn = own(format.sides, sideText);
      if (fromColumn === undefined)
        return fail('invalid', `${line}: side "${sideText}" is not recognised`, 'csv');
      sides.add(fromColumn);
    }
    if (sides.size > 1)
      return fail('invalid', `${line}: the scan, region and side disagree on left or right`, 'csv');
    const [sideOfSite] = sides;
    if (sideOfSite !== undefined) out['side'] = sideOfSite;
    for (const [key, column] of values) {
      if (column === null) continue;
      const text = row[column] ?? '';
      if (format.missing.includes(text)) continue;
      const value = Number(text);
      if (!Number.isFinite(value))
        return fail('invalid', `${line}: ${column} "${text}" is not a number`, 'csv');
      out[key] = value;
    }
    if (out['bmdGcm2'] === undefined) return fail('invalid', `${line}: ${bmdColumn ?? ''} is empty`, 'csv');
    sites.push(out);
  }
  if (sites.length === 0)
    return fail('invalid', 'csv: has no rows for the regions the service reports', 'csv');
  return ok(sites);
}
