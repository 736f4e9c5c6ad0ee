import type { SampledReferralFacts } from '@quantrad/store';

// What the IR(ME)R referral audits (ROS 9.2) check from the record for each sampled referral:
// referrer entitlement (ROS 4.3: only entitled referrers, signed referrals) and justification (ROS 4.4: every
// exposure justified by an IR(ME)R practitioner or authorised by an operator under written criteria).

export interface ReferralCheck {
  checked: number;
  compliant: number;
  /** Sampled referrals not yet decided, so not judged (justification only). */
  notDecided: number;
  failures: { referralId: string; problems: string[] }[];
}

const day = (iso: string): string => iso.slice(0, 10);

function summarise(
  facts: readonly SampledReferralFacts[],
  problemsOf: (f: SampledReferralFacts) => string[] | null,
): ReferralCheck {
  const failures: ReferralCheck['failures'] = [];
  let checked = 0;
  for (const f of facts) {
    const problems = problemsOf(f);
    if (problems === null) continue;
    checked += 1;
    if (problems.length > 0) failures.push({ referralId: f.referralId, problems });
  }
  return { checked, compliant: checked - failures.length, notDecided: facts.length - checked, failures };
}

/** Each referral came from a referrer entitled on the day it was received, and was signed. */
export function referrerEntitlementCheck(facts: readonly SampledReferralFacts[]): ReferralCheck {
  return summarise(facts, (f) => {
    const received = day(f.receivedAt);
    const problems: string[] = [];
    if (received < f.referrerEntitledFrom)
      problems.push(`${f.referrerName} was not entitled to refer until ${f.referrerEntitledFrom}`);
    if (f.referrerEntitledUntil !== null && received > f.referrerEntitledUntil)
      problems.push(`${f.referrerName}'s entitlement to refer ended on ${f.referrerEntitledUntil}`);
    if (!f.signedByReferrer) problems.push('not signed by the referrer');
    return problems;
  });
}

/** Each decided referral was justified or authorised by someone entitled to, on the basis the criteria allow. */
export function justificationCheck(facts: readonly SampledReferralFacts[]): ReferralCheck {
  return summarise(facts, (f) => {
    if (f.authorisation === null) {
      return f.scanned ? ['scanned without a recorded justification or authorisation'] : null;
    }
    const problems: string[] = [];
    if (f.deciderEntitled === false)
      problems.push(
        f.authorisation === 'practitioner_justified'
          ? 'justified by someone not entitled as an IR(ME)R practitioner on the day'
          : 'authorised by someone not entitled as an operator on the day',
      );
    if (f.authorisation === 'operator_under_written_criteria' && !f.meetsCriteria)
      problems.push('authorised under written criteria that the referral does not meet');
    return problems;
  });
}
