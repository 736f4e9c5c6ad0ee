import type { ReactElement } from 'react';
import { score, whoCategory, zCategory } from './site-categories.ts';
import { TScoreChart } from './t-score-chart.tsx';
import { siteName, type AssessedSite, type DxaAssessment, type SerialChange } from './visit-types.ts';

/** A site's category by the population's scheme: WHO T-score adults, Z-score otherwise (ISCD 2019). */
function siteCategory(a: DxaAssessment, s: AssessedSite): string {
  if (!s.usable) return `Not used: ${s.notUsableReason ?? 'not interpretable'}`;
  if (a.population === 'adult_t_score') return s.tScore === null ? 'No T-score' : whoCategory(s.tScore);
  return s.zScore === null ? 'No Z-score' : zCategory(s.zScore);
}

function sourceText(source: string | null): string {
  if (source === null) return '';
  return source === 'scanner' ? ' (scanner)' : ` (computed: ${source.replace('reference:', '')})`;
}

function changeText(c: SerialChange): string {
  if (c.significant === null) return c.note ?? 'not known: no LSC or not comparable';
  return c.significant ? `Yes: ${c.direction}` : 'No';
}

function gcm2(value: number): string {
  return value.toFixed(3).replace('-', '−');
}

/** What the densitometry engine made of the visit's values. */
export function AssessmentView(props: { assessment: DxaAssessment }): ReactElement {
  const a = props.assessment;
  const c = a.classification;
  return (
    <section aria-labelledby="assessment-heading" className="assessment">
      <h2 id="assessment-heading">Assessment</h2>
      <p className="classification">
        {c === null
          ? 'No classification: no usable site.'
          : `${c.scheme === 'who' ? 'WHO category' : 'Category'}: ${c.category.replace(/_/g, ' ')}, from the ${siteName(c.site, c.side).toLowerCase()} (${c.scoreKind === 't_score' ? 'T' : 'Z'}-score ${score(c.score)}): ${c.reason}.`}
      </p>
      <p className="hint">{`Scored as: ${a.populationReason}; age ${String(a.ageYears)}${a.bmiKgM2 !== null ? `; BMI ${a.bmiKgM2.toFixed(1)} kg/m²` : ''}.`}</p>
      <TScoreChart sites={a.sites} />
      <table className="assessed-sites">
        <caption>Sites</caption>
        <thead>
          <tr>
            <th scope="col">Site</th>
            <th scope="col">BMD (g/cm²)</th>
            <th scope="col">T-score</th>
            <th scope="col">Z-score</th>
            <th scope="col">Category</th>
          </tr>
        </thead>
        <tbody>
          {a.sites.map((s) => (
            <tr key={`${s.site}-${s.side ?? ''}`}>
              <th scope="row">{siteName(s.site, s.side)}</th>
              <td>{gcm2(s.bmdGcm2)}</td>
              <td>{s.tScore === null ? '—' : `${score(s.tScore)}${sourceText(s.tScoreSource)}`}</td>
              <td>{s.zScore === null ? '—' : `${score(s.zScore)}${sourceText(s.zScoreSource)}`}</td>
              <td>{siteCategory(a, s)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Excluded vertebrae</h3>
      {a.excludedVertebrae.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul>
          {a.excludedVertebrae.map((v) => (
            <li
              key={v.vertebra}
            >{`${v.vertebra}: ${v.reason} (${v.by === 'operator' ? 'by the operator' : 'T-score outlier'})`}</li>
          ))}
        </ul>
      )}
      <h3>Change since the previous scan</h3>
      {a.changes.length === 0 ? (
        <p>No previous scan to compare with.</p>
      ) : (
        <table className="changes">
          <caption>Change against the least significant change (LSC)</caption>
          <thead>
            <tr>
              <th scope="col">Site</th>
              <th scope="col">Since</th>
              <th scope="col">Then (g/cm²)</th>
              <th scope="col">Now (g/cm²)</th>
              <th scope="col">Change</th>
              <th scope="col">LSC (g/cm²)</th>
              <th scope="col">Significant</th>
            </tr>
          </thead>
          <tbody>
            {a.changes.map((ch) => (
              <tr key={`${ch.site}-${ch.side ?? ''}-${ch.sinceDate}`}>
                <th scope="row">{siteName(ch.site, ch.side)}</th>
                <td>{ch.sinceDate}</td>
                <td>{gcm2(ch.priorBmdGcm2)}</td>
                <td>{gcm2(ch.currentBmdGcm2)}</td>
                <td>{`${gcm2(ch.changeGcm2)} (${ch.changePercent.toFixed(1).replace('-', '−')}%)`}</td>
                <td>{ch.lscGcm2 === null ? '—' : gcm2(ch.lscGcm2)}</td>
                <td>{changeText(ch)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Flags</h3>
      {a.flags.length === 0 ? (
        <p>No further investigation flagged.</p>
      ) : (
        <ul>
          {a.flags.map((f) => (
            <li key={f.code}>{f.reason}</li>
          ))}
        </ul>
      )}
      <h3>Follow-up</h3>
      <p>
        {`${a.followUp.intervalYears === null ? 'No routine repeat scan.' : `Consider the next DXA in ${String(a.followUp.intervalYears)} years.`} ${a.followUp.reason}`}
        <span className="source">{` (${a.followUp.source})`}</span>
      </p>
      {a.warnings.length > 0 ? (
        <ul className="warnings">
          {a.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
