// The phantom control chart as GET /api/scanners/:id/phantom-chart returns it (packages/service/src/qa).

export interface PhantomChartPoint {
  bmdGcm2: number;
  percentFromMean: number;
  sdFromMean: number;
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
  openAlerts: { id: string; raisedAt: string }[];
}

export interface ScannerSummary {
  id: string;
  modality: string;
  model: string;
  location: string;
}
