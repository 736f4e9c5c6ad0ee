import { useEffect, useRef, useState } from 'react';
import { ApiError, apiText } from '../api.ts';

/** A text answer from the API (a report's rendering) whenever the path or reload changes; a 401 ends the session. */
export function useApiText(
  path: string | null,
  onSessionEnded: () => void,
  reload = 0,
): { text: string | null; error: string | null } {
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shownPath = useRef<string | null>(null);
  useEffect(() => {
    if (path === null) return;
    let current = true;
    // Another path's text is cleared at once; a reload of the same path keeps it until the new one comes.
    if (shownPath.current !== path) setText(null);
    shownPath.current = path;
    setError(null);
    apiText(path)
      .then((t) => {
        if (current) setText(t);
      })
      .catch((e: unknown) => {
        if (!current) return;
        if (e instanceof ApiError && e.status === 401) onSessionEnded();
        else setError(e instanceof ApiError ? e.message : String(e));
      });
    return () => {
      current = false;
    };
  }, [path, onSessionEnded, reload]);
  return { text, error };
}
