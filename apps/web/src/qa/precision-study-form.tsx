import { useState, type ReactElement, type SyntheticEvent } from 'react';
import { apiJson } from '../api.ts';
import { FieldError, fieldProps, FormError } from '../forms/field-error.tsx';
import { useApiAction } from '../forms/use-api-action.ts';
import {
  emptyGrid,
  parsePastedGrid,
  PRECISION_DESIGNS,
  scansFromGrid,
  scansIn,
  type GridRow,
  type PrecisionDesign,
} from './precision-grid.ts';
import { PrecisionResults } from './precision-results.tsx';
import type { PrecisionStudyOutcome } from './qa-types.ts';

const FORM_ID = 'precision';
const FIELDS = ['performedFrom', 'performedTo', 'operatorUserId', 'applyToLsc', 'scans'] as const;
const SITES = [
  { id: 'L1-L4', label: 'Spine L1–L4', sided: false },
  { id: 'total_hip', label: 'Total hip', sided: true },
  { id: 'femoral_neck', label: 'Femoral neck', sided: true },
  { id: 'radius_33', label: 'Radius 33%', sided: true },
] as const;

/** The cell a refusal names (`scans.7.bmdGcm2`), through the map from scans sent to grid cells. */
function cellAtFault(field: string | null, cells: readonly { row: number; column: number }[]): string | null {
  const match = /^scans\.(\d+)/.exec(field ?? '');
  const cell = match ? cells[Number(match[1])] : undefined;
  return cell ? `${String(cell.row)}-${String(cell.column)}` : null;
}

/**
 * A precision study (ISCD 2019): the repeated BMDs of each patient typed into the grid or pasted from a
 * spreadsheet; the API works out RMS-SD, %CV and LSC = 2.77 × precision, and for one operator's study
 * whether the operator meets the ISCD minimum.
 */
export function PrecisionStudyForm(props: {
  scannerId: string;
  onRecorded: () => void;
  onSessionEnded: () => void;
}): ReactElement {
  const [design, setDesign] = useState<PrecisionDesign>(
    PRECISION_DESIGNS[0] ?? { id: '15x3', patients: 15, scansPerPatient: 3, label: '' },
  );
  const [rows, setRows] = useState<GridRow[]>(() => emptyGrid(design.patients, design.scansPerPatient));
  const [site, setSite] = useState<(typeof SITES)[number]['id']>('L1-L4');
  const [side, setSide] = useState<'left' | 'right'>('left');
  const [performedFrom, setPerformedFrom] = useState('');
  const [performedTo, setPerformedTo] = useState('');
  const [operatorUserId, setOperatorUserId] = useState('');
  const [applyToLsc, setApplyToLsc] = useState(true);
  const [pasted, setPasted] = useState('');
  const [sentCells, setSentCells] = useState<{ row: number; column: number }[]>([]);
  const [outcome, setOutcome] = useState<PrecisionStudyOutcome | null>(null);
  const action = useApiAction(props.onSessionEnded);
  const sided = SITES.find((s) => s.id === site)?.sided ?? false;
  const columns = scansIn(rows, design.scansPerPatient);
  const faultCell = cellAtFault(action.error?.field ?? null, sentCells);

  const chooseDesign = (id: string): void => {
    const next = PRECISION_DESIGNS.find((d) => d.id === id);
    if (!next) return;
    setDesign(next);
    // What was typed is kept; the grid grows or shrinks around it.
    setRows((current) =>
      emptyGrid(next.patients, next.scansPerPatient).map((empty, i) => {
        const kept = current[i];
        return kept ? { patient: kept.patient, bmd: empty.bmd.map((_, c) => kept.bmd[c] ?? '') } : empty;
      }),
    );
  };
  const setCell = (row: number, column: number, value: string): void => {
    setRows((current) =>
      current.map((r, i) => {
        if (i !== row) return r;
        const bmd = [...r.bmd];
        while (bmd.length <= column) bmd.push('');
        bmd[column] = value;
        return { ...r, bmd };
      }),
    );
  };
  const fillFromPaste = (): void => {
    const parsed = parsePastedGrid(pasted);
    if (parsed.length > 0) setRows(parsed);
  };
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    const { scans, cells } = scansFromGrid(rows, site, sided ? side : null);
    setSentCells(cells);
    void action.run(async () => {
      const result = await apiJson<PrecisionStudyOutcome>(
        `/api/scanners/${encodeURIComponent(props.scannerId)}/precision-studies`,
        {
          method: 'POST',
          body: {
            performedFrom,
            performedTo,
            operatorUserId: operatorUserId.trim() === '' ? null : operatorUserId.trim(),
            applyToLsc,
            scans,
          },
        },
      );
      setOutcome(result);
      props.onRecorded();
    });
  };

  return (
    <form onSubmit={submit} className="precision-study" aria-labelledby="precision-form-heading">
      <h2 id="precision-form-heading">{`New precision study on ${props.scannerId}`}</h2>
      <div className="form-row">
        <label>
          Design
          <select
            value={design.id}
            onChange={(e) => {
              chooseDesign(e.target.value);
            }}
          >
            {PRECISION_DESIGNS.map((d) => (
              <option key={d.id} value={d.id}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Site
          <select
            value={site}
            onChange={(e) => {
              setSite(SITES.find((s) => s.id === e.target.value)?.id ?? 'L1-L4');
            }}
          >
            {SITES.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        {sided ? (
          <label>
            Side
            <select
              value={side}
              onChange={(e) => {
                setSide(e.target.value === 'right' ? 'right' : 'left');
              }}
            >
              <option value="left">left</option>
              <option value="right">right</option>
            </select>
          </label>
        ) : null}
        <label>
          Scanned from
          <input
            type="date"
            required
            value={performedFrom}
            {...fieldProps(action.error, FORM_ID, 'performedFrom')}
            onChange={(e) => {
              setPerformedFrom(e.target.value);
            }}
          />
        </label>
        <FieldError error={action.error} formId={FORM_ID} field="performedFrom" />
        <label>
          Scanned to
          <input
            type="date"
            required
            value={performedTo}
            {...fieldProps(action.error, FORM_ID, 'performedTo')}
            onChange={(e) => {
              setPerformedTo(e.target.value);
            }}
          />
        </label>
        <FieldError error={action.error} formId={FORM_ID} field="performedTo" />
      </div>
      <div className="form-row">
        <label>
          Operator&apos;s user id (one operator&apos;s study; empty for the service&apos;s)
          <input
            value={operatorUserId}
            size={38}
            {...fieldProps(action.error, FORM_ID, 'operatorUserId')}
            onChange={(e) => {
              setOperatorUserId(e.target.value);
            }}
          />
        </label>
        <FieldError error={action.error} formId={FORM_ID} field="operatorUserId" />
        <label>
          <input
            type="checkbox"
            checked={applyToLsc}
            onChange={(e) => {
              setApplyToLsc(e.target.checked);
            }}
          />
          Set the scanner&apos;s LSC from an ISCD-compliant result
        </label>
      </div>
      <details className="paste">
        <summary>Paste from a spreadsheet</summary>
        <label>
          One row per patient: an optional study code, then each scan&apos;s BMD (g/cm²)
          <textarea
            rows={4}
            value={pasted}
            onChange={(e) => {
              setPasted(e.target.value);
            }}
          />
        </label>
        <button type="button" onClick={fillFromPaste}>
          Fill the grid
        </button>
      </details>
      <div className="grid-scroll">
        <table className="precision-grid">
          <caption>BMD (g/cm²) of each scan, one row per patient</caption>
          <thead>
            <tr>
              <th scope="col">Patient</th>
              {Array.from({ length: columns }, (_, c) => (
                <th scope="col" key={c} id={`${FORM_ID}-scan-${String(c)}`}>{`Scan ${String(c + 1)}`}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, row) => (
              <tr key={row}>
                <th scope="row" id={`${FORM_ID}-patient-${String(row)}`}>
                  {r.patient}
                </th>
                {Array.from({ length: columns }, (_, column) => {
                  const atFault = faultCell === `${String(row)}-${String(column)}`;
                  return (
                    <td key={column}>
                      <input
                        inputMode="decimal"
                        size={6}
                        value={r.bmd[column] ?? ''}
                        aria-labelledby={`${FORM_ID}-patient-${String(row)} ${FORM_ID}-scan-${String(column)}`}
                        aria-invalid={atFault}
                        {...(atFault ? { 'aria-describedby': `${FORM_ID}-scans-error` } : {})}
                        onChange={(e) => {
                          setCell(row, column, e.target.value);
                        }}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FieldError error={action.error} formId={FORM_ID} field="scans" />
      <FormError error={action.error} fields={FIELDS} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Working out the precision…' : 'Record the study'}
      </button>
      {outcome ? (
        <PrecisionResults
          results={outcome.results}
          operatorPrecision={outcome.operatorPrecision}
          lscSet={outcome.lscSet.length > 0}
        />
      ) : null}
    </form>
  );
}
