// The service data as GET /api/service-data returns it (packages/service/src/service-data).

export interface ServiceMeasure {
  section: 'referrals' | 'appointments' | 'waits' | 'outcomes' | 'quality';
  measure: string;
  value: number | null;
  unit: string;
  denominator: number | null;
  percent: number | null;
  definition: string;
}

export interface ServiceData {
  from: string;
  to: string;
  generatedAt: string;
  targets: { scanWaitDays: number; scanWaitSource: string; reportWaitDays: number; reportWaitSource: string };
  measures: ServiceMeasure[];
}

/** The measures whose names start with a prefix ("source: "), labelled by the rest of the name. */
export function measuresStartingWith(
  data: ServiceData,
  prefix: string,
  use: 'value' | 'percent' = 'value',
): { label: string; value: number }[] {
  return data.measures
    .filter((m) => m.measure.startsWith(prefix))
    .map((m) => ({
      label: m.measure.slice(prefix.length),
      value: (use === 'value' ? m.value : m.percent) ?? 0,
    }));
}

export function measureNamed(data: ServiceData, name: string): ServiceMeasure | undefined {
  return data.measures.find((m) => m.measure === name);
}
