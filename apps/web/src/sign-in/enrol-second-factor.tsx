import { useEffect, useState, type ReactElement, type SyntheticEvent } from 'react';
import { ErrorAlert } from '../error-alert.tsx';
import { ApiError, apiJson } from '../api.ts';

interface Enrolment {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
}

/**
 * First-time two-factor set-up: the QR code (and the secret, to type in), then a code from the app to
 * confirm it, then the recovery codes, shown this once, before the person goes on signed in.
 */
export function EnrolSecondFactor(props: { token: string; onDone: () => void }): ReactElement {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const { token } = props;

  useEffect(() => {
    apiJson<Enrolment>('/api/auth/totp/begin', { method: 'POST', body: {}, token })
      .then(setEnrolment)
      .catch((e: unknown) => {
        setError(e instanceof ApiError ? e : new ApiError(0, 'network', String(e), null));
      });
  }, [token]);

  const confirm = (event: SyntheticEvent): void => {
    event.preventDefault();
    apiJson<{ recoveryCodes: string[] }>('/api/auth/totp/confirm', { method: 'POST', body: { code }, token })
      .then((r) => {
        setError(null);
        setRecoveryCodes(r.recoveryCodes);
      })
      .catch((e: unknown) => {
        setError(e instanceof ApiError ? e : new ApiError(0, 'network', String(e), null));
      });
  };

  if (recoveryCodes !== null)
    return (
      <section aria-labelledby="recovery-heading">
        <h2 id="recovery-heading">Recovery codes</h2>
        <p>
          Keep these somewhere safe: each signs you in once if the phone is lost. They are shown only now.
        </p>
        <ul className="recovery-codes">
          {recoveryCodes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <button type="button" onClick={props.onDone}>
          I have kept them: continue
        </button>
      </section>
    );
  return (
    <section aria-labelledby="enrol-heading">
      <h2 id="enrol-heading">Set up two-factor authentication</h2>
      {enrolment ? (
        <>
          <p>Scan the code with an authenticator app, or type the key into it.</p>
          <img
            className="qr"
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`}
            alt="QR code for the authenticator app"
            width={200}
            height={200}
          />
          <p>
            Key: <code data-testid="totp-secret">{enrolment.secret}</code>
          </p>
          <form onSubmit={confirm}>
            <label>
              Code from the app
              <input
                inputMode="numeric"
                autoComplete="one-time-code"
                value={code}
                required
                aria-invalid={error?.field === 'code'}
                aria-describedby={error ? 'enrol-error' : undefined}
                onChange={(e) => {
                  setCode(e.target.value.trim());
                }}
              />
            </label>
            <button type="submit">Confirm</button>
          </form>
        </>
      ) : null}
      <ErrorAlert message={error?.message} id="enrol-error" />
    </section>
  );
}
