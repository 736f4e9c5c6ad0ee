import type { ReactElement } from 'react';

/** Where a paged list stands: the API's `{ total, limit, offset }`. */
export interface PageWindow {
  total: number;
  limit: number;
  offset: number;
}

/** "41–60 of 75" with previous and next; nothing when everything fits on one page. */
export function Pager(props: {
  page: PageWindow;
  label: string;
  onOffset: (offset: number) => void;
}): ReactElement | null {
  const { total, limit, offset } = props.page;
  if (total <= limit && offset === 0) return null;
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  return (
    <nav className="pager" aria-label={`${props.label}: pages`}>
      <button
        type="button"
        disabled={offset === 0}
        onClick={() => {
          props.onOffset(Math.max(0, offset - limit));
        }}
      >
        Previous
      </button>
      <span aria-live="polite">
        {first}–{last} of {total}
      </span>
      <button
        type="button"
        disabled={last >= total}
        onClick={() => {
          props.onOffset(offset + limit);
        }}
      >
        Next
      </button>
    </nav>
  );
}
