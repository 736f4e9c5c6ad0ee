import type { Role, StaffTrainingHeld } from '@quantrad/store';
import { staffTrainingPolicy } from '../reference/staff-training-policy.ts';

// Which training an entitlement depends on, and whether a user's is current on a day (ROS 6.1: a
// practitioner or operator must not carry out any exposure or practical aspect without having been
// adequately trained; ROS 9.1: competency maintained and reviewed; Appendix 3: local rules read).

/**
 * The date whole calendar months after a date ('YYYY-MM-DD'). A day the later month does not have falls
 * on its last day: 2024-02-29 plus 12 months is 2025-02-28.
 */
export function addMonths(isoDay: string, months: number): string {
  const [year = 0, month = 1, day = 1] = isoDay.split('-').map(Number);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(targetYear, 4)}-${pad(targetMonth, 2)}-${pad(Math.min(day, lastDay), 2)}`;
}

/** The last day a completion of a kind counts: completion plus its renewal period, or null if none. */
export function expiryFor(kind: string, completedOn: string): string | null {
  const months = staffTrainingPolicy.kinds[kind]?.renewalMonths ?? null;
  return months === null ? null : addMonths(completedOn, months);
}

/** Something an entitlement needs that the user does not hold current. */
export interface TrainingShortfall {
  /** A training kind, or 'local_rules' for the version of the local rules in force. */
  requirement: string;
  name: string;
  state: 'missing' | 'lapsed';
  /** The last day the lapsed training counted; null when it was never recorded. */
  expiresOn: string | null;
}

export const LOCAL_RULES = 'local_rules';

export function localRulesName(): string {
  return `local rules version ${staffTrainingPolicy.localRules.currentVersion} read`;
}

/** The training kinds an entitlement depends on, by id. */
export function trainingRequiredFor(role: Role): string[] {
  return Object.entries(staffTrainingPolicy.kinds)
    .filter(([, kind]) => kind.requiredFor.includes(role))
    .map(([id]) => id);
}

/** What the user lacks, on a day, to act under an entitlement; empty when nothing is lacking. */
export function trainingShortfalls(role: Role, held: StaffTrainingHeld, today: string): TrainingShortfall[] {
  const shortfalls: TrainingShortfall[] = [];
  for (const kind of trainingRequiredFor(role)) {
    const name = staffTrainingPolicy.kinds[kind]?.name ?? kind;
    const current = held.training.find((t) => t.kind === kind);
    if (!current) shortfalls.push({ requirement: kind, name, state: 'missing', expiresOn: null });
    else if (current.expiresOn !== null && current.expiresOn < today)
      shortfalls.push({ requirement: kind, name, state: 'lapsed', expiresOn: current.expiresOn });
  }
  if (staffTrainingPolicy.localRulesRequiredFor.includes(role)) {
    const version = staffTrainingPolicy.localRules.currentVersion;
    if (!held.localRulesRead.some((r) => r.version === version))
      shortfalls.push({
        requirement: LOCAL_RULES,
        name: localRulesName(),
        state: 'missing',
        expiresOn: null,
      });
  }
  return shortfalls;
}

/** "DXA scanning competency lapsed on 2026-03-15; IR(ME)R operator training not recorded" */
export function describeShortfalls(shortfalls: readonly TrainingShortfall[]): string {
  return shortfalls
    .map((s) => {
      if (s.requirement === LOCAL_RULES) return `${s.name} not recorded`;
      return s.state === 'lapsed' ? `${s.name} lapsed on ${s.expiresOn ?? ''}` : `${s.name} not recorded`;
    })
    .join('; ');
}
