import { useEffect, useRef, useState } from 'react';
import { ApiError, apiJson } from './api.ts';

/**
 * Loads JSON from the API whenever the path changes (none while it is null). What a previous path loaded
 * is cleared at once (back to `empty`, which must be a constant), and a late answer for it is ignored; a
 * reload of the same path keeps what is shown until the new answer comes. A 401 ends the session.
 */
export function useApiData<T>(
  path: string | null,
  onSessionEnded: () => void,
  empty: T | null = null,
  /** Changed to load the same path again (after a change the screen made). */
  reload = 0,
): { data: T | null; error: string | null } {
  const [data, setData] = useState<T | null>(empty);
  const [error, setError] = useState<string | null>(null);
  const shownPath = useRef<string | null>(null);
  useEffect(() => {
    if (path === null) return;
    let current = true;
    if (shownPath.current !== path) setData(empty);
    shownPath.current = path;
    setError(null);
    apiJson<T>(path)
      .then((d) => {
        if (current) setData(d);
      })
      .catch((e: unknown) => {
        if (!current) return;
        if (e instanceof ApiError && e.status === 401) onSessionEnded();
        else setError(e instanceof ApiError ? e.message : String(e));
      });
    return () => {
      current = false;
    };
  }, [path, onSessionEnded, empty, reload]);
  return { data, error };
}
