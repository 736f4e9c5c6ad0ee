// The phantom control chart as GET /api/scanners/:id/phantom-chart returns it (packages/service/src/qa).

export interface PhantomChartPoint {
  bmdGcm2: number;
  percentFromMean: number;
  sdFromMean: number;
  /** The tabular CUSUM after this scan, in SD, upward and downward (ISCD; a slow drift). */
  cusumHighSd: number;
  cusumLowSd: number;
  signals: { code: string; text: string }[];
  inControl: boolean;
  scannedAt: string;
}

export interface PhantomChartData {
  scannerId: string;
  baseline: {
    scans: number;
    meanGcm2: number;
    sdGcm2: number;
    tolerancePercent: number;
    lowerLimitGcm2: number;
    upperLimitGcm2: number;
    establishedAt: string;
    reason: string;
  } | null;
  points: PhantomChartPoint[];
  openAlerts: QaAlert[];
}

export interface ScannerSummary {
  id: string;
  modality: string;
  model: string;
  location: string;
}

export interface QaAlert {
  id: string;
  scannerId: string;
  raisedAt: string;
  kind: string;
  detail: { signals?: { code: string; text: string }[] } & Record<string, unknown>;
  closedAt: string | null;
}

/** CUSUM signals (a slow drift) and the Shewhart/tolerance ones (a sudden change) are marked apart. */
export function isCusumSignal(code: string): boolean {
  return code === 'cusum_high' || code === 'cusum_low';
}
