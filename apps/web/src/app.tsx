import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { apiJson, keepSessionToken, sessionToken } from './api.ts';
import { useLargeText } from './large-text.ts';
import { SCREEN_GROUPS, ScreenFor, screenOf, type ScreenHash } from './screens.tsx';
import { SignIn } from './sign-in/sign-in.tsx';
import { forgetAllDrafts } from './visits/visit-drafts.ts';

/** The screen the address names (#/...), following the browser's back and forward buttons. */
function useScreen(): ScreenHash {
  const [screen, setScreen] = useState(() => screenOf(window.location.hash));
  useEffect(() => {
    const follow = (): void => {
      setScreen(screenOf(window.location.hash));
    };
    window.addEventListener('hashchange', follow);
    return () => {
      window.removeEventListener('hashchange', follow);
    };
  }, []);
  return screen;
}

/** The signed-in shell: the header with the screens and sign-out, and the screen. */
export function App(): ReactElement {
  const screen = useScreen();
  const [largeText, setLargeText] = useLargeText();
  const [token, setToken] = useState(sessionToken);
  // The session ended under an open screen: sign-in comes over it, so nothing typed there is lost.
  const [expired, setExpired] = useState(false);
  const signedIn = (t: string): void => {
    keepSessionToken(t);
    setExpired(false);
    setToken(t);
  };
  const sessionEnded = useCallback((): void => {
    keepSessionToken(null);
    setExpired(true);
    setToken(null);
  }, []);
  const signOut = async (): Promise<void> => {
    await apiJson('/api/auth/sign-out', { method: 'POST', body: {} }).catch(() => undefined);
    keepSessionToken(null);
    forgetAllDrafts();
    setToken(null);
  };
  if (token === null && !expired) return <SignIn notice={null} onSignedIn={signedIn} />;
  return (
    <>
      {expired ? (
        <div className="session-ended" role="dialog" aria-modal="true" aria-label="Session ended">
          <SignIn
            notice="Your session has ended: sign in again. What you typed is kept; send it again after signing in."
            onSignedIn={signedIn}
          />
        </div>
      ) : null}
      <div className="app-shell" inert={expired}>
        <header className="app-header">
          <span className="brand">quantrad</span>
          <nav aria-label="Main">
            {SCREEN_GROUPS.map((g) => (
              <ul key={g.name} aria-label={g.name}>
                {g.screens.map((s) => (
                  <li key={s.hash}>
                    <a href={s.hash} aria-current={s.hash === screen ? 'page' : undefined}>
                      {s.name}
                    </a>
                  </li>
                ))}
              </ul>
            ))}
          </nav>
          <label className="large-text-toggle">
            <input
              type="checkbox"
              checked={largeText}
              onChange={(e) => {
                setLargeText(e.target.checked);
              }}
            />
            Large text
          </label>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </header>
        <main>
          <ScreenFor hash={screen} onSessionEnded={sessionEnded} />
        </main>
      </div>
    </>
  );
}
