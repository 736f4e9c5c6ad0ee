import {
  acrQctSpineCategories,
  iscdAdult,
  iscdPaediatric,
  qctSpineCategory,
  whoCategory,
  zScoreCategory,
  type BmdCategory,
} from '@quantrad/densitometry';
import { BMD_PHRASE } from '../dxa/integrated-statement.ts';
import type { ReportBlock, ReportDocument, ReportSection } from '../document/report-document.ts';
import { longDate, signedScore } from '../document/format-values.ts';
import { reporterSection } from '../document/reporter-section.ts';
import { reportWording } from '../reference/report-data.ts';
import { siteArea } from '../dxa/site-names.ts';
import type { QctReportContext } from './qct-report-context.ts';

const SEVERITY: readonly BmdCategory[] = [
  'normal',
  'within_expected_range',
  'low_bone_density',
  'below_expected_range',
  'osteoporosis',
];

interface SiteResult {
  name: string;
  value: string;
  score: string;
  category: BmdCategory | null;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function siteResults(ctx: QctReportContext): SiteResult[] {
  const q = ctx.qct;
  const results: SiteResult[] = q.hipSites.map((h) => {
    const category =
      q.population === 'adult_t_score'
        ? h.tScore === undefined
          ? null
          : whoCategory(round1(h.tScore)) // ACR QCT IV.C.1: WHO categories from the CTXA hip T-score
        : h.zScore === undefined
          ? null
          : zScoreCategory(round1(h.zScore), q.population);
    const score =
      q.population === 'adult_t_score'
        ? `T-score ${signedScore(h.tScore ?? null)}`
        : `Z-score ${signedScore(h.zScore ?? null)}`;
    return {
      name: `CTXA ${siteArea({ site: h.site, side: h.side ?? null })}`,
      value: `${h.bmdGcm2.toFixed(3)} g/cm²`,
      score,
      category,
    };
  });
  if (q.spine !== undefined) {
    const s = q.spine;
    // ACR QCT IV.C.2: the spine is categorised in mg/cm³, never by a spine QCT T-score; V.C: Z-scores otherwise.
    const category =
      q.population === 'adult_t_score'
        ? qctSpineCategory(s.trabecularBmdMgCm3)
        : s.zScore === undefined
          ? null
          : zScoreCategory(round1(s.zScore), q.population);
    const score =
      q.population === 'adult_t_score' ? 'ACR mg/cm³ cut points' : `Z-score ${signedScore(s.zScore ?? null)}`;
    results.push({
      name: `Spine ${s.vertebrae} trabecular`,
      value: `${s.trabecularBmdMgCm3.toFixed(0)} mg/cm³`,
      score,
      category,
    });
  }
  return results;
}

function worst(results: readonly SiteResult[]): SiteResult | null {
  return results.reduce<SiteResult | null>(
    (w, r) =>
      r.category === null
        ? w
        : w === null || w.category === null || SEVERITY.indexOf(r.category) > SEVERITY.indexOf(w.category)
          ? r
          : w,
    null,
  );
}

const COMPARABILITY: Record<string, string> = {
  same_unit: 'same scanner',
  same_manufacturer: 'another scanner from the same manufacturer',
  other_manufacturer_standardised: 'a scanner from another manufacturer, in standardised units',
  not_comparable: 'not comparable',
};

/** The QCT report (ACR QCT V): hip CTXA with WHO category, spine vBMD with the ACR category. */
export function buildQctReport(ctx: QctReportContext, today: string): ReportDocument {
  const q = ctx.qct;
  const reportDate = ctx.reportDate ?? today;
  const results = siteResults(ctx);
  const deciding = worst(results);
  const child = q.population === 'paediatric';
  const summary =
    deciding?.category == null
      ? 'Bone density could not be classified from this study.'
      : child && deciding.category === 'below_expected_range'
        ? `Low bone mineral density for age (below the expected range for age), at ${deciding.name}.` // ACR QCT IV.E
        : `${BMD_PHRASE[deciding.category].charAt(0).toUpperCase()}${BMD_PHRASE[deciding.category].slice(1)}, decided by ${deciding.name} (${deciding.value}).`;
  const columns = ['Site', 'BMD', child || q.population === 'adult_z_score' ? 'Z-score' : 'Score used'];
  const blocks: ReportBlock[] = [
    { kind: 'paragraph', text: summary, emphasis: true },
    { kind: 'table', caption: 'Results', columns, rows: results.map((r) => [r.name, r.value, r.score]) },
  ];
  if (q.population === 'adult_t_score' && q.spine !== undefined) {
    blocks.push({
      kind: 'paragraph',
      // ACR QCT IV.C.2: spine categories in mg/cm³, never a WHO category from a spine QCT T-score.
      text: `The spine is categorised by its trabecular bone density in mg/cm³ (above ${String(acrQctSpineCategories.normalAboveMgCm3)} normal, ${String(acrQctSpineCategories.osteoporosisBelowMgCm3)} to ${String(acrQctSpineCategories.normalAboveMgCm3)} low, below ${String(acrQctSpineCategories.osteoporosisBelowMgCm3)} in the osteoporosis range), not by a spine QCT T-score, which would overestimate fracture risk.`,
    });
  }
  if (q.population !== 'adult_t_score') {
    const limit = (child ? iscdPaediatric : iscdAdult).zScoreBelowExpectedRangeAtMost.toFixed(1);
    blocks.push({
      kind: 'paragraph',
      text: `Z-scores above ${limit} are within the expected range for age; ${limit} or lower is below the expected range for age.`, // ACR QCT V.C
    });
  }
  const technical: string[] = [
    `Scanner ${[q.scanner.manufacturer, q.scanner.model].filter(Boolean).join(' ') || 'not recorded'} (ID ${q.scanner.id}); ${q.calibration} calibration; ${q.contrast ? 'with' : 'without'} intravenous contrast.`,
    ...(q.contrast && q.spine !== undefined
      ? [
          'Intravenous contrast raises spine trabecular values: the spine result may overestimate bone density.',
        ]
      : []),
    ...(q.artefacts.length > 0
      ? q.artefacts.map((a) => `Artefact or technical issue: ${a}.`)
      : ['No artefacts or technical issues were recorded that would affect the measurements.']),
  ];
  const comparison =
    q.priors.length === 0
      ? ['No prior comparable QCT study was available.']
      : q.priors.map((p) => {
          const where =
            p.site === 'spine' ? 'spine' : siteArea({ site: p.site, side: p.side ?? null }).toLowerCase();
          const unit = p.site === 'spine' ? 'mg/cm³' : 'g/cm²';
          const shown = (v: number): string => (p.site === 'spine' ? v.toFixed(0) : v.toFixed(3));
          const now =
            p.site === 'spine'
              ? q.spine?.trabecularBmdMgCm3
              : q.hipSites.find((h) => h.site === p.site && (h.side ?? null) === (p.side ?? null))?.bmdGcm2;
          const basis = `${longDate(p.date)}, ${COMPARABILITY[p.comparability] ?? p.comparability}`;
          // ACR QCT IV.F: only comparable studies are compared; a change is stated with its direction and size.
          if (p.comparability === 'not_comparable' || now === undefined)
            return `The ${where} study of ${basis} (${shown(p.value)} ${unit}) cannot be compared with this one, so no change is stated.`;
          const diff = now - p.value;
          const moved =
            diff === 0
              ? `is unchanged at ${shown(now)} ${unit}`
              : `has ${diff < 0 ? 'fallen' : 'risen'} from ${shown(p.value)} to ${shown(now)} ${unit} (${diff < 0 ? '−' : '+'}${shown(Math.abs(diff))} ${unit}, ${diff < 0 ? '−' : '+'}${Math.abs((diff / p.value) * 100).toFixed(1)}%)`;
          const verdict =
            p.significant === null
              ? 'whether this is more than measurement error cannot be said (scanner precision not known)'
              : p.significant
                ? diff < 0
                  ? 'this is more than the measurement error, so it is a real loss of bone'
                  : 'this is more than the measurement error, so it is a real gain'
                : 'this is within the measurement error, so bone density is best described as stable';
          return `Bone density at the ${where} ${moved} since ${basis}: ${verdict}.`;
        });
  const sections: ReportSection[] = [
    {
      id: 'study',
      heading: 'Study',
      blocks: [
        {
          kind: 'fields',
          fields: [
            {
              label: 'Patient',
              value: `${ctx.patient.name}, ${ctx.patient.identifier.label ?? 'ID'} ${ctx.patient.identifier.value}, born ${longDate(ctx.patient.birthDate)} (age ${String(q.ageYears)})`,
            },
            { label: 'Referrer', value: ctx.referral.referrer.name },
            { label: 'Indications', value: ctx.referral.indications.join('; ') || 'none recorded' },
            { label: 'Date of study', value: longDate(q.examDate) },
            { label: 'Date of report', value: longDate(reportDate) },
            { label: 'Service', value: `${ctx.service.name}, ${ctx.service.address}` },
          ],
        },
      ],
    },
    { id: 'results', heading: 'Results', blocks },
    {
      id: 'comparison',
      heading: 'Comparison with prior studies',
      blocks: [{ kind: 'list', items: comparison }],
    },
    { id: 'technical', heading: 'Technical quality', blocks: [{ kind: 'list', items: technical }] },
    {
      id: 'incidental-findings',
      heading: 'Incidental findings',
      blocks: [
        {
          kind: 'list',
          items:
            q.incidentalFindings.length > 0
              ? q.incidentalFindings.map(
                  (f) =>
                    `${f}. A fragility fracture may be a reason to consider treatment whatever the bone density.`, // ACR QCT V.F
                )
              : ['None relevant to bone health.'],
        },
      ],
    },
  ];
  if (q.muscle !== undefined) {
    const m = q.muscle;
    sections.push({
      id: 'muscle',
      heading: 'Muscle',
      blocks: [
        {
          kind: 'paragraph',
          text: `Muscle at ${m.level}: cross-sectional area ${m.areaCm2.toFixed(1)} cm², attenuation ${m.attenuationHu.toFixed(0)} HU${m.skeletalMuscleIndexCm2M2 === undefined ? '' : `, skeletal muscle index ${m.skeletalMuscleIndexCm2M2.toFixed(1)} cm²/m²`}. There are no consensus cut points; ${q.contrast ? 'contrast raises muscle attenuation' : 'values are from a non-contrast study'}.`, // ACR QCT IV.H
        },
      ],
    });
  }
  sections.push(
    {
      id: 'follow-up',
      heading: 'Follow up',
      blocks: [
        {
          kind: 'paragraph',
          text:
            q.followUp ??
            'Consider a follow-up bone density study on the same scanner when it would change management.',
        },
      ],
    },
    {
      id: 'limitations',
      heading: 'Limitations',
      blocks: [
        {
          kind: 'paragraph',
          text: `${reportWording.standardStatements.bmdIsPartOfRisk} ${reportWording.standardStatements.notOnBmdAlone}`,
        },
      ],
    },
    reporterSection(ctx.reporter, reportDate),
  );
  return {
    kind: 'qct',
    title: 'Quantitative CT bone density report',
    subtitle: `${ctx.patient.name}, ${ctx.patient.identifier.label ?? 'ID'} ${ctx.patient.identifier.value}, study ${longDate(q.examDate)}`,
    sections,
  };
}
