import { useEffect, useState } from 'react';

/** The address's hash (#/admin/users/…), following the browser's back and forward buttons. */
export function useHash(): string {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const follow = (): void => {
      setHash(window.location.hash);
    };
    window.addEventListener('hashchange', follow);
    return () => {
      window.removeEventListener('hashchange', follow);
    };
  }, []);
  return hash;
}

/** The id after a list's address (`#/admin/users/<id>` → id), or null on the list itself. */
export function idAfter(hash: string, list: string): string | null {
  if (!hash.startsWith(`${list}/`)) return null;
  const id = decodeURIComponent(hash.slice(list.length + 1));
  return id === '' ? null : id;
}

/** Today in the browser's own calendar ('YYYY-MM-DD'), the forms' starting date. */
export function localToday(): string {
  const d = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${String(d.getFullYear())}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export const USERS_PATH = '#/admin/users';
export const SCANNERS_PATH = '#/admin/scanners';
