import type { Vertebra } from '../schema/site-label.ts';

export interface ExcludedVertebra {
  vertebra: Vertebra;
  reason: string;
  by: 'operator' | 't_score_outlier';
}
