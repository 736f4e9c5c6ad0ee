import { ageInYears } from '@quantrad/densitometry';
import type { SampledVisitChecks, ServiceDataFigures } from '@quantrad/store';

// What the IR(ME)R identification and pregnancy audits and the DNA audit (ROS 9.2) check from the record:
// four-point identification at each sampled scan (ROS 4.5); the pregnancy enquiry of everyone of
// child-bearing capacity, answered and signed (ROS 4.5, IR(ME)R); the did-not-attend rate of the period.

export interface VisitCheck {
  checked: number;
  compliant: number;
  failures: { visitId: string; problems: string[] }[];
  /** Not failures, but worth a look (someone of enquiry age recorded as without child-bearing capacity). */
  forReview: { visitId: string; note: string }[];
}

const IDENTITY_POINTS = ['name', 'birthDate', 'address', 'examination'] as const;

function summarise(
  facts: readonly SampledVisitChecks[],
  problemsOf: (f: SampledVisitChecks) => string[],
  reviewOf: (f: SampledVisitChecks) => string | null = () => null,
): VisitCheck {
  const failures: VisitCheck['failures'] = [];
  const forReview: VisitCheck['forReview'] = [];
  for (const f of facts) {
    const problems = problemsOf(f);
    if (problems.length > 0) failures.push({ visitId: f.visitId, problems });
    const note = reviewOf(f);
    if (note !== null) forReview.push({ visitId: f.visitId, note });
  }
  return { checked: facts.length, compliant: facts.length - failures.length, failures, forReview };
}

/** ROS 4.5: name, date of birth, address and examination each confirmed before the scan. */
export function identificationCheck(facts: readonly SampledVisitChecks[]): VisitCheck {
  return summarise(facts, (f) =>
    IDENTITY_POINTS.filter((p) => f.identity[p] !== true).map((p) => `${p} not confirmed`),
  );
}

/** IR(ME)R: the enquiry answered and signed for child-bearing capacity; enquiry-age "no capacity" reviewed. */
export function pregnancyCheck(
  facts: readonly SampledVisitChecks[],
  enquiryAgeYears: { from: number; to: number },
): VisitCheck {
  return summarise(
    facts,
    (f) => {
      if (!f.childBearingCapacity) return [];
      const problems: string[] = [];
      if (f.pregnancyStatus !== 'not_pregnant')
        problems.push(`scanned with the pregnancy enquiry answered ${f.pregnancyStatus.replace('_', ' ')}`);
      if (f.pregnancySignedBy === null) problems.push('pregnancy enquiry not signed');
      return problems;
    },
    (f) => {
      const age = ageInYears(f.patientBirthDate, f.scannedAt.slice(0, 10));
      return !f.childBearingCapacity && age >= enquiryAgeYears.from && age <= enquiryAgeYears.to
        ? `aged ${String(age)}, recorded as without child-bearing capacity`
        : null;
    },
  );
}

export interface DnaRate {
  /** Appointments due in the audit period that were attended or missed. */
  attendedOrMissed: number;
  didNotAttend: number;
  /** Did-not-attend as a percentage of those attended or missed; null with none. */
  percent: number | null;
}

/** The period's did-not-attend rate, as the service data counts it (ROS 5). */
export function dnaRate(figures: ServiceDataFigures): DnaRate {
  const { attended, didNotAttend } = figures.appointments;
  const denominator = attended + didNotAttend;
  return {
    attendedOrMissed: denominator,
    didNotAttend,
    percent: denominator === 0 ? null : Math.round((didNotAttend / denominator) * 1000) / 10,
  };
}
