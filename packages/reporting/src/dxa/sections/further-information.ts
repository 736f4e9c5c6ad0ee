import type { ReportSection } from '../../document/report-document.ts';
import type { ServiceContext } from '../../context/report-context-schema.ts';
import { reportWording } from '../../reference/report-data.ts';

/** ROS Appendix 4C: further information (signposting, local advice line, when to contact the GP). */
export function furtherInformationSection(
  service: ServiceContext,
  transgenderGuidance: boolean,
  child: boolean,
  onSteroids: boolean,
): ReportSection {
  const s = reportWording.signposting;
  const local = [service.adviceLine, service.email].filter((v): v is string => v !== undefined);
  const items = [
    // The adult guidelines (NOGG, SIGN, FRAX) do not apply to children and young people.
    ...(child ? s.general.slice(0, 1) : s.general),
    ...(transgenderGuidance ? [s.transgender] : []),
    ...(local.length > 0 ? [`${service.name} advice: ${local.join(', ')}.`] : []),
    onSteroids ? s.contactGpOnSteroids : s.contactGp,
  ];
  return { id: 'further-information', heading: 'Further information', blocks: [{ kind: 'list', items }] };
}
