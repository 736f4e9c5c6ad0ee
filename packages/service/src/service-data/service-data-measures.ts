import {
  REFERRAL_SOURCES,
  type CountByKey,
  type ReferrerRecord,
  type ServiceDataFigures,
} from '@quantrad/store';
import { waitingTimes } from '../reference/referral-criteria.ts';

// The figures as a flat list of measures, each saying what it counts and, for a proportion, out of what
// (ROS 5: referral data, DNA and cancellation rates, waiting times, WHO categories, onward referral; ROS
// 5.1-5.2: QC and maintenance). One list feeds the JSON, the CSV and the charts.

const REFERRER_TYPES: readonly ReferrerRecord['role'][] = ['gp', 'specialist', 'other'];

export type ServiceDataSection = 'referrals' | 'appointments' | 'waits' | 'outcomes' | 'quality';

export interface ServiceMeasure {
  section: ServiceDataSection;
  measure: string;
  value: number | null;
  unit: string;
  /** What the value is a proportion of, when it is one. */
  denominator: number | null;
  /** value / denominator as a percentage to one decimal place; null without a denominator (or of none). */
  percent: number | null;
  /** What is counted, in words. */
  definition: string;
}

const percentOf = (value: number | null, denominator: number | null): number | null =>
  value === null || denominator === null || denominator === 0
    ? null
    : Math.round((value / denominator) * 1000) / 10;

function measure(
  section: ServiceDataSection,
  name: string,
  value: number | null,
  unit: string,
  definition: string,
  denominator: number | null = null,
): ServiceMeasure {
  return {
    section,
    measure: name,
    value,
    unit,
    denominator,
    percent: percentOf(value, denominator),
    definition,
  };
}

/** Every key of a closed list, with 0 for those absent, then any others the data holds. */
function withZeros(list: readonly string[], counts: CountByKey[]): CountByKey[] {
  const found = new Map(counts.map((c) => [c.key, c.count]));
  return [
    ...list.map((key) => ({ key, count: found.get(key) ?? 0 })),
    ...counts.filter((c) => !list.includes(c.key)),
  ];
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

function referralMeasures(f: ServiceDataFigures['referrals']): ServiceMeasure[] {
  const of = 'of referrals received in the period';
  const by = (label: string, counts: CountByKey[], what: string): ServiceMeasure[] =>
    counts.map((c) =>
      measure(
        'referrals',
        `${label}: ${c.key}`,
        c.count,
        'referrals',
        `referrals ${what} ${c.key}, ${of}`,
        f.total,
      ),
    );
  return [
    measure('referrals', 'referrals received', f.total, 'referrals', 'referrals received in the period'),
    ...by('source', withZeros(REFERRAL_SOURCES, f.bySource), 'whose source is'),
    ...by('referrer type', withZeros(REFERRER_TYPES, f.byReferrerRole), 'from a referrer of type'),
    ...by('organisation', f.byOrganisation, 'from a referrer at'),
    ...by('indication', f.byIndication, 'naming the indication (a referral may name several)'),
  ];
}

function appointmentMeasures(f: ServiceDataFigures['appointments']): ServiceMeasure[] {
  const due = 'of appointments due in the period';
  const seen = f.attended + f.didNotAttend;
  const cancelled =
    f.cancelledAtPatientRequest + f.cancelledByService + f.cancelledToRebook + f.cancelledOther;
  const a = (name: string, value: number, definition: string, denominator: number | null): ServiceMeasure =>
    measure('appointments', name, value, 'appointments', definition, denominator);
  return [
    a(
      'appointments due',
      f.total,
      'appointments due (starting) in the period, whatever became of them',
      null,
    ),
    a('attended', f.attended, `attended, ${due}`, f.total),
    // The NHS DNA rate: did not attend out of those who attended or did not (cancellations aside).
    a('did not attend', f.didNotAttend, `did not attend, of appointments attended or not attended`, seen),
    a('cancelled', cancelled, `cancelled for any reason, ${due}`, f.total),
    a(
      'cancelled at the patient’s request',
      f.cancelledAtPatientRequest,
      `cancelled at the patient’s request, ${due}`,
      f.total,
    ),
    a('cancelled by the service', f.cancelledByService, `cancelled by the service, ${due}`, f.total),
    a(
      'moved to another time',
      f.cancelledToRebook,
      `cancelled to be rebooked at another time, ${due}`,
      f.total,
    ),
    a('still booked', f.stillBooked, `booked with no outcome recorded yet, ${due}`, f.total),
  ];
}

function waitMeasures(s: ServiceDataFigures['scans'], r: ServiceDataFigures['reports']): ServiceMeasure[] {
  const scanDays = waitingTimes.appointmentTargetDays;
  const reportDays = waitingTimes.reportTargetDays;
  return [
    measure('waits', 'scans', s.total, 'scans', 'visits scanned in the period'),
    measure(
      'waits',
      'median wait, referral to scan',
      s.medianWaitDays,
      'days',
      'median of days from the referral being received to the scan, over visits scanned in the period',
    ),
    // ROS 4.4; DM01: a wait of six weeks or more.
    measure(
      'waits',
      'waited six weeks or more (DM01 breach)',
      s.breaches,
      'scans',
      `scanned ${String(scanDays)} days or more after the referral was received, of visits scanned in the period`,
      s.total,
    ),
    measure('waits', 'reports', r.total, 'reports', 'reports first signed in the period'),
    measure(
      'waits',
      'median wait, scan to report',
      r.medianWaitDays,
      'days',
      'median of days from the scan to the report’s first signature, over reports first signed in the period',
    ),
    // ROS 9.2: time from scan to report, indicative target three weeks.
    measure(
      'waits',
      'reported more than three weeks after the scan',
      r.overTarget,
      'reports',
      `first signed more than ${String(reportDays)} days after the scan, of reports first signed in the period`,
      r.total,
    ),
  ];
}

function outcomeMeasures(f: ServiceDataFigures): ServiceMeasure[] {
  const r = f.reports;
  const who = r.normal + r.lowBoneDensity + r.osteoporosis + r.establishedOsteoporosis;
  const of = 'of reports first signed in the period classified by WHO T-score category';
  const category = (name: string, value: number, what: string): ServiceMeasure =>
    measure('outcomes', `WHO category: ${name}`, value, 'reports', `${what}, ${of}`, who);
  return [
    measure(
      'outcomes',
      'reports with a WHO category',
      who,
      'reports',
      'classified by T-score (WHO), of reports first signed in the period',
      r.total,
    ),
    measure(
      'outcomes',
      'reports without a WHO category',
      r.notWho,
      'reports',
      'classified by Z-score or not classified, of reports first signed in the period',
      r.total,
    ),
    // WHO 1994 (ROS 1.2): T-score -1.0 and above normal; below -1.0 and above -2.5 low bone density
    // (osteopenia); -2.5 and below osteoporosis; established with a fragility fracture.
    category('normal', r.normal, 'T-score -1.0 or above'),
    category('low bone density (osteopenia)', r.lowBoneDensity, 'T-score below -1.0 and above -2.5'),
    category('osteoporosis', r.osteoporosis, 'T-score -2.5 or below with no fragility fracture recorded'),
    category(
      'established osteoporosis',
      r.establishedOsteoporosis,
      'T-score -2.5 or below with a fragility or vertebral fracture recorded with the results',
    ),
    // ROS 5: the proportion of patients requiring onward referral (osteoporosis clinic, falls prevention).
    measure(
      'outcomes',
      'scans followed by an onward referral',
      f.scans.withOnwardReferral,
      'scans',
      'visits scanned in the period with a referral to a specialist, falls service or fracture liaison service recorded (not declined)',
      f.scans.total,
    ),
    ...f.investigations.byKind.map((i) =>
      measure(
        'outcomes',
        `further investigation: ${i.key}`,
        i.count,
        'investigations',
        `further investigations or onward referrals of kind ${i.key} recorded in the period (not declined)`,
      ),
    ),
    measure(
      'outcomes',
      'further investigations declined',
      f.investigations.declined,
      'investigations',
      'further investigations or onward referrals recorded in the period as declined',
    ),
  ];
}

function qualityMeasures(q: ServiceDataFigures['quality']): ServiceMeasure[] {
  return [
    measure(
      'quality',
      'daily QC records',
      q.dailyQc,
      'checks',
      'daily QC records dated in the period (ROS 5.1)',
    ),
    measure(
      'quality',
      'daily QC failed',
      q.dailyQcFailed,
      'checks',
      'daily QC records dated in the period that failed (including days failed by a phantom scan out of control), of daily QC records',
      q.dailyQc,
    ),
    measure('quality', 'phantom scans', q.phantomScans, 'scans', 'phantom QA scans in the period'),
    measure(
      'quality',
      'phantom out-of-control alerts',
      q.phantomAlerts,
      'alerts',
      'phantom QA alerts (Shewhart or CUSUM out of control) raised in the period, of phantom scans',
      q.phantomScans,
    ),
    measure(
      'quality',
      'handovers to the engineer',
      q.handovers,
      'handovers',
      'maintenance handovers of a scanner to the engineer that overlap the period (ROS 5.2)',
    ),
    measure(
      'quality',
      'scanner downtime',
      round2(q.downtimeHours),
      'hours',
      'hours scanners were with the engineer, from handover to return (or now), within the period, summed over scanners',
    ),
  ];
}

export function serviceMeasures(f: ServiceDataFigures): ServiceMeasure[] {
  return [
    ...referralMeasures(f.referrals),
    ...appointmentMeasures(f.appointments),
    ...waitMeasures(f.scans, f.reports),
    ...outcomeMeasures(f),
    ...qualityMeasures(f.quality),
  ];
}
