import type { BookingDetail } from './booking-types.ts';
import { londonWallTime } from './london-time.ts';

/**
 * ROS 4.4: a follow-up scan is booked on the scanner of the previous scan, so that the results can be
 * compared (BMD differs between scanners). The words the booking form shows, or null for a first scan.
 */
export function followUpSteer(
  detail: Pick<BookingDetail, 'previousScan'>,
  scannerId: string,
): { text: string; overrideNeeded: boolean } | null {
  const previous = detail.previousScan;
  if (!previous) return null;
  const when = londonWallTime(previous.startsAt).date;
  if (previous.scannerId === scannerId)
    return {
      text: `Follow-up: booked on ${previous.scannerId}, the scanner of the previous scan (${when}), so the results can be compared (ROS 4.4).`,
      overrideNeeded: false,
    };
  return {
    text: `Follow-up: the previous scan (${when}) was on ${previous.scannerId}. Book it there so the results can be compared (ROS 4.4), or give the reason for using ${scannerId}.`,
    overrideNeeded: true,
  };
}
