// 47 realistic exams and what the standards say of each, worked out by hand (issue 2 §4), by theme.
import type { TableCase } from './exam-table/table-case.ts';
import { whoTScoreAdults } from './exam-table/who-t-score-adults.ts';
import { zScoreAdults } from './exam-table/z-score-adults.ts';
import { children } from './exam-table/children.ts';
import { siteRules } from './exam-table/site-rules.ts';
import { serialChange } from './exam-table/serial-change.ts';
import { noggFractureRisk } from './exam-table/nogg-fracture-risk.ts';
import { investigationAndValidity } from './exam-table/investigation-and-validity.ts';

export type { TableCase };

export const EXAM_TABLE: TableCase[] = [
  ...whoTScoreAdults,
  ...zScoreAdults,
  ...children,
  ...siteRules,
  ...serialChange,
  ...noggFractureRisk,
  ...investigationAndValidity,
];
