import { useState, type ReactElement, type SyntheticEvent } from 'react';
import { apiJson } from '../api.ts';
import { FieldError, FormError, fieldProps } from '../forms/field-error.tsx';
import { useApiAction } from '../forms/use-api-action.ts';

const FORM = 'results';
const SITE_CHOICES = [
  ['L1-L4', 'Lumbar spine L1–L4'],
  ['L2-L4', 'Lumbar spine L2–L4'],
  ['L1', 'L1'],
  ['L2', 'L2'],
  ['L3', 'L3'],
  ['L4', 'L4'],
  ['total_hip', 'Total hip'],
  ['femoral_neck', 'Femoral neck'],
  ['radius_33', '33% radius'],
] as const;
const VERTEBRAE = ['L1', 'L2', 'L3', 'L4'] as const;

export interface SiteRow {
  site: string;
  side: '' | 'left' | 'right';
  bmdGcm2: string;
  tScore: string;
  zScore: string;
}

/** The rows to fill for the sites the operator scanned: a hip gives its total hip and femoral neck. */
export function rowsForSites(sitesScanned: readonly string[]): SiteRow[] {
  const row = (site: string, side: SiteRow['side'] = ''): SiteRow => ({
    site,
    side,
    bmdGcm2: '',
    tScore: '',
    zScore: '',
  });
  const rows = sitesScanned.flatMap((s): SiteRow[] => {
    if (s === 'lumbar_spine') return [row('L1-L4')];
    if (s === 'left_hip' || s === 'right_hip') {
      const side = s === 'left_hip' ? 'left' : 'right';
      return [row('total_hip', side), row('femoral_neck', side)];
    }
    if (s === 'left_forearm') return [row('radius_33', 'left')];
    if (s === 'right_forearm') return [row('radius_33', 'right')];
    return [];
  });
  return rows.length > 0 ? rows : [row('L1-L4')];
}

function optionalNumber(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

/** The POST /api/results/dxa body: scores left empty are computed by the engine where it has a reference. */
export function resultsBody(
  visitId: string,
  rows: readonly SiteRow[],
  excluded: readonly string[],
  exclusionReason: string,
  menopause: string,
): Record<string, unknown> {
  return {
    visitId,
    sites: rows.map((r) => {
      const tScore = optionalNumber(r.tScore);
      const zScore = optionalNumber(r.zScore);
      return {
        site: r.site,
        ...(r.side !== '' ? { side: r.side } : {}),
        bmdGcm2: Number(r.bmdGcm2),
        ...(tScore !== undefined ? { tScore } : {}),
        ...(zScore !== undefined ? { zScore } : {}),
      };
    }),
    excludedVertebrae: excluded.map((vertebra) => ({ vertebra, reason: exclusionReason.trim() })),
    ...(menopause !== '' ? { menopause } : {}),
  };
}

/** The visit's site values as the scanner printed them, entered by hand (POST /api/results/dxa). */
export function ResultsEntryForm(props: {
  visitId: string;
  sitesScanned: readonly string[];
  onEntered: () => void;
  onSessionEnded: () => void;
}): ReactElement {
  const [rows, setRows] = useState<SiteRow[]>(() => rowsForSites(props.sitesScanned));
  const [excluded, setExcluded] = useState<string[]>([]);
  const [exclusionReason, setExclusionReason] = useState('');
  const [menopause, setMenopause] = useState('');
  const action = useApiAction(props.onSessionEnded);
  const error = action.error;
  const setRow = (i: number, update: Partial<SiteRow>): void => {
    setRows((old) => old.map((r, j) => (j === i ? { ...r, ...update } : r)));
  };
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void action.run(async () => {
      await apiJson('/api/results/dxa', {
        method: 'POST',
        body: resultsBody(props.visitId, rows, excluded, exclusionReason, menopause),
      });
      props.onEntered();
    });
  };
  const rowFields = rows.flatMap((_, i) =>
    ['site', 'side', 'bmdGcm2', 'tScore', 'zScore'].map((f) => `sites.${String(i)}.${f}`),
  );
  return (
    <form className="results-entry" onSubmit={submit} noValidate aria-label="Enter the site values">
      <table>
        <caption>
          Site values as the scanner printed them (leave a score empty for the engine to compute it)
        </caption>
        <thead>
          <tr>
            <th scope="col">Site</th>
            <th scope="col">Side</th>
            <th scope="col">BMD (g/cm²)</th>
            <th scope="col">T-score</th>
            <th scope="col">Z-score</th>
            <th scope="col">Remove</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const n = String(i + 1);
            const field = (f: string): string => `sites.${String(i)}.${f}`;
            return (
              <tr key={i}>
                <td>
                  <select
                    aria-label={`Site ${n}`}
                    value={r.site}
                    {...fieldProps(error, FORM, field('site'))}
                    onChange={(e) => {
                      setRow(i, { site: e.target.value });
                    }}
                  >
                    {SITE_CHOICES.map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </select>
                  <FieldError error={error} formId={FORM} field={field('site')} />
                </td>
                <td>
                  <select
                    aria-label={`Side ${n}`}
                    value={r.side}
                    {...fieldProps(error, FORM, field('side'))}
                    onChange={(e) => {
                      setRow(i, { side: e.target.value as SiteRow['side'] });
                    }}
                  >
                    <option value="">None (spine)</option>
                    <option value="left">Left</option>
                    <option value="right">Right</option>
                  </select>
                  <FieldError error={error} formId={FORM} field={field('side')} />
                </td>
                {(['bmdGcm2', 'tScore', 'zScore'] as const).map((f) => (
                  <td key={f}>
                    <input
                      type="number"
                      inputMode="decimal"
                      step={f === 'bmdGcm2' ? '0.001' : '0.1'}
                      aria-label={`${f === 'bmdGcm2' ? 'BMD (g/cm²)' : f === 'tScore' ? 'T-score' : 'Z-score'} ${n}`}
                      value={r[f]}
                      {...fieldProps(error, FORM, field(f))}
                      onChange={(e) => {
                        setRow(i, { [f]: e.target.value });
                      }}
                    />
                    <FieldError error={error} formId={FORM} field={field(f)} />
                  </td>
                ))}
                <td>
                  <button
                    type="button"
                    aria-label={`Remove site ${n}`}
                    disabled={rows.length === 1}
                    onClick={() => {
                      setRows((old) => old.filter((_, j) => j !== i));
                    }}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button
        type="button"
        onClick={() => {
          setRows((old) => [
            ...old,
            { site: 'total_hip', side: 'left', bmdGcm2: '', tScore: '', zScore: '' },
          ]);
        }}
      >
        Add a site
      </button>
      {/* Only a refusal of the list as a whole: one about a row's cell is shown in that row. */}
      {error?.field === 'sites' ? <FieldError error={error} formId={FORM} field="sites" /> : null}
      <fieldset className="exclusions">
        <legend>Vertebrae excluded from the spine composite (ISCD 2019)</legend>
        {VERTEBRAE.map((v) => (
          <label key={v}>
            <input
              type="checkbox"
              checked={excluded.includes(v)}
              onChange={(e) => {
                setExcluded((old) => (e.target.checked ? [...old, v] : old.filter((x) => x !== v)));
              }}
            />
            {v}
          </label>
        ))}
        <label>
          Why excluded
          <input
            type="text"
            value={exclusionReason}
            {...fieldProps(error, FORM, 'excludedVertebrae')}
            onChange={(e) => {
              setExclusionReason(e.target.value);
            }}
          />
        </label>
        <FieldError error={error} formId={FORM} field="excludedVertebrae" />
      </fieldset>
      <label>
        Menopause
        <select
          value={menopause}
          {...fieldProps(error, FORM, 'menopause')}
          onChange={(e) => {
            setMenopause(e.target.value);
          }}
        >
          <option value="">Not recorded</option>
          <option value="pre">Premenopausal</option>
          <option value="peri">Perimenopausal</option>
          <option value="post">Postmenopausal</option>
        </select>
      </label>
      <FieldError error={error} formId={FORM} field="menopause" />
      <FormError error={error} fields={[...rowFields, 'sites', 'excludedVertebrae', 'menopause']} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Saving…' : 'Enter the results'}
      </button>
    </form>
  );
}
