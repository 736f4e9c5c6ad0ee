import { useCallback, useEffect, useMemo, useState, type ReactElement } from 'react';
import { apiJson, keepSessionToken, sessionToken } from './api.ts';
import { useLargeText } from './large-text.ts';
import {
  homeFor,
  isFor,
  namesScreen,
  SCREEN_GROUPS,
  ScreenFor,
  screenOf,
  type ScreenHash,
} from './screens.tsx';
import { signedInAs, type SignedInUser } from './session/signed-in-user.ts';
import { useApiData } from './use-api-data.ts';
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
  const [signIns, setSignIns] = useState(0);
  const signedIn = (t: string): void => {
    keepSessionToken(t);
    setExpired(false);
    setToken(t);
    setSignIns((n) => n + 1);
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
  // Who is signed in: named in the header, and their roles choose the links shown and where they start.
  const user = useApiData<SignedInUser>(
    token === null ? null : '/api/auth/session',
    sessionEnded,
    null,
    signIns,
  ).data;
  const roles = useMemo(() => user?.roles.map((r) => r.role) ?? null, [user]);
  useEffect(() => {
    if (roles !== null && !namesScreen(window.location.hash)) window.location.hash = homeFor(roles);
  }, [roles]);
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
          {user ? <span className="signed-in-as">{`Signed in as ${signedInAs(user)}`}</span> : null}
          <nav aria-label="Main">
            {SCREEN_GROUPS.map((g) => {
              // Until the roles are known (or if they cannot be read), every screen is offered.
              const shown = g.screens.filter((s) => roles === null || isFor(s.hash, roles));
              return shown.length === 0 ? null : (
                <ul key={g.name} aria-label={g.name}>
                  {shown.map((s) => (
                    <li key={s.hash}>
                      <a href={s.hash} aria-current={s.hash === screen ? 'page' : undefined}>
                        {s.name}
                      </a>
                    </li>
                  ))}
                </ul>
              );
            })}
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
