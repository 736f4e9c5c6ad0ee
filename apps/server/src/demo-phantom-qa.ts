import { recordPhantomScan, setPhantomBaseline, type ServiceContext } from '@quantrad/service';

// Demo phantom QA for DXA-1: a baseline of 10 spine phantom scans 21 days ago (mean 1.032 g/cm2, SD
// 0.0018) and a phantom scan each morning since, all in control, the last of them today, so the day's
// QC has passed and patients can be scanned (ROS 5.1) and the QA screen has a chart to draw.

const BASELINE_GCM2 = [1.029, 1.031, 1.033, 1.03, 1.034, 1.032, 1.031, 1.033, 1.032, 1.035];
/** Each morning's phantom result as a deviation from the baseline mean, in mg/cm2. */
const DAILY_DEVIATIONS_MG = [-2, 1, 0, 2, -1, 1, -2, 0, 1, -1, 2, 0, -1, 1, 0, -2, 1, -1, 0, 1, 0];

export async function seedDemoPhantomQa(
  physicist: ServiceContext,
  operator: ServiceContext,
  scannerId: string,
): Promise<void> {
  const today = physicist.now();
  const morning = (daysAgo: number): Date => {
    const at = new Date(today.getTime() - daysAgo * 86_400_000);
    at.setUTCHours(7, 45, 0, 0);
    return at;
  };
  const days = DAILY_DEVIATIONS_MG.length;
  const baseline = await setPhantomBaseline({ ...physicist, now: () => morning(days) }, scannerId, {
    scansGcm2: BASELINE_GCM2,
    reason: 'Acceptance testing after installation',
  });
  if (!baseline.ok) throw new Error(`demo phantom baseline: ${baseline.error.message}`);
  for (const [i, deviationMg] of DAILY_DEVIATIONS_MG.entries()) {
    const daysAgo = days - 1 - i;
    const at = daysAgo === 0 ? today : morning(daysAgo);
    const scan = await recordPhantomScan({ ...operator, now: () => at }, scannerId, {
      bmdGcm2: Number((baseline.value.meanGcm2 + deviationMg / 1000).toFixed(3)),
    });
    if (!scan.ok) throw new Error(`demo phantom scan: ${scan.error.message}`);
    if (!scan.value.point.inControl) throw new Error('demo phantom scan is out of control');
  }
}
