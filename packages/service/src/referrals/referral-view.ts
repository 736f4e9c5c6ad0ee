import type { ReferralRecord } from '@quantrad/store';
import { waitingTimes } from '../reference/referral-criteria.ts';
import { daysBetween, isoDate } from '../time.ts';

/** A referral with its waiting-time clock (ROS 4.4: six weeks from receipt; DM01). */
export interface ReferralView extends ReferralRecord {
  waitingDays: number;
  /** The date by which an appointment must be offered. */
  offerBy: string;
  /** Still waiting on or after the target day: a DM01 six-week breach. */
  dm01Breach: boolean;
}

export function referralView(r: ReferralRecord, now: Date): ReferralView {
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
