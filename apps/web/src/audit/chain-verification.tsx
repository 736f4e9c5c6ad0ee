import { useRef, useState, type ReactElement } from 'react';
import { ApiError, apiJson } from '../api.ts';
import { ErrorAlert } from '../error-alert.tsx';
import type { VerificationStretch } from './audit-trail-types.ts';

const STRETCH_EVENTS = 2000;

interface Progress {
  checked: number;
  total: number;
  problems: VerificationStretch['problems'];
  head: VerificationStretch['head'];
  state: 'running' | 'done' | 'stopped';
}

/**
 * Walks the hash chain a stretch at a time (each event's hash recomputed and its link to the one before
 * checked), showing how far it has gone; the result is "intact" or the events where the chain breaks.
 */
export function ChainVerification(props: { onSessionEnded: () => void }): ReactElement {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stop = useRef(false);
  /** Whether Stop was pressed since the walk began (read each stretch: the button sets it meanwhile). */
  const stopAsked = (): boolean => stop.current;
  const run = async (): Promise<void> => {
    stop.current = false;
    setError(null);
    let afterSeq = 0;
    let checked = 0;
    const problems: VerificationStretch['problems'] = [];
    let head: VerificationStretch['head'] = null;
    setProgress({ checked: 0, total: 0, problems: [], head: null, state: 'running' });
    try {
      for (;;) {
        const s = await apiJson<VerificationStretch>(
          `/api/audit-trail/verification?afterSeq=${String(afterSeq)}&limit=${String(STRETCH_EVENTS)}`,
        );
        checked += s.events;
        problems.push(...s.problems);
        head = s.head ?? head;
        const finished = s.done || s.lastSeq === null;
        const state = finished ? 'done' : stopAsked() ? 'stopped' : 'running';
        // The chain grows while it is walked (every read is recorded), so the total is at least what was checked.
        setProgress({
          checked,
          total: Math.max(s.totalEvents, checked),
          problems: [...problems],
          head,
          state,
        });
        if (state !== 'running' || s.lastSeq === null) return;
        afterSeq = s.lastSeq;
      }
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) props.onSessionEnded();
      setError(e instanceof Error ? e.message : String(e));
      setProgress((p) => (p ? { ...p, state: 'stopped' } : p));
    }
  };
  const running = progress?.state === 'running';
  return (
    <section aria-labelledby="verification-heading" className="chain-verification">
      <h2 id="verification-heading">Chain verification</h2>
      <p>
        Recomputes every event&apos;s hash and its link to the event before: an edit, insertion or deletion
        shows where it is.
      </p>
      <button type="button" disabled={running} onClick={() => void run()}>
        {running ? 'Verifying…' : 'Verify the chain'}
      </button>
      {running ? (
        <button
          type="button"
          onClick={() => {
            stop.current = true;
          }}
        >
          Stop
        </button>
      ) : null}
      <ErrorAlert message={error} />
      {progress ? (
        <div aria-live="polite">
          <label>
            {`Checked ${progress.checked.toLocaleString('en-GB')} of ${progress.total.toLocaleString('en-GB')} events`}
            <progress value={progress.checked} max={Math.max(progress.total, 1)} />
          </label>
          {progress.state === 'done' && progress.problems.length === 0 ? (
            <p className="chain-intact" role="status">
              {`Intact: all ${progress.checked.toLocaleString('en-GB')} events check out${progress.head ? `, up to event ${String(progress.head.seq)} (hash ${progress.head.hash.slice(0, 16)}…)` : ''}.`}
            </p>
          ) : null}
          {progress.state === 'stopped' ? <p role="status">Stopped before the end of the chain.</p> : null}
          {progress.problems.length > 0 ? (
            <div role="alert" className="chain-broken">
              <p>{`The chain breaks at ${String(progress.problems.length)} point(s):`}</p>
              <ul>
                {progress.problems.map((p) => (
                  <li key={`${String(p.seq)}-${p.problem}`}>{`Event ${String(p.seq)}: ${p.problem}`}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
