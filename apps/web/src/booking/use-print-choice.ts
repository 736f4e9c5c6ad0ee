import { useState } from 'react';
import { flushSync } from 'react-dom';

/**
 * Which documents go to the printer. Until a print button is pressed the document on show is the one
 * printed (the browser's own Print prints what is seen); a button marks its documents "chosen" and marks
 * the page as printing chosen documents only (styles/booking-documents.css, @media print). The rest of the screen never prints.
 */
export type PrintMark = 'default' | 'chosen' | undefined;

export function usePrintChoice<T extends string>(): {
  mark: (id: T, onShow: boolean) => PrintMark;
  print: (ids: readonly T[]) => void;
} {
  const [chosen, setChosen] = useState<readonly T[] | null>(null);
  return {
    mark: (id, onShow) => {
      if (chosen !== null) return chosen.includes(id) ? 'chosen' : undefined;
      return onShow ? 'default' : undefined;
    },
    print: (ids) => {
      // Drawn before the print dialog opens, which blocks until it closes.
      flushSync(() => {
        setChosen(ids);
      });
      const root = document.documentElement;
      root.dataset.printing = 'chosen';
      try {
        window.print();
      } finally {
        delete root.dataset.printing;
        setChosen(null);
      }
    },
  };
}
