import type { ReactElement } from 'react';
import waitingTimes from '../../../../packages/service/data/waiting-times.json';

/** ROS 4.4 / DM01: an appointment within six weeks of receipt; a wait of 6 weeks or more breaches. */
export const TARGET_DAYS = waitingTimes.appointmentTargetDays;

/**
 * The six-week clock as a bar: days waited against the 42-day target, red once breached. The figures
 * are in the label and the text beside it, so the bar is never the only way to read them.
 */
export function WaitingClock(props: {
  waitingDays: number;
  offerBy: string;
  breach: boolean;
  waiting: boolean;
}): ReactElement {
  const { waitingDays, offerBy, breach, waiting } = props;
  const widthPx = 84;
  const filled = Math.min(waitingDays / TARGET_DAYS, 1) * widthPx;
  const text = !waiting
    ? `${String(waitingDays)} days since receipt`
    : breach
      ? `Day ${String(waitingDays)}: DM01 breach (6 weeks or more; offer by ${offerBy})`
      : `Day ${String(waitingDays)} of ${String(TARGET_DAYS)}; offer by ${offerBy}`;
  return (
    <span className={breach ? 'clock clock-breach' : 'clock'}>
      <svg width={widthPx} height="10" role="img" aria-label={text} className="clock-bar">
        <rect x="0" y="0" width={widthPx} height="10" className="clock-track" />
        <rect x="0" y="0" width={filled} height="10" className="clock-fill" />
      </svg>{' '}
      <span>{text}</span>
    </span>
  );
}
