import type { ReactElement } from 'react';
import { idAfter, SCANNERS_PATH, useHash, USERS_PATH } from './admin-paths.ts';
import { ScannerDetailScreen } from './scanner-detail.tsx';
import { ScannersScreen } from './scanners-screen.tsx';
import { UserDetailScreen } from './user-detail.tsx';
import { UsersScreen } from './users-screen.tsx';

/** Administration (#/admin/...): users and their training, scanners and their commissioning. */
export function AdminScreen(props: { onSessionEnded: () => void }): ReactElement {
  const hash = useHash();
  const userId = idAfter(hash, USERS_PATH);
  if (userId !== null)
    return <UserDetailScreen key={userId} userId={userId} onSessionEnded={props.onSessionEnded} />;
  const scannerId = idAfter(hash, SCANNERS_PATH);
  if (scannerId !== null)
    return (
      <ScannerDetailScreen key={scannerId} scannerId={scannerId} onSessionEnded={props.onSessionEnded} />
    );
  if (hash.startsWith(SCANNERS_PATH)) return <ScannersScreen onSessionEnded={props.onSessionEnded} />;
  return <UsersScreen onSessionEnded={props.onSessionEnded} />;
}
