import { describeSite, type AssessedSite, type DxaAssessment, type FlagCode } from '@quantrad/densitometry';
import { bmdPhrase } from '@quantrad/reporting';

// Category words are the report's (ROS 4.6 / Appendix 4A; ISCD Pediatric for children): one set for both.
const FLAG_TEXT: Record<FlagCode, string> = {
  vfa_indicated: 'Vertebral fracture assessment indicated',
  low_z_score: 'Low for age',
  unexplained_bone_loss: 'Bone loss',
  forearm_scan_indicated: 'Forearm scan indicated',
  spine_reanalysis_needed: 'Spine re-analysis needed',
};

function score(value: number | null): string {
  return value === null ? '–' : value.toFixed(1);
}

function siteRow(site: AssessedSite, paediatric: boolean): string {
  const name =
    site.vertebraeUsed !== null && site.vertebraeUsed.length >= 2
      ? `lumbar spine ${site.site}`
      : describeSite(site);
  const cells = [name.padEnd(24), site.bmdGcm2.toFixed(3).padStart(9)];
  if (!paediatric) cells.push(score(site.tScore).padStart(7));
  cells.push(score(site.zScoreHeightAdjusted ?? site.zScore).padStart(7));
  const notes: string[] = [];
  if (site.tScoreSource !== null && site.tScoreSource !== 'scanner')
    notes.push(`T from ${site.tScoreSource.replace('reference:', '')}`);
  if (site.zScoreHeightAdjusted !== null) notes.push('Z height-adjusted');
  if (site.compositeMethod === 'sum_bmc_over_sum_area') notes.push('recomputed: ΣBMC/Σarea');
  if (site.compositeMethod === 'mean_of_vertebral_bmd') notes.push('recomputed: mean of vertebral BMD');
  if (!site.usable) notes.push(`not used: ${site.notUsableReason ?? ''}`);
  return `  ${cells.join('  ')}  ${notes.join('; ')}`.trimEnd();
}

/** The assessment as a person reads it at the scanner or the reporting desk. */
export function formatAssessmentText(a: DxaAssessment): string {
  const paediatric = a.population === 'paediatric';
  const lines: string[] = [];
  lines.push(`DXA assessment: aged ${a.ageYears}${a.bmiKgM2 === null ? '' : `, BMI ${a.bmiKgM2} kg/m²`}`);
  lines.push(`Population: ${a.populationReason}`);
  lines.push('');
  const header = ['site'.padEnd(24), 'BMD g/cm²'.padStart(9)];
  if (!paediatric) header.push('T-score'.padStart(7));
  header.push('Z-score'.padStart(7));
  lines.push(`  ${header.join('  ')}`);
  for (const site of a.sites) lines.push(siteRow(site, paediatric));
  lines.push('');
  if (a.classification === null) {
    lines.push('Classification: not classified (see warnings)');
  } else {
    lines.push(`Classification: ${bmdPhrase(a)}`);
    lines.push(`  ${a.classification.reason}`);
  }
  if (a.excludedVertebrae.length > 0) {
    lines.push(
      `Excluded vertebrae: ${a.excludedVertebrae.map((e) => `${e.vertebra} (${e.reason})`).join('; ')}`,
    );
  }
  if (a.changes.length > 0) {
    lines.push('Change since previous scans:');
    for (const c of a.changes) {
      const sign = c.changeGcm2 > 0 ? '+' : '';
      const verdict = !c.comparable
        ? 'not comparable'
        : c.significant === null
          ? 'significance not assessed (no LSC)'
          : c.significant
            ? `significant ${c.direction === 'loss' ? 'loss' : 'gain'} (LSC ${c.lscGcm2 ?? ''} g/cm²)`
            : `no significant change (LSC ${c.lscGcm2 ?? ''} g/cm²)`;
      lines.push(
        `  ${describeSite(c)} since ${c.sinceDate}: ${sign}${c.changeGcm2.toFixed(3)} g/cm² (${sign}${c.changePercent.toFixed(1)}%, ${sign}${c.changePercentPerYear.toFixed(1)}%/year): ${verdict}${c.note ? ` (${c.note})` : ''}`,
      );
    }
  }
  if (a.fractureRisk !== null) {
    const r = a.fractureRisk;
    lines.push(
      `Fracture risk (NOGG): ${r.category === null ? 'not categorised' : r.category.replace('_', ' ')}`,
    );
    for (const reason of r.reasons) lines.push(`  - ${reason}`);
  }
  if (a.flags.length > 0) {
    lines.push('Further investigation:');
    for (const f of a.flags) lines.push(`  - ${FLAG_TEXT[f.code]}: ${f.reason}`);
  }
  lines.push(
    `Follow-up: ${a.followUp.intervalYears === null ? '' : `consider repeat DXA in ${String(a.followUp.intervalYears)} years: `}${a.followUp.reason} (${a.followUp.source})`,
  );
  if (a.followUp.treatmentReview !== null) {
    lines.push(`Treatment review: ${a.followUp.treatmentReview.text} (${a.followUp.treatmentReview.source})`);
  }
  if (a.warnings.length > 0) {
    lines.push('Warnings:');
    for (const w of a.warnings) lines.push(`  - ${w}`);
  }
  return `${lines.join('\n')}\n`;
}
