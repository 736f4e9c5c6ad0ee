import { useCallback, useState, type ReactElement } from 'react';
import { apiJson, keepSessionToken, sessionToken } from './api.ts';
import { ServiceDataDashboard } from './service-data/service-data-dashboard.tsx';
import { SignIn } from './sign-in/sign-in.tsx';

/** The signed-in shell: the header with sign-out, and the screen. */
export function App(): ReactElement {
  const [token, setToken] = useState(sessionToken);
  const [notice, setNotice] = useState<string | null>(null);
  const signedIn = (t: string): void => {
    keepSessionToken(t);
    setNotice(null);
    setToken(t);
  };
  const sessionEnded = useCallback((): void => {
    keepSessionToken(null);
    setNotice('Your session has ended: sign in again.');
    setToken(null);
  }, []);
  const signOut = async (): Promise<void> => {
    await apiJson('/api/auth/sign-out', { method: 'POST', body: {} }).catch(() => undefined);
    keepSessionToken(null);
    setToken(null);
  };
  if (token === null) return <SignIn notice={notice} onSignedIn={signedIn} />;
  return (
    <>
      <header className="app-header">
        <span className="brand">quantrad</span>
        <nav aria-label="Main">
          <a href="#/service-data" aria-current="page">
            Service data
          </a>
        </nav>
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <main>
        <ServiceDataDashboard onSessionEnded={sessionEnded} />
      </main>
    </>
  );
}
