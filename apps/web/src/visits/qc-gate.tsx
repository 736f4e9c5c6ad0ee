import type { ReactElement } from 'react';
import type { ScannerStatus } from './visit-types.ts';

/** Why no patient scan can be recorded on the scanner now, or null when nothing stops it (ROS 5.1, 5.2). */
export function scanGateReason(scanner: ScannerStatus | undefined): string | null {
  if (scanner === undefined) return null;
  if (scanner.awaitingRelease)
    return `${scanner.id} is being commissioned and has not been released for clinical use by the medical physics expert (ROS Appendix 3).`;
  if (scanner.withEngineer)
    return `${scanner.id} is with the service engineer and has not been received back into clinical use (ROS 5.2).`;
  if (scanner.dailyQcToday === 'passed') return null;
  return `Today's daily QC on ${scanner.id} has ${scanner.dailyQcToday === 'failed' ? 'failed' : 'not been done'}: no patient scan can be recorded until it passes (ROS 5.1).`;
}

/** The scanner's daily QC today in words, for the day's list. */
export function qcStatusText(scanner: ScannerStatus): string {
  if (scanner.awaitingRelease) return 'being commissioned: not released for clinical use, no patient scans';
  const qc =
    scanner.dailyQcToday === 'passed'
      ? 'daily QC passed today'
      : scanner.dailyQcToday === 'failed'
        ? 'daily QC failed today: no patient scans'
        : 'daily QC not done yet today: no patient scans';
  return scanner.withEngineer ? `${qc}; with the service engineer` : qc;
}

/**
 * The gate shown before anything is sent, with the way to lift it: the day's phantom scan when it is the
 * daily QC that stops the scan; a scanner with the engineer or not yet released waits for the physicist.
 */
export function QcGate(props: { scanner: ScannerStatus | undefined }): ReactElement | null {
  const reason = scanGateReason(props.scanner);
  if (reason === null) return null;
  const byQc = props.scanner !== undefined && !props.scanner.withEngineer && !props.scanner.awaitingRelease;
  return (
    <div className="qc-gate" role="status">
      <p>{reason}</p>
      <p>
        {byQc ? (
          <>
            <a href="#/phantom-qa">Record today&apos;s phantom scan on Phantom QA</a> to pass the daily QC.
          </>
        ) : (
          'Scan on another scanner, or wait until the medical physics expert returns this one to clinical use.'
        )}{' '}
        A visit where nothing is scanned can still be recorded.
      </p>
    </div>
  );
}
