import { useEffect, useState } from 'react';
import { ApiError, apiJson } from './api.ts';

/**
 * Loads JSON from the API whenever the path changes (none while it is null). What a previous path loaded
 * is cleared at once (back to `empty`, which must be a constant), and a late answer for it is ignored; a
 * 401 ends the session.
 */
export function useApiData<T>(
  path: string | null,
  onSessionEnded: () => void,
  empty: T | null = null,
): { data: T | null; error: string | null } {
  const [data, setData] = useState<T | null>(empty);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (path === null) return;
    let current = true;
    setData(empty);
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
  }, [path, onSessionEnded, empty]);
  return { data, error };
}
