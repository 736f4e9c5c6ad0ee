import type { CriteriaMatch } from '@quantrad/store';
import type { ReferralCriteria } from '../reference/referral-criteria.ts';

export interface MatchSubject {
  examination: 'dxa' | 'qct';
  sex: 'female' | 'male';
  ageYears: number;
  indications: readonly string[];
}

/**
 * Which of the referral's stated indications meet the locally agreed criteria (ROS 4.3), and why the
 * others do not. An operator may authorise under the practitioner's written criteria only when at least
 * one matches (ROS 4.4); otherwise the IR(ME)R practitioner justifies from the clinical information.
 */
export function matchReferralCriteria(criteria: ReferralCriteria, s: MatchSubject): CriteriaMatch {
  const matched: CriteriaMatch['matched'] = [];
  const unmatched: CriteriaMatch['unmatched'] = [];
  for (const id of s.indications) {
    const indication = criteria.indications.find((i) => i.id === id);
    let reason: string | null = null;
    if (!indication) reason = 'not in the local referral criteria';
    else if (!indication.examinations.includes(s.examination))
      reason = `is a criterion for ${indication.examinations.join(' or ').toUpperCase()}, not ${s.examination.toUpperCase()}`;
    else if (indication.sex !== undefined && indication.sex !== s.sex)
      reason = `applies to ${indication.sex} patients`;
    else if (indication.minAgeYears !== undefined && s.ageYears < indication.minAgeYears)
      reason = `applies from age ${String(indication.minAgeYears)}; the patient is ${String(s.ageYears)}`;
    else if (indication.minAgeYearsBySex !== undefined && s.ageYears < indication.minAgeYearsBySex[s.sex])
      reason = `applies to ${s.sex} patients from age ${String(indication.minAgeYearsBySex[s.sex])}; the patient is ${String(s.ageYears)}`;
    if (reason === null && indication) matched.push({ id, text: indication.text, source: indication.source });
    else unmatched.push({ id, reason: reason ?? 'unknown' });
  }
  return { meetsCriteria: matched.length > 0, matched, unmatched, criteriaVersion: criteria.version };
}
