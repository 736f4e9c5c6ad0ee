import {
  recordCommissioningCheck,
  recordCrossCalibration,
  registerScanner,
  startCommissioning,
  type ServiceContext,
} from '@quantrad/service';

// Demo commissioning (ROS Appendix 3): DXA-2, installed a week ago to replace DXA-1 (past its useful life,
// ROS 5.2), part way through its checklist: the pre-installation items and the critical examination done,
// one item not applicable, the rest outstanding, a stated cross-calibration from DXA-1 recorded. It is out
// of clinical use until the physicist releases it, so no demo patient is booked on it.

const DAY_MS = 86_400_000;

const CHECKS: { code: string; outcome: 'done' | 'not_applicable'; note?: string; evidence?: string }[] = [
  { code: 'rpa_consulted', outcome: 'done', evidence: 'RPA advice letter RPA-2026-12' },
  { code: 'electrical_supply', outcome: 'done', evidence: 'Estates job EST-44817' },
  { code: 'network_and_antivirus', outcome: 'done', note: 'Agreed with IT; port 104 open to PACS' },
  { code: 'maintenance_contract', outcome: 'done', evidence: 'Contract HOL-SVC-2026-7' },
  { code: 'critical_examination', outcome: 'done', evidence: 'Critical examination report CE-2026-041' },
  {
    code: 'applications_training_booked',
    outcome: 'not_applicable',
    note: 'Same manufacturer and software as DXA-1: no new applications training needed',
  },
];

export async function seedDemoCommissioning(physicist: ServiceContext): Promise<void> {
  const today = physicist.now();
  const weekAgo = new Date(today.getTime() - 7 * DAY_MS);
  const added = await registerScanner(physicist, {
    id: 'DXA-2',
    modality: 'dxa',
    manufacturer: 'Hologic',
    model: 'Horizon W',
    softwareVersion: '13.6.1',
    serialNumber: 'HZW-302215',
    installedOn: weekAgo.toISOString().slice(0, 10),
    location: 'Bone Density Unit room 2, Royal United Hospital, Combe Park, Bath BA1 3NG',
  });
  if (!added.ok) throw new Error(`demo scanner DXA-2: ${added.error.message}`);
  const started = await startCommissioning({ ...physicist, now: () => weekAgo }, 'DXA-2', {
    replacesScannerId: 'DXA-1',
  });
  if (!started.ok) throw new Error(`demo commissioning: ${started.error.message}`);
  for (const check of CHECKS) {
    const recorded = await recordCommissioningCheck(physicist, 'DXA-2', check.code, {
      outcome: check.outcome,
      note: check.note ?? null,
      evidence: check.evidence ?? null,
    });
    if (!recorded.ok) throw new Error(`demo commissioning ${check.code}: ${recorded.error.message}`);
  }
  const day = today.toISOString().slice(0, 10);
  const calibrated = await recordCrossCalibration(physicist, {
    method: 'stated',
    fromScannerId: 'DXA-1',
    toScannerId: 'DXA-2',
    site: null,
    performedFrom: day,
    performedTo: day,
    slope: 1,
    interceptGcm2: 0,
    source: "Manufacturer's statement: Horizon A and Horizon W share one calibration (demo)",
  });
  if (!calibrated.ok) throw new Error(`demo cross-calibration: ${calibrated.error.message}`);
}
