import type { ReactElement } from 'react';
import { BarChart } from '../charts/bar-chart.tsx';
import { measureNamed, measuresStartingWith, type ServiceData } from './service-data-types.ts';

/** A median wait against its target; with nothing measured, says so rather than drawing a zero. */
function WaitChart(props: {
  title: string;
  label: string;
  days: number | null;
  targetDays: number;
  none: string;
}): ReactElement {
  if (props.days === null)
    return (
      <figure className="chart">
        <figcaption>{props.title}</figcaption>
        <p>{props.none}</p>
      </figure>
    );
  return (
    <BarChart
      title={props.title}
      unit="days"
      bars={[{ label: props.label, value: props.days }]}
      reference={{ value: props.targetDays, label: `target ${String(props.targetDays)} days` }}
    />
  );
}

/** The dashboard's charts: referrals by source, waits against their targets, appointments, WHO categories. */
export function ServiceDataCharts({ data }: { data: ServiceData }): ReactElement {
  const value = (name: string): number => measureNamed(data, name)?.value ?? 0;
  const dna = measureNamed(data, 'did not attend');
  return (
    <div className="charts">
      <BarChart title="Referrals received, by source" unit="" bars={measuresStartingWith(data, 'source: ')} />
      <WaitChart
        title="Median wait from referral to scan (ROS 5, DM01)"
        label="referral to scan"
        days={measureNamed(data, 'median wait, referral to scan')?.value ?? null}
        targetDays={data.targets.scanWaitDays}
        none="No scans in the period"
      />
      <WaitChart
        title="Median wait from scan to report"
        label="scan to report"
        days={measureNamed(data, 'median wait, scan to report')?.value ?? null}
        targetDays={data.targets.reportWaitDays}
        none="No reports in the period"
      />
      <BarChart
        title={`Appointments due${dna?.percent !== undefined && dna.percent !== null ? `: did not attend ${String(dna.percent)}%` : ''}`}
        unit=""
        bars={['attended', 'did not attend', 'cancelled', 'still booked'].map((name) => ({
          label: name,
          value: value(name),
        }))}
      />
      <BarChart
        title="WHO category of reported scans"
        unit="%"
        bars={measuresStartingWith(data, 'WHO category: ', 'percent')}
      />
    </div>
  );
}
