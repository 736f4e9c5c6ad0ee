import { useEffect, useState } from 'react';

// The large-text setting (issue 6; WCAG 2.1 1.4.4 resize text): the whole application's text at 125%,
// remembered on this computer.

const KEY = 'quantrad.largeText';

export function useLargeText(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => localStorage.getItem(KEY) === 'on');
  useEffect(() => {
    document.documentElement.classList.toggle('large-text', on);
    localStorage.setItem(KEY, on ? 'on' : 'off');
  }, [on]);
  return [on, setOn];
}
