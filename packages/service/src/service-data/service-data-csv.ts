import { toCsv } from './csv-writer.ts';
import type { ServiceData } from './service-data.ts';

const HEADER = ['section', 'measure', 'value', 'denominator', 'percent', 'unit', 'definition'] as const;

/** Service data as CSV, one row per measure, for a manager to open in a spreadsheet. */
export function serviceDataCsv(data: ServiceData): string {
  return toCsv(
    HEADER,
    data.measures.map((m) => [m.section, m.measure, m.value, m.denominator, m.percent, m.unit, m.definition]),
  );
}

/** The file name a downloaded CSV is saved under. */
export const serviceDataCsvFilename = (data: Pick<ServiceData, 'from' | 'to'>): string =>
  `service-data-${data.from}-to-${data.to}.csv`;
