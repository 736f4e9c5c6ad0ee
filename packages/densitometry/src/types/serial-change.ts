import type { Side } from '../schema/exam-input.ts';

/** Change at one site since one prior exam (ISCD 2019 serial measurement; ROS 4.6). */
export interface SerialChange {
  site: string;
  side: Side | null;
  sinceDate: string;
  priorBmdGcm2: number;
  currentBmdGcm2: number;
  changeGcm2: number;
  changePercent: number;
  changePercentPerYear: number;
  lscGcm2: number | null;
  comparable: boolean;
  /** null when no LSC is known or the scans are not comparable. */
  significant: boolean | null;
  direction: 'loss' | 'gain' | 'no_significant_change' | 'unknown';
  note: string | null;
}
