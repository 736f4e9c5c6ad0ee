import type { ReportSection } from '../../document/report-document.ts';
import { listOrNone } from '../../document/format-values.ts';
import type { Fracture } from '../../context/report-context-schema.ts';
import type { DxaReportContext } from '../dxa-report-context.ts';

function fractureText(f: Fracture): string {
  const what = f.description ?? `${f.site} fracture`;
  return `${what}${f.date ? ` (${f.date})` : ''}${f.lowTrauma ? ', low trauma' : ''}`;
}

/** ROS Appendix 4C: reasons for referral. */
export function reasonsSection(ctx: DxaReportContext): ReportSection {
  const r = ctx.referral;
  return {
    id: 'reasons-for-referral',
    heading: 'Reasons for referral',
    blocks: [
      {
        kind: 'fields',
        fields: [
          { label: 'Indications', value: listOrNone(r.indications, 'none recorded') },
          { label: 'Fractures', value: listOrNone(r.fractures.map(fractureText), 'none reported') },
          {
            label: 'Current bone-strengthening treatment',
            value: listOrNone(r.osteoporosisTreatments, 'none'),
          },
          { label: 'Supplements', value: listOrNone(r.supplements, 'none') },
          {
            label: 'Clinical risk factors for fracture',
            value: listOrNone(r.fractureRiskFactors, 'none recorded'),
          },
          { label: 'Risk factors for falls', value: listOrNone(r.fallsRiskFactors, 'none recorded') },
        ],
      },
    ],
  };
}
