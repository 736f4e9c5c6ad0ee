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
import type { Role } from './roles.ts';
import { DayScreens } from './visits/day-screens.tsx';

type ScreenProps = { onSessionEnded: () => void };

// Who each screen is for: the roles the API lets read what it shows (apps/server/test/access-matrix*).
// It only decides which links each person sees; the API authorises every request itself.
const MANAGERS: readonly Role[] = ['service_manager', 'administrator'];
const BOOKERS: readonly Role[] = ['operator', ...MANAGERS];
const STAFF: readonly Role[] = [...BOOKERS, 'irmer_practitioner', 'reporter'];
const QA_READERS: readonly Role[] = ['medical_physics_expert', 'operator', 'auditor', ...MANAGERS];
const PHYSICS: readonly Role[] = ['medical_physics_expert', 'auditor', ...MANAGERS];
const AUDITORS: readonly Role[] = [
  'auditor',
  'service_manager',
  'medical_physics_expert',
  'irmer_practitioner',
];

// Every screen by its address, grouped in the header as the service works: the DXA pathway in its
// order (ROS 4), quality assurance (ROS 5), governance, and administration.
export const SCREEN_GROUPS = [
  {
    name: 'Pathway',
    screens: [
      { hash: '#/referrals', name: 'Referrals', Screen: ReferralsScreen, for: [...STAFF, 'referrer'] },
      { hash: '#/booking', name: 'Booking', Screen: BookingScreen, for: [...BOOKERS, 'irmer_practitioner'] },
      { hash: '#/today', name: "Today's list", Screen: DayScreens, for: STAFF },
      { hash: '#/reporting', name: 'Reporting', Screen: ReportingScreen, for: ['reporter', ...MANAGERS] },
    ],
  },
  {
    name: 'QA',
    screens: [
      { hash: '#/phantom-qa', name: 'Phantom QA', Screen: PhantomQaScreen, for: QA_READERS },
      { hash: '#/scanner-qa', name: 'Scanner QA', Screen: ScannerQaScreen, for: QA_READERS },
      { hash: '#/precision', name: 'Precision', Screen: PrecisionScreen, for: PHYSICS },
    ],
  },
  {
    name: 'Governance',
    screens: [
      { hash: '#/service-data', name: 'Service data', Screen: ServiceDataDashboard, for: PHYSICS },
      { hash: '#/audit', name: 'Audit', Screen: AuditScreen, for: AUDITORS },
      { hash: '#/audit-trail', name: 'Audit trail', Screen: AuditTrailScreen, for: ['auditor', ...MANAGERS] },
      {
        hash: '#/staff-training',
        name: 'Staff training',
        Screen: TrainingLapsesScreen,
        for: ['auditor', ...MANAGERS],
      },
    ],
  },
  {
    name: 'Administration',
    screens: [
      { hash: '#/admin/users', name: 'Users', Screen: AdminScreen, for: ['administrator'] },
      {
        hash: '#/admin/scanners',
        name: 'Scanners',
        Screen: AdminScreen,
        for: ['administrator', 'medical_physics_expert'],
      },
    ],
  },
] as const satisfies readonly {
  name: string;
  screens: readonly {
    hash: `#/${string}`;
    name: string;
    Screen: (props: ScreenProps) => ReactElement;
    for: readonly Role[];
  }[];
}[];

export type ScreenHash = (typeof SCREEN_GROUPS)[number]['screens'][number]['hash'];
interface ScreenEntry {
  hash: ScreenHash;
  name: string;
  Screen: (props: ScreenProps) => ReactElement;
  for: readonly Role[];
}
const SCREENS: readonly ScreenEntry[] = SCREEN_GROUPS.flatMap((g): readonly ScreenEntry[] => g.screens);
const DEFAULT_SCREEN = '#/service-data' satisfies ScreenHash;

/** Whether the address names a screen (or a page under one). */
export function namesScreen(hash: string): boolean {
  return SCREENS.some((s) => s.hash === hash || hash.startsWith(`${s.hash}/`));
}

/** Whether someone in these roles uses the screen. */
export function isFor(hash: ScreenHash, roles: readonly Role[]): boolean {
  return SCREENS.some((s) => s.hash === hash && s.for.some((r) => roles.includes(r)));
}

// Where each role starts: its own first step of the day. The first role held in this order decides.
const HOME: readonly [Role, ScreenHash][] = [
  ['service_manager', '#/service-data'],
  ['operator', '#/today'],
  ['reporter', '#/reporting'],
  ['irmer_practitioner', '#/referrals'],
  ['medical_physics_expert', '#/phantom-qa'],
  ['auditor', '#/audit'],
  ['administrator', '#/admin/users'],
  ['referrer', '#/referrals'],
];

/** The screen to open for someone in these roles when the address names none. */
export function homeFor(roles: readonly Role[]): ScreenHash {
  return HOME.find(([role]) => roles.includes(role))?.[1] ?? DEFAULT_SCREEN;
}

/** The screen an address names; a screen's own pages sit under it (#/reporting/<reportId>). */
export function screenOf(hash: string): ScreenHash {
  return SCREENS.find((s) => s.hash === hash || hash.startsWith(`${s.hash}/`))?.hash ?? DEFAULT_SCREEN;
}

/** The screen itself, for its address. */
export function ScreenFor(props: ScreenProps & { hash: ScreenHash }): ReactElement {
  const { Screen } = SCREENS.find((s) => s.hash === props.hash) ?? { Screen: ServiceDataDashboard };
  return <Screen onSessionEnded={props.onSessionEnded} />;
}
