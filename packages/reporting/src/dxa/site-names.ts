import { vertebraeOf } from '@quantrad/densitometry';

interface NamedSite {
  site: string;
  side: 'left' | 'right' | null;
}

/** The table's "Site" column (ROS Appendix 4C example results table). */
export function siteGroup(s: NamedSite): string {
  if (vertebraeOf(s.site) !== null) return 'Spine';
  if (s.site === 'total_hip') return 'Hip';
  if (s.site === 'femoral_neck') return 'Femoral neck';
  return 'Forearm';
}

/** The table's "Area" column: the vertebrae or region, with its side. */
export function siteArea(s: NamedSite): string {
  const side = s.side === null ? '' : ` (${s.side})`;
  if (vertebraeOf(s.site) !== null) return s.site.replace(',', ', ');
  if (s.site === 'total_hip') return `Total hip${side}`;
  if (s.site === 'femoral_neck') return `Femoral neck${side}`;
  return `33% radius${side}`;
}

/** In a sentence: "the left femoral neck", "the lumbar spine (L1-L4)". */
export function siteInWords(s: NamedSite): string {
  const side = s.side === null ? '' : `${s.side} `;
  if (vertebraeOf(s.site) !== null) return `the lumbar spine (${s.site.replace(',', ', ')})`;
  if (s.site === 'total_hip') return `the ${side}hip`;
  if (s.site === 'femoral_neck') return `the ${side}femoral neck (top of the thigh bone)`;
  return `the ${side}forearm`;
}
