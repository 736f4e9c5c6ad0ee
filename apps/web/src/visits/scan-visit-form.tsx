import { useEffect, useState, type ReactElement, type SyntheticEvent } from 'react';
import { ApiError, apiJson } from '../api.ts';
import { FieldError, FormError, fieldProps } from '../forms/field-error.tsx';
import { useApiAction } from '../forms/use-api-action.ts';
import { QcGate } from './qc-gate.tsx';
import {
  QUESTIONS,
  SCAN_SITES,
  visitBody,
  type Answer,
  type QuestionKey,
  type VisitDraft,
} from './visit-draft.ts';
import { draftFor, forgetDraft, keepDraft } from './visit-drafts.ts';
import type { DayListEntry, ScannerStatus } from './visit-types.ts';

const FORM = 'visit';

export interface RecordedVisit {
  id: string;
  outcome: 'scanned' | 'not_scanned';
  notScannedReason: string | null;
  sitesScanned: string[];
}

/** Every field the form shows a refusal beside (the API's body paths). */
const FIELDS = [
  'appointmentId',
  'identity',
  'pregnancy.childBearingCapacity',
  'pregnancy.status',
  'pregnancy.lastMenstrualPeriod',
  'pregnancy.signedBy',
  'questionnaire',
  'heightCm',
  'weightKg',
  'consent',
  'contraindications',
  'sitesScanned',
  'repeatOrExtraScans',
  'operatorNotes',
  'notScannedReason',
] as const;

/**
 * The scan visit checklist (ROS 4.5): four-point identification, the pregnancy enquiry, the questionnaire,
 * measured height and weight, consent, contraindications and the sites scanned. What is typed stays after
 * a refusal, which is shown beside its field.
 */
export function ScanVisitForm(props: {
  entry: DayListEntry;
  scanner: ScannerStatus | undefined;
  enquiryAgeYears: { from: number; to: number };
  onRecorded: (visit: RecordedVisit) => void;
  onSessionEnded: () => void;
}): ReactElement {
  const appointmentId = props.entry.appointment.id;
  const [d, setD] = useState<VisitDraft>(() => draftFor(appointmentId));
  useEffect(() => {
    keepDraft(appointmentId, d);
  }, [appointmentId, d]);
  const [localError, setLocalError] = useState<ApiError | null>(null);
  const action = useApiAction(props.onSessionEnded);
  const error = localError ?? action.error;
  const { entry } = props;
  const p = entry.patient;
  const change = (update: Partial<VisitDraft>): void => {
    setD((old) => ({ ...old, ...update }));
  };
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    if (d.childBearingCapacity === '') {
      setLocalError(
        new ApiError(
          0,
          'invalid',
          'Say whether the patient has child-bearing capacity: ask everyone, whatever their recorded sex or gender',
          'pregnancy.childBearingCapacity',
        ),
      );
      return;
    }
    setLocalError(null);
    void action.run(async () => {
      const visit = await apiJson<RecordedVisit>('/api/visits', {
        method: 'POST',
        body: visitBody(entry.appointment.id, d),
      });
      forgetDraft(appointmentId);
      props.onRecorded(visit);
    });
  };
  const identityPoints = [
    ['name', 'Name', `${p.givenNames} ${p.familyName}`],
    ['birthDate', 'Date of birth', p.birthDate],
    ['address', 'Address', p.address],
    ['examination', 'The examination', `${entry.examination.toUpperCase()} scan as referred`],
  ] as const;
  const capable = d.childBearingCapacity === 'yes';
  return (
    <form className="scan-visit" onSubmit={submit} noValidate aria-label="Scan visit checklist">
      <QcGate scanner={props.scanner} />
      <fieldset>
        <legend>Identification: ask the patient, then confirm each point (ROS 4.5)</legend>
        {identityPoints.map(([key, label, value]) => (
          <div key={key} className="check-row">
            <label>
              <input
                type="checkbox"
                checked={d.identity[key]}
                {...fieldProps(error, FORM, `identity.${key}`)}
                onChange={(e) => {
                  change({ identity: { ...d.identity, [key]: e.target.checked } });
                }}
              />
              {`${label} confirmed: ${value}`}
            </label>
            <FieldError error={error} formId={FORM} field={`identity.${key}`} />
          </div>
        ))}
        <p className="hint">{`NHS number on the referral: ${p.identifier}`}</p>
      </fieldset>

      <fieldset>
        <legend>Pregnancy enquiry (IR(ME)R)</legend>
        <p className="hint">
          {`Ask everyone aged ${String(props.enquiryAgeYears.from)} to ${String(props.enquiryAgeYears.to)} who could be pregnant, whatever their recorded sex or gender (SoR inclusive pregnancy status guidelines). ${p.givenNames} is ${String(p.ageYears)}${entry.pregnancyEnquiryAge ? ': ask.' : '.'}`}
        </p>
        <div role="radiogroup" aria-labelledby="visit-capacity-label" className="radio-row">
          <span id="visit-capacity-label">Child-bearing capacity</span>
          {(['yes', 'no'] as const).map((v) => (
            <label key={v}>
              <input
                type="radio"
                name="childBearingCapacity"
                value={v}
                checked={d.childBearingCapacity === v}
                {...fieldProps(error, FORM, 'pregnancy.childBearingCapacity')}
                onChange={() => {
                  change({ childBearingCapacity: v });
                }}
              />
              {v === 'yes' ? 'Yes: could be pregnant' : 'No child-bearing capacity'}
            </label>
          ))}
        </div>
        <FieldError error={error} formId={FORM} field="pregnancy.childBearingCapacity" />
        <label>
          Pregnancy status
          <select
            value={capable ? d.pregnancyStatus : ''}
            disabled={!capable}
            {...fieldProps(error, FORM, 'pregnancy.status')}
            onChange={(e) => {
              change({ pregnancyStatus: e.target.value as VisitDraft['pregnancyStatus'] });
            }}
          >
            <option value="">{capable ? 'Choose the answer' : 'Not applicable'}</option>
            <option value="not_pregnant">Not pregnant</option>
            <option value="possibly_pregnant">Possibly pregnant</option>
            <option value="pregnant">Pregnant</option>
          </select>
        </label>
        <FieldError error={error} formId={FORM} field="pregnancy.status" />
        <label>
          First day of last period (if any)
          <input
            type="date"
            value={d.lastMenstrualPeriod}
            disabled={!capable}
            {...fieldProps(error, FORM, 'pregnancy.lastMenstrualPeriod')}
            onChange={(e) => {
              change({ lastMenstrualPeriod: e.target.value });
            }}
          />
        </label>
        <FieldError error={error} formId={FORM} field="pregnancy.lastMenstrualPeriod" />
        <label>
          Signed by the patient (name)
          <input
            type="text"
            value={d.signedBy}
            disabled={!capable}
            {...fieldProps(error, FORM, 'pregnancy.signedBy')}
            onChange={(e) => {
              change({ signedBy: e.target.value });
            }}
          />
        </label>
        <FieldError error={error} formId={FORM} field="pregnancy.signedBy" />
      </fieldset>

      <fieldset>
        <legend>Questionnaire (ROS Appendix 2)</legend>
        <FieldError error={error} formId={FORM} field="questionnaire" />
        <div className="questionnaire">
          {QUESTIONS.map(([key, question, hasDetail]) => (
            <Question
              key={key}
              questionKey={key}
              question={question}
              hasDetail={hasDetail}
              draft={d}
              change={change}
            />
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend>Measured today (ROS 4.5)</legend>
        <div className="measure-row">
          <label>
            Height (cm)
            <input
              type="number"
              inputMode="decimal"
              step="0.1"
              value={d.heightCm}
              {...fieldProps(error, FORM, 'heightCm')}
              onChange={(e) => {
                change({ heightCm: e.target.value });
              }}
            />
          </label>
          <FieldError error={error} formId={FORM} field="heightCm" />
          <label>
            Weight (kg)
            <input
              type="number"
              inputMode="decimal"
              step="0.1"
              value={d.weightKg}
              {...fieldProps(error, FORM, 'weightKg')}
              onChange={(e) => {
                change({ weightKg: e.target.value });
              }}
            />
          </label>
          <FieldError error={error} formId={FORM} field="weightKg" />
        </div>
      </fieldset>

      <fieldset>
        <legend>Consent and contraindications</legend>
        <label>
          <input
            type="checkbox"
            checked={d.consent}
            {...fieldProps(error, FORM, 'consent')}
            onChange={(e) => {
              change({ consent: e.target.checked });
            }}
          />
          The patient consents to the scan
        </label>
        <FieldError error={error} formId={FORM} field="consent" />
        <label>
          <input
            type="checkbox"
            checked={d.recentNuclearMedicine}
            {...fieldProps(error, FORM, 'contraindications')}
            onChange={(e) => {
              change({ recentNuclearMedicine: e.target.checked });
            }}
          />
          A nuclear medicine study recently
        </label>
        <label>
          <input
            type="checkbox"
            checked={d.recentContrast}
            {...fieldProps(error, FORM, 'contraindications')}
            onChange={(e) => {
              change({ recentContrast: e.target.checked });
            }}
          />
          A contrast study recently
        </label>
        <label>
          Metalwork or implants in the scan field
          <input
            type="text"
            value={d.metalwork}
            onChange={(e) => {
              change({ metalwork: e.target.value });
            }}
          />
        </label>
        <FieldError error={error} formId={FORM} field="contraindications" />
      </fieldset>

      <fieldset>
        <legend>Sites scanned</legend>
        <QcGate scanner={props.scanner} />
        {SCAN_SITES.map(([site, label]) => (
          <label key={site} className="site-choice">
            <input
              type="checkbox"
              checked={d.sitesScanned.includes(site)}
              {...fieldProps(error, FORM, 'sitesScanned')}
              onChange={(e) => {
                change({
                  sitesScanned: e.target.checked
                    ? [...d.sitesScanned, site]
                    : d.sitesScanned.filter((s) => s !== site),
                });
              }}
            />
            {label}
          </label>
        ))}
        <FieldError error={error} formId={FORM} field="sitesScanned" />
        {error?.field === 'appointmentId' ? (
          <p className="field-error">
            <a href="#/phantom-qa">Go to Phantom QA to record today&apos;s phantom scan</a>
          </p>
        ) : null}
        <FieldError error={error} formId={FORM} field="appointmentId" />
        <label>
          Why nothing was scanned (when no site is ticked)
          <input
            type="text"
            value={d.notScannedReason}
            {...fieldProps(error, FORM, 'notScannedReason')}
            onChange={(e) => {
              change({ notScannedReason: e.target.value });
            }}
          />
        </label>
        <FieldError error={error} formId={FORM} field="notScannedReason" />
        <label>
          Repeat or extra scans, and why
          <input
            type="text"
            value={d.repeatOrExtraScans}
            {...fieldProps(error, FORM, 'repeatOrExtraScans')}
            onChange={(e) => {
              change({ repeatOrExtraScans: e.target.value });
            }}
          />
        </label>
        <FieldError error={error} formId={FORM} field="repeatOrExtraScans" />
        <label>
          Operator&apos;s notes
          <textarea
            value={d.operatorNotes}
            rows={2}
            {...fieldProps(error, FORM, 'operatorNotes')}
            onChange={(e) => {
              change({ operatorNotes: e.target.value });
            }}
          />
        </label>
        <FieldError error={error} formId={FORM} field="operatorNotes" />
      </fieldset>
      <FormError error={error} fields={FIELDS.flatMap((f) => (f === 'identity' ? identityFields() : [f]))} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Saving…' : 'Record the visit'}
      </button>
    </form>
  );
}

function identityFields(): string[] {
  return ['identity.name', 'identity.birthDate', 'identity.address', 'identity.examination'];
}

function Question(props: {
  questionKey: QuestionKey;
  question: string;
  hasDetail: boolean;
  draft: VisitDraft;
  change: (update: Partial<VisitDraft>) => void;
}): ReactElement {
  const { questionKey: key, draft: d, change } = props;
  const answer = d.answers[key] ?? '';
  return (
    <div className="question">
      <label>
        {props.question}
        <select
          value={answer}
          onChange={(e) => {
            change({ answers: { ...d.answers, [key]: e.target.value as Answer } });
          }}
        >
          <option value="">Not asked</option>
          <option value="yes">Yes</option>
          <option value="no">No</option>
          <option value="unsure">Unsure</option>
        </select>
      </label>
      {props.hasDetail && answer === 'yes' ? (
        <label>
          {`Details: ${props.question}`}
          <input
            type="text"
            value={d.details[key] ?? ''}
            onChange={(e) => {
              change({ details: { ...d.details, [key]: e.target.value } });
            }}
          />
        </label>
      ) : null}
      {key === 'alcoholDaily' && answer === 'yes' ? (
        <label>
          Units a day
          <input
            type="number"
            min="0"
            step="1"
            value={d.alcoholUnitsPerDay}
            onChange={(e) => {
              change({ alcoholUnitsPerDay: e.target.value });
            }}
          />
        </label>
      ) : null}
      {key === 'hysterectomy' && answer === 'yes' ? (
        <label>
          <input
            type="checkbox"
            checked={d.ovariesRemoved}
            onChange={(e) => {
              change({ ovariesRemoved: e.target.checked });
            }}
          />
          Ovaries removed too
        </label>
      ) : null}
    </div>
  );
}
