import type { ReactElement } from 'react';
import type { WordingFlag } from './wording-check.ts';

/** What the wording rules flag in the text being typed, with the words at fault (ROS 4.6). */
export function WordingFlags(props: { id: string; flags: readonly WordingFlag[] }): ReactElement {
  return (
    <div id={props.id} className="wording-flags" role="status" aria-live="polite">
      {props.flags.length === 0 ? (
        <p>No wording to change.</p>
      ) : (
        <>
          <p>{`Wording to change (${String(props.flags.length)}):`}</p>
          <ul>
            {props.flags.map((f, i) => (
              <li key={`${f.rule}-${String(i)}`}>
                {f.excerpt === '' ? null : (
                  <>
                    <mark>{f.excerpt}</mark>
                    {': '}
                  </>
                )}
                {f.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
