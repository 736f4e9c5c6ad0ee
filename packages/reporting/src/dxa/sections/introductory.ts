import type { ReportSection } from '../../document/report-document.ts';
import { longDate } from '../../document/format-values.ts';
import type { DxaReportContext } from '../dxa-report-context.ts';

const NOT_RECORDED = 'not recorded';

/** ROS Appendix 4C: introductory information. */
export function introductorySection(ctx: DxaReportContext, reportDate: string): ReportSection {
  const a = ctx.assessment;
  const scanner = a.exam.scanner;
  const scannerText =
    scanner === null
      ? NOT_RECORDED
      : [
          [scanner.manufacturer, scanner.model].filter((v) => v !== null).join(' ') ||
            'manufacturer not recorded',
          `scanner ID ${scanner.id}`,
          `software ${scanner.softwareVersion ?? NOT_RECORDED}`,
        ].join(', ');
  const identifier = `${ctx.patient.identifier.label ?? 'Identifier'} ${ctx.patient.identifier.value}`;
  return {
    id: 'introductory-information',
    heading: 'Introductory information',
    blocks: [
      {
        kind: 'fields',
        fields: [
          { label: 'Service', value: `${ctx.service.name}, ${ctx.service.address}` },
          { label: 'Date of scan', value: longDate(a.exam.date) },
          { label: 'Date of report', value: longDate(reportDate) },
          {
            label: 'Referrer',
            value: [ctx.referral.referrer.name, ctx.referral.referrer.address].filter(Boolean).join(', '),
          },
          { label: 'Patient', value: ctx.patient.name },
          { label: 'Address', value: ctx.patient.address ?? NOT_RECORDED },
          { label: 'Date of birth', value: `${longDate(ctx.patient.birthDate)} (age ${String(a.ageYears)})` },
          { label: 'Identifier', value: identifier },
          { label: 'Ethnicity', value: ctx.patient.ethnicity ?? a.exam.ethnicity ?? NOT_RECORDED },
          {
            label: 'Height',
            value: a.exam.heightCm === null ? NOT_RECORDED : `${String(a.exam.heightCm)} cm`,
          },
          {
            label: 'Weight',
            value: a.exam.weightKg === null ? NOT_RECORDED : `${String(a.exam.weightKg)} kg`,
          },
          { label: 'BMI', value: a.bmiKgM2 === null ? NOT_RECORDED : `${a.bmiKgM2.toFixed(1)} kg/m²` },
          { label: 'Scanner', value: scannerText },
        ],
      },
    ],
  };
}
