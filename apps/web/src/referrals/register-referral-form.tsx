import { useEffect, useState, type ReactElement, type SyntheticEvent } from 'react';
import { apiJson } from '../api.ts';
import { ErrorAlert } from '../error-alert.tsx';
import { FieldError, FormError, fieldProps } from '../forms/field-error.tsx';
import { InputField, SelectField } from '../forms/input-field.tsx';
import { useApiAction } from '../forms/use-api-action.ts';
import { useApiData } from '../use-api-data.ts';
import { patientName, type Referral } from './referral-types.ts';

const FORM = 'register-referral';
const REFERRER_PAGE = 20;
/** How long typing in the referrer filter pauses before the list is asked for again. */
const FILTER_PAUSE_MS = 300;

/** GET /api/referrers (packages/service/src/referrals/list-referrers.ts). */
export interface Referrer {
  id: string;
  name: string;
  profession: string;
  organisation: string;
  role: 'gp' | 'specialist' | 'other';
  entitledFrom: string;
  entitledUntil: string | null;
}

interface ReferrerPage {
  items: Referrer[];
  total: number;
}

/** GET /api/referral-criteria: the local written criteria every referral is matched against (ROS 4.3). */
interface ReferralCriteria {
  version: string;
  indications: { id: string; text: string; examinations: ('dxa' | 'qct')[]; source: string }[];
}

/** The API's referral sources and arrival methods (packages/store referral-records.ts), in words. */
const SOURCES = [
  { value: 'gp', label: 'GP' },
  { value: 'fracture_liaison', label: 'Fracture liaison service' },
  { value: 'falls', label: 'Falls service' },
  { value: 'secondary_care', label: 'Secondary care' },
  { value: 'opportunistic', label: 'Opportunistic (found on other imaging)' },
  { value: 'bone_affecting_medication', label: 'Bone-affecting medication' },
  { value: 'other', label: 'Other' },
] as const;
const METHODS = [
  { value: 'post', label: 'Post (paper)' },
  { value: 'fax', label: 'Fax' },
  { value: 'email', label: 'Email' },
  { value: 'electronic', label: 'Electronic' },
  { value: 'choose_and_book', label: 'Choose and Book' },
  { value: 'order_comms', label: 'Order communications' },
] as const;
const EXAMINATIONS = [
  { value: 'dxa', label: 'DXA' },
  { value: 'qct', label: 'QCT' },
] as const;
const SEXES = [
  { value: '', label: 'Choose…' },
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
] as const;

/** The fields the API may name in a refusal, so any other refusal shows above the submit button. */
const FIELDS = [
  'patient.identifier',
  'patient.familyName',
  'patient.givenNames',
  'patient.birthDate',
  'patient.sex',
  'patient.address',
  'patient.postcode',
  'patient.registeredGp',
  'referrerId',
  'source',
  'examination',
  'indications',
  'clinicalInformation',
  'signedByReferrer',
  'copyReportToGp',
  'method',
  'receivedAt',
] as const;

/** Now as a datetime-local value (the browser's local time, to the minute). */
function localNow(): string {
  const now = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${String(now.getFullYear())}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/** A datetime-local value as the API's ISO instant; left as typed when it is not a time, for the API to refuse. */
function isoInstant(local: string): string {
  const t = new Date(local);
  return Number.isNaN(t.getTime()) ? local : t.toISOString();
}

function referrerLabel(r: Referrer): string {
  return `${r.name}, ${r.organisation} (${r.profession})`;
}

/**
 * Registering a referral that arrived on paper, by post, fax or email (ROS 4.3): the patient as the
 * referral names them, the entitled referrer who sent it, the indications from the local written
 * criteria, the clinical question, and how and when it came. A refusal shows beside its field and
 * nothing typed is lost.
 */
export function RegisterReferralForm(props: {
  /** The registered referral, with the patient's name as typed (`FAMILY, Given`). */
  onRegistered: (r: Referral, patientName: string) => void;
  onCancel: () => void;
  onSessionEnded: () => void;
}): ReactElement {
  const [identifier, setIdentifier] = useState('');
  const [familyName, setFamilyName] = useState('');
  const [givenNames, setGivenNames] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [sex, setSex] = useState('');
  const [address, setAddress] = useState('');
  const [postcode, setPostcode] = useState('');
  const [registeredGp, setRegisteredGp] = useState('');
  const [referrerFilter, setReferrerFilter] = useState('');
  const [appliedFilter, setAppliedFilter] = useState('');
  const [referrer, setReferrer] = useState<Referrer | null>(null);
  const [source, setSource] = useState<string>('gp');
  const [examination, setExamination] = useState<'dxa' | 'qct'>('dxa');
  const [indications, setIndications] = useState<string[]>([]);
  const [clinicalInformation, setClinicalInformation] = useState('');
  const [signedByReferrer, setSignedByReferrer] = useState(false);
  const [copyReportToGp, setCopyReportToGp] = useState(false);
  const [method, setMethod] = useState<string>('post');
  const [receivedAt, setReceivedAt] = useState(localNow);
  const action = useApiAction(props.onSessionEnded);

  useEffect(() => {
    const timer = setTimeout(() => {
      setAppliedFilter(referrerFilter.trim());
    }, FILTER_PAUSE_MS);
    return (): void => {
      clearTimeout(timer);
    };
  }, [referrerFilter]);
  const referrerQuery = new URLSearchParams({ limit: String(REFERRER_PAGE) });
  if (appliedFilter !== '') referrerQuery.set('name', appliedFilter);
  const referrers = useApiData<ReferrerPage>(
    `/api/referrers?${referrerQuery.toString()}`,
    props.onSessionEnded,
  );
  const criteria = useApiData<ReferralCriteria>('/api/referral-criteria', props.onSessionEnded);
  const offered = (criteria.data?.indications ?? []).filter((i) => i.examinations.includes(examination));
  // The chosen referrer stays a choice while the filter shows others.
  const referrerChoices = [
    ...(referrer && !referrers.data?.items.some((r) => r.id === referrer.id) ? [referrer] : []),
    ...(referrers.data?.items ?? []),
  ];

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void action.run(async () => {
      const registered = await apiJson<Referral>('/api/referrals', {
        method: 'POST',
        body: {
          patient: {
            identifier: identifier.trim(),
            familyName: familyName.trim(),
            givenNames: givenNames.trim(),
            birthDate,
            sex,
            address: address.trim(),
            postcode: postcode.trim() === '' ? null : postcode.trim(),
            registeredGp: registeredGp.trim() === '' ? null : registeredGp.trim(),
          },
          referrerId: referrer?.id ?? '',
          source,
          examination,
          // Only the indications the written criteria offer for the examination chosen.
          indications: indications.filter((id) => offered.some((i) => i.id === id)),
          clinicalInformation,
          signedByReferrer,
          copyReportToGp,
          method,
          receivedAt: isoInstant(receivedAt),
        },
      });
      props.onRegistered(
        registered,
        patientName({ familyName: familyName.trim(), givenNames: givenNames.trim() }),
      );
    });
  };
  const frame = { formId: FORM, error: action.error };

  return (
    <form onSubmit={submit} className="register-referral" aria-labelledby={`${FORM}-heading`}>
      <h2 id={`${FORM}-heading`}>Register a referral</h2>
      <p className="hint">
        For a referral that arrived on paper, by post, fax or email (ROS 4.3). A referrer sends their own
        electronically.
      </p>
      <fieldset>
        <legend>Patient, as the referral names them</legend>
        <div className="register-referral-grid">
          <InputField
            {...frame}
            field="patient.identifier"
            label="NHS number"
            inputMode="numeric"
            autoComplete="off"
            value={identifier}
            onChange={setIdentifier}
          />
          <InputField
            {...frame}
            field="patient.familyName"
            label="Family name"
            autoComplete="off"
            value={familyName}
            onChange={setFamilyName}
          />
          <InputField
            {...frame}
            field="patient.givenNames"
            label="Given names"
            autoComplete="off"
            value={givenNames}
            onChange={setGivenNames}
          />
          <InputField
            {...frame}
            field="patient.birthDate"
            label="Date of birth"
            type="date"
            value={birthDate}
            onChange={setBirthDate}
          />
          <SelectField
            {...frame}
            field="patient.sex"
            label="Sex"
            options={SEXES}
            value={sex}
            onChange={setSex}
          />
          <InputField
            {...frame}
            field="patient.address"
            label="Address"
            autoComplete="off"
            value={address}
            onChange={setAddress}
          />
          <InputField
            {...frame}
            field="patient.postcode"
            label="Postcode (optional)"
            autoComplete="off"
            value={postcode}
            onChange={setPostcode}
          />
          <InputField
            {...frame}
            field="patient.registeredGp"
            label="Registered GP and practice (optional)"
            autoComplete="off"
            value={registeredGp}
            onChange={setRegisteredGp}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>Referral</legend>
        <div className="register-referral-grid">
          <div className="form-field">
            <label>
              Find the referrer by name
              <input
                type="search"
                value={referrerFilter}
                onChange={(e) => {
                  setReferrerFilter(e.target.value);
                }}
              />
            </label>
          </div>
          <div className="form-field">
            <label>
              Referrer
              <select
                value={referrer?.id ?? ''}
                {...fieldProps(action.error, FORM, 'referrerId')}
                onChange={(e) => {
                  setReferrer(referrerChoices.find((r) => r.id === e.target.value) ?? null);
                }}
              >
                <option value="">
                  {referrers.data
                    ? `Choose… (${String(referrers.data.total)} found${referrers.data.total > referrers.data.items.length ? `, first ${String(referrers.data.items.length)} shown` : ''})`
                    : 'Loading referrers…'}
                </option>
                {referrerChoices.map((r) => (
                  <option key={r.id} value={r.id}>
                    {referrerLabel(r)}
                  </option>
                ))}
              </select>
            </label>
            <FieldError error={action.error} formId={FORM} field="referrerId" />
          </div>
          <SelectField
            {...frame}
            field="source"
            label="Source"
            options={SOURCES}
            value={source}
            onChange={setSource}
          />
          <SelectField
            {...frame}
            field="examination"
            label="Examination"
            options={EXAMINATIONS}
            value={examination}
            onChange={(v) => {
              setExamination(v === 'qct' ? 'qct' : 'dxa');
            }}
          />
          <SelectField
            {...frame}
            field="method"
            label="How it arrived"
            options={METHODS}
            value={method}
            onChange={setMethod}
          />
          <InputField
            {...frame}
            field="receivedAt"
            label="Received"
            type="datetime-local"
            value={receivedAt}
            onChange={setReceivedAt}
          />
        </div>
        <ErrorAlert message={referrers.error ?? criteria.error} />
        <fieldset className="indications" {...fieldProps(action.error, FORM, 'indications')}>
          <legend>
            Indications: the local written criteria for {examination.toUpperCase()}
            {criteria.data ? ` (${criteria.data.version})` : ''}
          </legend>
          {criteria.data === null ? <p>Loading the written criteria…</p> : null}
          {offered.map((i) => (
            <label key={i.id} className="choice">
              <input
                type="checkbox"
                checked={indications.includes(i.id)}
                onChange={(e) => {
                  const on = e.target.checked;
                  setIndications((now) => (on ? [...now, i.id] : now.filter((id) => id !== i.id)));
                }}
              />
              {i.text} <span className="source">({i.source})</span>
            </label>
          ))}
          <FieldError error={action.error} formId={FORM} field="indications" />
        </fieldset>
        <div className="form-field">
          <label>
            Clinical information (the clinical question and history)
            <textarea
              rows={4}
              cols={70}
              value={clinicalInformation}
              {...fieldProps(action.error, FORM, 'clinicalInformation')}
              onChange={(e) => {
                setClinicalInformation(e.target.value);
              }}
            />
          </label>
          <FieldError error={action.error} formId={FORM} field="clinicalInformation" />
        </div>
        <label className="choice">
          <input
            type="checkbox"
            checked={signedByReferrer}
            {...fieldProps(action.error, FORM, 'signedByReferrer')}
            onChange={(e) => {
              setSignedByReferrer(e.target.checked);
            }}
          />
          Signed by the referrer
        </label>
        <FieldError error={action.error} formId={FORM} field="signedByReferrer" />
        <label className="choice">
          <input
            type="checkbox"
            checked={copyReportToGp}
            {...fieldProps(action.error, FORM, 'copyReportToGp')}
            onChange={(e) => {
              setCopyReportToGp(e.target.checked);
            }}
          />
          Copy the report to the patient’s GP (ROS 4.6)
        </label>
        <FieldError error={action.error} formId={FORM} field="copyReportToGp" />
      </fieldset>
      <FormError error={action.error} fields={FIELDS} />
      <div className="form-actions">
        <button type="submit" disabled={action.busy}>
          {action.busy ? 'Registering…' : 'Register the referral'}
        </button>
        <button type="button" onClick={props.onCancel}>
          Close
        </button>
      </div>
    </form>
  );
}
