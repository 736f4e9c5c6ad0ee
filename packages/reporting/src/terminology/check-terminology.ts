import { terminology } from '../reference/terminology-data.ts';
import type { Pronouns } from './pronouns.ts';
import type { TerminologyRule, TerminologyViolation } from './terminology-violation.ts';

export interface TerminologyContext {
  /** Who the report is about; decides which classification words are allowed (ISCD 2019). */
  population: 'adult_t_score' | 'adult_z_score' | 'paediatric' | 'unknown';
  /** Recorded pronouns: other gendered pronouns are then flagged (ROS 4.6). */
  pronouns?: Pronouns | null;
  /** 'report' also checks what a whole report must contain; 'free_text' checks a reporter's words only. */
  scope: 'report' | 'free_text';
}

type Rule = (text: string, context: TerminologyContext) => TerminologyViolation[];

function excerptAt(text: string, index: number, length: number): string {
  return text.slice(Math.max(0, index - 20), Math.min(text.length, index + length + 20)).trim();
}

function matches(text: string, pattern: RegExp): RegExpExecArray[] {
  return [
    ...text.matchAll(
      new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`),
    ),
  ];
}

function violation(
  rule: TerminologyRule,
  message: string,
  text: string,
  m: RegExpExecArray,
): TerminologyViolation {
  return { rule, message, excerpt: excerptAt(text, m.index, m[0].length) };
}

/** Organisation names ("Royal Osteoporosis Society") are not classification words. */
function withoutProperNames(text: string): string {
  return terminology.properNames.reduce(
    (t, name) => t.replaceAll(new RegExp(name, 'gi'), ' '.repeat(name.length)),
    text,
  );
}

const APPROVED_OSTEOPENIA = terminology.approvedOsteopeniaPhrase.toLowerCase();

// ROS 4.6 / INDEX: "low bone density (osteopenia)", never "osteopenia" (or "osteopenic") alone.
const osteopeniaAlone: Rule = (text) =>
  matches(text, /osteopeni\w*/gi)
    .filter((m) => {
      const start = m.index - APPROVED_OSTEOPENIA.indexOf('osteopenia');
      return text.slice(start, start + APPROVED_OSTEOPENIA.length).toLowerCase() !== APPROVED_OSTEOPENIA;
    })
    .map((m) =>
      violation(
        'osteopenia_alone',
        `write "${terminology.approvedOsteopeniaPhrase}", not "${m[0]}" alone (ROS 4.6)`,
        text,
        m,
      ),
    );

// ROS 4.6: do not describe osteopenia as a diagnosis or diagnostic classification.
const osteopeniaAsDiagnosis: Rule = (text) =>
  matches(
    text,
    /diagnos(?:is|ed|tic)(?:\s+(?:classification|category))?(?:\s+(?:of|as|is|was))?:?\s+(?:low bone density \()?osteopeni/gi,
  ).map((m) =>
    violation(
      'osteopenia_as_diagnosis',
      'low bone density (osteopenia) is not a diagnosis (ROS 4.6)',
      text,
      m,
    ),
  );

// ROS 4.6 / INDEX: "increased (high) fracture risk", never "high fracture risk" alone.
const riskWithoutIncreased: Rule = (text) =>
  matches(
    text,
    /\b(?:very\s+)?high(?:\s+|-)(?:fracture\s+risk|risk\s+of\s+(?:a\s+)?(?:fracture|breaking))/gi,
  ).map((m) =>
    violation(
      'risk_without_increased',
      `write "increased (${m[0].toLowerCase().startsWith('very') ? 'very high' : 'high'}) fracture risk", not "${m[0]}" (ROS 4.6)`,
      text,
      m,
    ),
  );

function whoTermsIn(text: string): { category: string; m: RegExpExecArray }[] {
  const lower = text;
  return Object.entries(terminology.whoTerms).flatMap(([category, phrases]) =>
    phrases.flatMap((phrase) =>
      matches(lower, new RegExp(phrase.replace(/[()]/g, '\\$&'), 'gi')).map((m) => ({ category, m })),
    ),
  );
}

// ROS 4.6: present only one bone density WHO classification result (the worst site's).
const oneWhoTerm: Rule = (text) => {
  const found = whoTermsIn(text);
  const categories = [...new Set(found.map((f) => f.category))];
  const second = found.find((f) => f.category !== found[0]?.category);
  return categories.length > 1 && second
    ? [
        violation(
          'more_than_one_who_term',
          `only one WHO classification may be stated; found ${categories.join(', ')} (ROS 4.6)`,
          text,
          second.m,
        ),
      ]
    : [];
};

// ISCD Pediatric 2019; ACR QCT V.D: no T-scores, no "osteopenia" or "osteoporosis" for children.
const childRules: Rule = (text, context) => {
  if (context.population !== 'paediatric') return [];
  const plain = withoutProperNames(text);
  return [
    ...matches(plain, /\bT[- ]?scores?\b/gi).map((m) =>
      violation('child_t_score', 'T-scores are not reported for children (ISCD Pediatric 2019)', plain, m),
    ),
    ...matches(plain, /\bosteop(?:eni|oro)\w*/gi).map((m) =>
      violation(
        'child_who_term',
        `"${m[0]}" is not used in children's densitometry reports (ISCD Pediatric 2019)`,
        plain,
        m,
      ),
    ),
  ];
};

// ISCD 2019: premenopausal women and men under 50 are described by Z-score ("below the expected range for
// age"), not with the WHO terms or T-scores.
const zScorePopulationRules: Rule = (text, context) => {
  if (context.population !== 'adult_z_score') return [];
  return [
    ...whoTermsIn(text).map((f) =>
      violation(
        'z_score_population_who_term',
        'the WHO classification does not apply: use Z-score wording (ISCD 2019)',
        text,
        f.m,
      ),
    ),
    ...matches(text, /\bosteopeni\w*|\bT[- ]?scores?\b/gi).map((m) =>
      violation(
        'z_score_population_who_term',
        `"${m[0]}" does not apply: use Z-score wording (ISCD 2019)`,
        text,
        m,
      ),
    ),
  ];
};

const zScoreWordingPresent: Rule = (text, context) => {
  const needsIt =
    context.scope === 'report' &&
    (context.population === 'adult_z_score' || context.population === 'paediatric');
  return needsIt && !text.toLowerCase().includes(terminology.zScoreWording)
    ? [
        {
          rule: 'z_score_wording_missing',
          message: `a Z-score report says whether bone density is within or below the "${terminology.zScoreWording}" (ISCD 2019)`,
          excerpt: '',
        },
      ]
    : [];
};

// ROS 4.6: refer to the patient by their pronouns of choice.
const pronounRule: Rule = (text, context) => {
  const recorded = context.pronouns;
  if (!recorded) return [];
  const own = new Set([recorded.subject, recorded.object, recorded.possessive].map((w) => w.toLowerCase()));
  const others = terminology.genderedPronouns.filter((w) => !own.has(w) && !own.has(w.replace(/self$/, '')));
  if (others.length === 0) return [];
  return matches(text, new RegExp(`\\b(?:${others.join('|')})\\b`, 'gi')).map((m) =>
    violation(
      'pronoun_not_recorded',
      `"${m[0]}" is not one of the patient's recorded pronouns (ROS 4.6)`,
      text,
      m,
    ),
  );
};

const RULES: readonly Rule[] = [
  osteopeniaAlone,
  osteopeniaAsDiagnosis,
  riskWithoutIncreased,
  oneWhoTerm,
  childRules,
  zScorePopulationRules,
  zScoreWordingPresent,
  pronounRule,
];

/** Every breach of the report wording rules in a text (a whole report, or a reporter's free text). */
export function checkTerminology(text: string, context: TerminologyContext): TerminologyViolation[] {
  const flat = text.replace(/\s+/g, ' ');
  return RULES.flatMap((rule) => rule(flat, context));
}
