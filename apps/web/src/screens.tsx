import type { ReactElement } from 'react';
import { AdminScreen } from './admin/admin-screen.tsx';
import { AuditScreen } from './audit/audit-screen.tsx';
import { AuditTrailScreen } from './audit/audit-trail-screen.tsx';
import { BookingScreen } from './booking/booking-screen.tsx';
import { PhantomQaScreen } from './phantom-qa/phantom-qa-screen.tsx';
import { PrecisionScreen } from './qa/precision-screen.tsx';
import { ScannerQaScreen } from './qa/scanner-qa-screen.tsx';
import { ReferralsScreen } from './referrals/referrals-screen.tsx';
import { ReportingScreen } from './reporting/reporting-screen.tsx';
import { ServiceDataDashboard } from './service-data/service-data-dashboard.tsx';
import { TrainingLapsesScreen } from './staff/training-lapses-screen.tsx';
import { DayScreens } from './visits/day-screens.tsx';

type ScreenProps = { onSessionEnded: () => void };

// Every screen by its address, grouped in the header as the service works: the DXA pathway in its
// order (ROS 4), quality assurance (ROS 5), governance, and administration.
export const SCREEN_GROUPS = [
  {
    name: 'Pathway',
    screens: [
      { hash: '#/referrals', name: 'Referrals', Screen: ReferralsScreen },
      { hash: '#/booking', name: 'Booking', Screen: BookingScreen },
      { hash: '#/today', name: "Today's list", Screen: DayScreens },
      { hash: '#/reporting', name: 'Reporting', Screen: ReportingScreen },
    ],
  },
  {
    name: 'QA',
    screens: [
      { hash: '#/phantom-qa', name: 'Phantom QA', Screen: PhantomQaScreen },
      { hash: '#/scanner-qa', name: 'Scanner QA', Screen: ScannerQaScreen },
      { hash: '#/precision', name: 'Precision', Screen: PrecisionScreen },
    ],
  },
  {
    name: 'Governance',
    screens: [
      { hash: '#/service-data', name: 'Service data', Screen: ServiceDataDashboard },
      { hash: '#/audit', name: 'Audit', Screen: AuditScreen },
      { hash: '#/audit-trail', name: 'Audit trail', Screen: AuditTrailScreen },
      { hash: '#/staff-training', name: 'Staff training', Screen: TrainingLapsesScreen },
    ],
  },
  {
    name: 'Administration',
    screens: [
      { hash: '#/admin/users', name: 'Users', Screen: AdminScreen },
      { hash: '#/admin/scanners', name: 'Scanners', Screen: AdminScreen },
    ],
  },
] as const satisfies readonly {
  name: string;
  screens: readonly { hash: `#/${string}`; name: string; Screen: (props: ScreenProps) => ReactElement }[];
}[];

export type ScreenHash = (typeof SCREEN_GROUPS)[number]['screens'][number]['hash'];
interface ScreenEntry {
  hash: ScreenHash;
  name: string;
  Screen: (props: ScreenProps) => ReactElement;
}
const SCREENS: readonly ScreenEntry[] = SCREEN_GROUPS.flatMap((g): readonly ScreenEntry[] => g.screens);
const DEFAULT_SCREEN = '#/service-data' satisfies ScreenHash;

/** The screen an address names; a screen's own pages sit under it (#/reporting/<reportId>). */
export function screenOf(hash: string): ScreenHash {
  return SCREENS.find((s) => s.hash === hash || hash.startsWith(`${s.hash}/`))?.hash ?? DEFAULT_SCREEN;
}

/** The screen itself, for its address. */
export function ScreenFor(props: ScreenProps & { hash: ScreenHash }): ReactElement {
  const { Screen } = SCREENS.find((s) => s.hash === props.hash) ?? { Screen: ServiceDataDashboard };
  return <Screen onSessionEnded={props.onSessionEnded} />;
}
