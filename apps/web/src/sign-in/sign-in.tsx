import { useState, type SyntheticEvent, type ReactElement } from 'react';
import { ErrorAlert } from '../error-alert.tsx';
import { ApiError, apiJson } from '../api.ts';
import { EnrolSecondFactor } from './enrol-second-factor.tsx';

interface SignInResult {
  token: string;
  next: 'second_factor' | 'enrol_second_factor';
}

/**
 * Sign-in in two steps: username and password, then the authenticator (or a recovery) code. Errors show
 * beside the form; what was typed stays.
 */
export function SignIn(props: { notice: string | null; onSignedIn: (token: string) => void }): ReactElement {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [pending, setPending] = useState<SignInResult | null>(null);
  const [error, setError] = useState<string | null>(props.notice);
  const [busy, setBusy] = useState(false);

  const run = async (step: () => Promise<void>): Promise<void> => {
    setBusy(true);
    try {
      await step();
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The service could not be reached');
    } finally {
      setBusy(false);
    }
  };
  const firstFactor = (event: SyntheticEvent): void => {
    event.preventDefault();
    void run(async () => {
      const result = await apiJson<SignInResult>('/api/auth/sign-in', {
        method: 'POST',
        body: { username, password },
        token: null,
      });
      setPending(result);
    });
  };
  const secondFactor = (event: SyntheticEvent): void => {
    event.preventDefault();
    if (!pending) return;
    void run(async () => {
      await apiJson('/api/auth/second-factor', { method: 'POST', body: { code }, token: pending.token });
      props.onSignedIn(pending.token);
    });
  };

  return (
    <main className="sign-in">
      <h1>Sign in to quantrad</h1>
      <ErrorAlert message={error} />
      {pending === null ? (
        <form onSubmit={firstFactor}>
          <label>
            Username
            <input
              autoComplete="username"
              value={username}
              required
              onChange={(e) => {
                setUsername(e.target.value);
              }}
            />
          </label>
          <label>
            Password
            <input
              type="password"
              autoComplete="current-password"
              value={password}
              required
              onChange={(e) => {
                setPassword(e.target.value);
              }}
            />
          </label>
          <button type="submit" disabled={busy}>
            Continue
          </button>
        </form>
      ) : pending.next === 'enrol_second_factor' ? (
        <EnrolSecondFactor
          token={pending.token}
          onDone={() => {
            props.onSignedIn(pending.token);
          }}
        />
      ) : (
        <form onSubmit={secondFactor}>
          <label>
            Authenticator code
            <input
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              required
              onChange={(e) => {
                setCode(e.target.value.trim());
              }}
            />
          </label>
          <button type="submit" disabled={busy}>
            Sign in
          </button>
        </form>
      )}
    </main>
  );
}
