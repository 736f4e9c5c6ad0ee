// T-scores and WHO categories worked out in the test from the engine's reference data files, to check
// what the screens show against arithmetic done independently of the engine.
import { readFileSync } from 'node:fs';

interface NhanesReference {
  sites: Record<'femoral_neck' | 'total_hip', { meanGcm2: number; sdGcm2: number }>;
}
interface WhoBands {
  tScoreNormalAtLeast: number;
  tScoreOsteoporosisAtMost: number;
}
const nhanes = JSON.parse(
  readFileSync(
    new URL('../../../../packages/densitometry/data/nhanes3-hip-white-women-20-29.json', import.meta.url),
    'utf8',
  ),
) as NhanesReference;
const who = JSON.parse(
  readFileSync(
    new URL('../../../../packages/densitometry/data/who-1994-bmd-categories.json', import.meta.url),
    'utf8',
  ),
) as WhoBands;

/** T = (BMD − young-adult mean) / SD, reported to one decimal place as scanners print it. */
export function tScore(bmdGcm2: number, site: 'femoral_neck' | 'total_hip'): number {
  const ref = nhanes.sites[site];
  return Math.round(((bmdGcm2 - ref.meanGcm2) / ref.sdGcm2) * 10) / 10;
}

export function whoCategory(t: number): string {
  if (t <= who.tScoreOsteoporosisAtMost) return 'Osteoporosis';
  return t >= who.tScoreNormalAtLeast ? 'Normal' : 'Low bone density';
}

/** A score as the screen prints it: one decimal, with a real minus sign. */
export function shown(t: number): string {
  return t.toFixed(1).replace('-', '−');
}
