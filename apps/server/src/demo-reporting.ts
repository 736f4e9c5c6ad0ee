import {
  authoriseReferral,
  bookAppointment,
  draftDxaReport,
  enterDxaResults,
  recordScanVisit,
  registerReferral,
  signDxaReport,
  type NewReferral,
  type ServiceContext,
} from '@quantrad/service';

// Demo reporting worklist: three women scanned on DXA-1 in the last few days (each on a morning whose
// phantom QC passed, ROS 5.1) with their results entered; one waits for a report, one has a draft to
// sign, one a signed report to issue (ROS 4.6).

interface DemoScan {
  patient: NewReferral['patient'];
  daysAgo: number;
  sites: { site: 'L1-L4' | 'femoral_neck' | 'total_hip'; side?: 'left'; bmdGcm2: number; tScore: number }[];
  stage: 'to_draft' | 'to_sign' | 'to_issue';
}

const SCANS: DemoScan[] = [
  {
    patient: {
      identifier: '462 118 7703',
      familyName: 'Ashworth',
      givenNames: 'Ruth',
      birthDate: '1952-02-14',
      sex: 'female',
      pronouns: 'she/her',
      address: '12 Widcombe Hill, Bath',
    },
    daysAgo: 3,
    sites: [
      { site: 'L1-L4', bmdGcm2: 0.812, tScore: -2.1 },
      { site: 'femoral_neck', side: 'left', bmdGcm2: 0.598, tScore: -2.2 },
      { site: 'total_hip', side: 'left', bmdGcm2: 0.701, tScore: -1.9 },
    ],
    stage: 'to_draft',
  },
  {
    patient: {
      identifier: '573 220 1184',
      familyName: 'Marsh',
      givenNames: 'Eileen',
      birthDate: '1947-10-02',
      sex: 'female',
      pronouns: 'she/her',
      address: '4 Lansdown Crescent, Bath',
    },
    daysAgo: 2,
    sites: [
      { site: 'L1-L4', bmdGcm2: 0.74, tScore: -2.8 },
      { site: 'femoral_neck', side: 'left', bmdGcm2: 0.52, tScore: -2.9 },
    ],
    stage: 'to_sign',
  },
  {
    patient: {
      identifier: '684 331 2295',
      familyName: 'Lloyd',
      givenNames: 'Carol',
      birthDate: '1959-06-23',
      sex: 'female',
      pronouns: 'she/her',
      address: '30 Pulteney Road, Bath',
    },
    daysAgo: 1,
    sites: [
      { site: 'L1-L4', bmdGcm2: 0.98, tScore: -0.6 },
      { site: 'femoral_neck', side: 'left', bmdGcm2: 0.81, tScore: -0.4 },
    ],
    stage: 'to_issue',
  },
];

/** The time at hour:minute UTC on the day a number of days before now. */
function at(now: Date, daysAgo: number, hourUtc: number, minute = 0): Date {
  const day = new Date(now.getTime() - daysAgo * 86_400_000);
  day.setUTCHours(hourUtc, minute, 0, 0);
  return day;
}

function must<T>(
  what: string,
  outcome: { ok: true; value: T } | { ok: false; error: { message: string } },
): T {
  if (!outcome.ok) throw new Error(`demo reporting, ${what}: ${outcome.error.message}`);
  return outcome.value;
}

export async function seedDemoReporting(
  operator: ServiceContext,
  reporter: ServiceContext,
  referrerId: string,
): Promise<void> {
  const now = operator.now();
  for (const scan of SCANS) {
    const clock = (hourUtc: number, minute = 0): { now: () => Date } => ({
      now: () => at(now, scan.daysAgo, hourUtc, minute),
    });
    const referral = must(
      'referral',
      await registerReferral(
        { ...operator, ...clock(7) },
        {
          patient: scan.patient,
          referrerId,
          source: 'gp',
          examination: 'dxa',
          indications: ['fragility_fracture'],
          clinicalInformation: 'Wrist fracture after a fall from standing.',
          signedByReferrer: true,
          method: 'electronic',
          receivedAt: at(now, scan.daysAgo + 14, 10).toISOString(),
        },
      ),
    );
    must(
      'authorisation',
      await authoriseReferral(
        { ...operator, ...clock(7, 5) },
        { referralId: referral.id, basis: 'operator_under_written_criteria' },
      ),
    );
    const booked = must(
      'booking',
      await bookAppointment(
        { ...operator, ...clock(7, 10) },
        { referralId: referral.id, scannerId: 'DXA-1', startsAt: at(now, scan.daysAgo, 9).toISOString() },
      ),
    );
    const visit = must(
      'visit',
      await recordScanVisit(
        { ...operator, ...clock(9, 10) },
        {
          appointmentId: booked.id,
          identity: { name: true, birthDate: true, address: true, examination: true },
          pregnancy: { childBearingCapacity: false, status: 'not_applicable' },
          heightCm: 161,
          weightKg: 62,
          consent: true,
          contraindications: { recentNuclearMedicine: false, recentContrast: false },
          sitesScanned: ['lumbar_spine', 'left_hip'],
        },
      ),
    );
    must(
      'results',
      await enterDxaResults(
        { ...operator, ...clock(9, 30) },
        { visitId: visit.id, menopause: 'post', sites: scan.sites },
      ),
    );
    if (scan.stage === 'to_draft') continue;
    const draft = must('draft', await draftDxaReport({ ...reporter, ...clock(11) }, { visitId: visit.id }));
    if (scan.stage === 'to_issue')
      must('signing', await signDxaReport({ ...reporter, ...clock(11, 30) }, draft.id));
  }
}
