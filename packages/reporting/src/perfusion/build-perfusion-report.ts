import type { ReportBlock, ReportDocument, ReportSection } from '../document/report-document.ts';
import { longDate } from '../document/format-values.ts';
import { reporterSection } from '../document/reporter-section.ts';
import { ctPerfusionLimits } from '../reference/perfusion-data.ts';
import { mismatch } from './mismatch.ts';
import type { PerfusionReportContext } from './perfusion-report-context.ts';

const MAP_NAMES: Record<string, string> = {
  CBF: 'cerebral blood flow (CBF)',
  CBV: 'cerebral blood volume (CBV)',
  MTT: 'mean transit time (MTT)',
  TTP: 'time to peak (TTP)',
  Tmax: 'time to maximum of the residue function (Tmax)',
};

const MOTION: Record<string, string> = {
  none: 'no effect on the maps',
  corrected: 'corrected by motion correction; the maps are usable',
  maps_degraded: 'the maps are degraded: interpret with caution',
  maps_unreliable: 'the maps are unreliable and should not be used for treatment decisions',
};

function peak(times: readonly number[], values: readonly number[]): string {
  let best = 0;
  values.forEach((v, i) => {
    if (v > (values[best] ?? -Infinity)) best = i;
  });
  return `peak ${(values[best] ?? 0).toFixed(0)} HU at ${(times[best] ?? 0).toFixed(1)} s`;
}

/** The CT perfusion report (ACR CTP V and VII). */
export function buildPerfusionReport(ctx: PerfusionReportContext, today: string): ReportDocument {
  const s = ctx.perfusion;
  const reportDate = ctx.reportDate ?? today;
  const pair = (c: typeof s.arterialCurve): [number, number][] =>
    c.timesS.map((t, i) => [t, c.enhancementHu[i] ?? 0]);
  const results: ReportBlock[] = [];
  if (s.volumes !== undefined) {
    const v = s.volumes;
    const m = mismatch(v.coreMl, v.hypoperfusionMl);
    results.push({
      kind: 'table',
      caption: 'Volumes',
      columns: ['Measure', 'Value', 'Definition'],
      rows: [
        ['Ischaemic core', `${v.coreMl.toFixed(1)} mL`, v.coreDefinition],
        ['Hypoperfused tissue', `${v.hypoperfusionMl.toFixed(1)} mL`, v.hypoperfusionDefinition],
        ['Mismatch volume', `${m.volumeMl.toFixed(1)} mL`, 'hypoperfused minus core'],
        [
          'Mismatch ratio',
          m.ratio === null ? 'not defined (no core)' : m.ratio.toFixed(1),
          'hypoperfused ÷ core',
        ],
      ],
    });
  } else {
    results.push({ kind: 'paragraph', text: 'Core and hypoperfusion volumes were not measured.' });
  }
  const unreliable = s.motion.impact === 'maps_unreliable';
  if (unreliable)
    results.unshift({
      kind: 'paragraph',
      text: 'Warning: motion makes these maps unreliable; do not base treatment decisions on them.',
      emphasis: true,
    });
  const alert = s.ctdiVolMGy >= ctPerfusionLimits.ctdiVolAlertMGy;
  // ACR CTP VII: the CTDIvol alert level and review (the UK service's medical physics expert).
  const doseText = `CTDIvol ${s.ctdiVolMGy.toFixed(0)} mGy${s.dlpMGyCm === undefined ? '' : `, DLP ${s.dlpMGyCm.toFixed(0)} mGy·cm`}: ${alert ? `at or above the alert level of ${String(ctPerfusionLimits.ctdiVolAlertMGy / 1000)} Gy CTDIvol; refer for review by the medical physics expert and the supervising radiologist.` : `below the alert level of ${String(ctPerfusionLimits.ctdiVolAlertMGy / 1000)} Gy CTDIvol.`}`;
  const sections: ReportSection[] = [
    {
      id: 'study',
      heading: 'Study',
      blocks: [
        {
          kind: 'fields',
          fields: [
            {
              label: 'Patient',
              value: `${ctx.patient.name}, ${ctx.patient.identifier.label ?? 'ID'} ${ctx.patient.identifier.value}, born ${longDate(ctx.patient.birthDate)}`,
            },
            { label: 'Referrer', value: ctx.referral.referrer.name },
            { label: 'Indications', value: ctx.referral.indications.join('; ') || 'none recorded' },
            { label: 'Date of study', value: longDate(s.studyDate) },
            { label: 'Date of report', value: longDate(reportDate) },
            {
              label: 'Scanner',
              value: `${[s.scanner.manufacturer, s.scanner.model].filter(Boolean).join(' ') || 'not recorded'} (ID ${s.scanner.id})`,
            },
            {
              label: 'Contrast',
              value: `${s.contrast.agent}, ${String(s.contrast.volumeMl)} mL at ${String(s.contrast.injectionRateMlS)} mL/s`,
            },
          ],
        },
      ],
    },
    {
      id: 'technique',
      heading: 'Technique',
      blocks: [
        {
          kind: 'paragraph',
          text: `Maps produced: ${s.maps.map((m) => MAP_NAMES[m] ?? m).join(', ')}. Method: ${s.method}.`,
        },
        {
          kind: 'paragraph',
          text: s.motion.observed
            ? `Motion observed${s.motion.description ? ` (${s.motion.description})` : ''}: ${MOTION[s.motion.impact] ?? s.motion.impact}.`
            : 'No motion observed during the cine acquisition.',
        },
        {
          kind: 'figure',
          caption: `Arterial input (${s.arterialCurve.location}) and venous output (${s.venousCurve.location}) curves`,
          chart: {
            xLabel: 'time (s)',
            yLabel: 'enhancement (HU)',
            series: [
              { name: 'arterial', points: pair(s.arterialCurve) },
              { name: 'venous', points: pair(s.venousCurve) },
            ],
          },
          summary: `Arterial ${peak(s.arterialCurve.timesS, s.arterialCurve.enhancementHu)}; venous ${peak(s.venousCurve.timesS, s.venousCurve.enhancementHu)}`,
        },
      ],
    },
    { id: 'results', heading: 'Results', blocks: results },
    {
      id: 'quality',
      heading: 'Quality warnings',
      blocks: [{ kind: 'list', items: s.qualityWarnings.length > 0 ? s.qualityWarnings : ['None.'] }],
    },
    {
      id: 'dose',
      heading: 'Radiation dose',
      blocks: [{ kind: 'paragraph', text: doseText, emphasis: alert }],
    },
    reporterSection(ctx.reporter, reportDate),
  ];
  return {
    kind: 'ct_perfusion',
    title: 'CT perfusion report',
    subtitle: `${ctx.patient.name}, ${ctx.patient.identifier.label ?? 'ID'} ${ctx.patient.identifier.value}, study ${longDate(s.studyDate)}`,
    sections,
  };
}
