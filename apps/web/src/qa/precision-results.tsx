import type { ReactElement } from 'react';
import type { OperatorPrecision, PrecisionResult } from './qa-types.ts';

function siteText(r: { site: string; side: string | null }): string {
  return r.side === null ? r.site : `${r.site} (${r.side})`;
}

/**
 * A study's result per site as the API worked it out (ISCD 2019): RMS-SD, %CV and LSC = 2.77 × precision,
 * whether it has the 30 degrees of freedom ISCD asks for and, for one operator, the ISCD minimum.
 */
export function PrecisionResults(props: {
  results: readonly PrecisionResult[];
  operatorPrecision: readonly OperatorPrecision[];
  lscSet: boolean;
}): ReactElement {
  return (
    <div className="precision-results" aria-live="polite">
      <table>
        <caption>Precision by site</caption>
        <thead>
          <tr>
            <th scope="col">Site</th>
            <th scope="col">Patients × scans</th>
            <th scope="col">Degrees of freedom</th>
            <th scope="col">Mean BMD (g/cm²)</th>
            <th scope="col">RMS-SD (g/cm²)</th>
            <th scope="col">%CV</th>
            <th scope="col">LSC (g/cm²)</th>
            <th scope="col">LSC (%)</th>
            <th scope="col">ISCD compliant</th>
          </tr>
        </thead>
        <tbody>
          {props.results.map((r) => (
            <tr key={siteText(r)}>
              <th scope="row">{siteText(r)}</th>
              <td>{`${String(r.patients)} patients, ${String(r.scans)} scans`}</td>
              <td>{r.degreesOfFreedom}</td>
              <td>{r.meanBmdGcm2.toFixed(3)}</td>
              <td data-testid="rms-sd">{r.rmsSdGcm2.toFixed(4)}</td>
              <td data-testid="cv">{r.cvPercent.toFixed(2)}</td>
              <td data-testid="lsc">{r.lscGcm2.toFixed(4)}</td>
              <td>{r.lscPercent.toFixed(2)}</td>
              <td>{r.iscdCompliant ? 'Yes' : `No: ${r.notes.join('; ')}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {props.lscSet
          ? "The scanner's LSC is now set from this study for its compliant sites."
          : "The scanner's LSC is unchanged."}
      </p>
      {props.operatorPrecision.length > 0 ? (
        <ul className="operator-precision">
          {props.operatorPrecision.map((o) => (
            <li key={siteText(o)} className={o.acceptable ? 'ok' : 'not-ok'}>
              {o.acceptable
                ? `${siteText(o)}: the operator's %CV ${o.cvPercent.toFixed(2)} meets the ISCD minimum ${o.minimumCvPercent.toFixed(1)}%.`
                : `${siteText(o)}: ${o.action ?? ''}`}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
