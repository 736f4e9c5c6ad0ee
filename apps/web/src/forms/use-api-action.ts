import { useCallback, useState } from 'react';
import { ApiError } from '../api.ts';

export interface ApiAction {
  /** Runs a change against the API; true when it succeeded. A 401 ends the session (what was typed stays). */
  run: (change: () => Promise<void>) => Promise<boolean>;
  busy: boolean;
  /** The API's refusal, with the field at fault when it names one; null after a success. */
  error: ApiError | null;
  clearError: () => void;
}

/** A form's submit: busy while it runs (for a progress message), the refusal kept for the fields to show. */
export function useApiAction(onSessionEnded: () => void): ApiAction {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(
    async (change: () => Promise<void>): Promise<boolean> => {
      setBusy(true);
      try {
        await change();
        setError(null);
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) onSessionEnded();
        setError(
          e instanceof ApiError ? e : new ApiError(0, 'network', 'The service could not be reached', null),
        );
        return false;
      } finally {
        setBusy(false);
      }
    },
    [onSessionEnded],
  );
  const clearError = useCallback((): void => {
    setError(null);
  }, []);
  return { run, busy, error, clearError };
}
