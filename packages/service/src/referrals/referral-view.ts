import type { ReferralRecord } from '@quantrad/store';
import { waitingTimes } from '../reference/referral-criteria.ts';
import { daysBetween, isoDate } from '../time.ts';

/** The waiting-time clock (ROS 4.4: six weeks from receipt; DM01). */
export interface WaitingClock {
  waitingDays: number;
  /** The date by which an appointment must be offered. */
  offerBy: string;
  /** Still waiting on or after the target day: a DM01 six-week breach. */
  dm01Breach: boolean;
}

/** A referral with its waiting-time clock. */
export type ReferralView = ReferralRecord & WaitingClock;

export function referralView<T extends ReferralRecord>(r: T, now: Date): T & WaitingClock {
  const received = r.receivedAt.slice(0, 10);
  const today = isoDate(now);
  const offerBy = isoDate(
    new Date(Date.parse(`${received}T00:00:00Z`) + waitingTimes.appointmentTargetDays * 86_400_000),
  );
  const waiting = r.state === 'received' || r.state === 'authorised';
  const waitingDays = daysBetween(received, today);
  return {
    ...r,
    waitingDays,
    offerBy,
    dm01Breach: waiting && waitingDays >= waitingTimes.appointmentTargetDays,
  };
}
