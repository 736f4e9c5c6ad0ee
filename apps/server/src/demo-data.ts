import { createHash } from 'node:crypto';
import {
  actorFrom,
  authoriseReferral,
  bookAppointment,
  cancelReferral,
  provisionUser,
  registerReferral,
  registerScanner,
  setReporterProfile,
  setServiceDetails,
  returnReferral,
  type NewReferral,
  type ServiceContext,
} from '@quantrad/service';
import type { ReferrerRecord, Role, Store } from '@quantrad/store';
import { Secret } from 'otpauth';
import { seedDemoCommissioning } from './demo-commissioning.ts';
import { seedDemoPhantomQa } from './demo-phantom-qa.ts';
import { seedDemoQaAndAudit } from './demo-qa-audit.ts';
import { seedDemoReporting } from './demo-reporting.ts';
import { seedDemoTraining } from './demo-staff-training.ts';
import { seedDemoTodaysList } from './demo-todays-list.ts';

// Demo data for `npm start`: a user of each role with a known password and authenticator secret, two
// referrers and referrals in each state, one of them past the six-week target. Never for real use:
// the passwords and secrets are printed and derived from the usernames.

export interface DemoUser {
  username: string;
  role: Role;
  password: string;
  totpSecret: string;
}

const ROLE_USERS: [string, string, Role][] = [
  ['admin', 'Alex Admin', 'administrator'],
  ['referrer', 'Dr Asha Patel (GP)', 'referrer'],
  ['practitioner', 'Dr Priya Shah, IR(ME)R practitioner', 'irmer_practitioner'],
  ['operator', 'Olu Operator, radiographer', 'operator'],
  ['reporter', 'Dr Sarah Jones, reporter', 'reporter'],
  ['physicist', 'Dr Max Evans, medical physics expert', 'medical_physics_expert'],
  ['manager', 'Morgan Manager, service manager', 'service_manager'],
  ['auditor', 'Ada Auditor', 'auditor'],
];

const DEMO_SCANNERS = [
  {
    id: 'DXA-1',
    modality: 'dxa',
    manufacturer: 'Hologic',
    model: 'Horizon A',
    softwareVersion: '13.6.1',
    serialNumber: 'HZA-201734',
    installedOn: '2017-03-14',
    location: 'Bone Density Unit, Royal United Hospital, Combe Park, Bath BA1 3NG',
    directions:
      'Park in car park D. Enter by the main entrance, take lift B to level 2 and follow the signs for Zone C, Bone Density.',
    accessibility:
      'Step-free access from car park D; accessible toilet beside the waiting area; hoist available; the scanner table takes up to 205 kg.',
  },
  {
    id: 'CT-1',
    modality: 'ct',
    manufacturer: 'Siemens',
    model: 'SOMATOM go.Top',
    softwareVersion: null,
    serialNumber: 'GOT-108842',
    installedOn: '2022-09-05',
    location: 'CT suite, Royal United Hospital, Combe Park, Bath BA1 3NG',
  },
] as const;

function demoSecret(username: string): string {
  return new Secret({ buffer: createHash('sha1').update(`quantrad-demo-${username}`).digest().buffer })
    .base32;
}

export function demoUsers(): DemoUser[] {
  return ROLE_USERS.map(([username, , role]) => ({
    username,
    role,
    password: `demo-${username}-password`,
    totpSecret: demoSecret(username),
  }));
}

async function referrers(
  store: Store,
  gpUserId: string,
): Promise<{ gp: ReferrerRecord; rheumatologist: ReferrerRecord }> {
  const gp: ReferrerRecord = {
    id: '0b7d8a4e-6f1c-4d1e-9f0a-000000000001',
    name: 'Dr A. Patel',
    profession: 'General practitioner',
    registrationBody: 'GMC',
    registrationNumber: '7000001',
    organisation: 'Riverside Surgery, Bath BA2 3CD',
    role: 'gp',
    entitledFrom: '2025-01-01',
    entitledUntil: null,
    // The demo referrer signs in as this GP (electronic referral from their own log-on, ROS 4.3).
    userId: gpUserId,
  };
  const rheumatologist: ReferrerRecord = {
    ...gp,
    id: '0b7d8a4e-6f1c-4d1e-9f0a-000000000002',
    name: 'Dr K. Osei',
    profession: 'Consultant rheumatologist',
    registrationNumber: '7000002',
    organisation: 'Royal United Hospital, Bath',
    role: 'specialist',
    userId: null,
  };
  await store.patients.insertReferrer(gp);
  await store.patients.insertReferrer(rheumatologist);
  return { gp, rheumatologist };
}

function patient(
  identifier: string,
  familyName: string,
  givenNames: string,
  birthDate: string,
  sex: 'female' | 'male',
): NewReferral['patient'] {
  return {
    identifier,
    familyName,
    givenNames,
    birthDate,
    sex,
    address: `${identifier.slice(-3)} High Street, Bath`,
  };
}

/** Seeds an empty database; does nothing when users exist. Returns whether it seeded. */
export async function seedDemoData(store: Store, now: () => Date): Promise<boolean> {
  if ((await store.users.list()).length > 0) return false;
  const users = demoUsers();
  const actors = new Map<Role, ServiceContext>();
  let recordedBy: string | null = null;
  for (const [username, displayName, role] of ROLE_USERS) {
    const demo = users.find((u) => u.username === username);
    if (!demo) continue;
    const user = await store.transaction((tx) =>
      provisionUser(
        tx,
        {
          username,
          displayName,
          password: demo.password,
          entitlements: [{ role, scope: '*', validFrom: '2026-01-01', validUntil: null }],
        },
        { totpSecret: demo.totpSecret, confirmedAt: now().toISOString() },
      ),
    );
    // The administrator, added first, records everyone's training.
    recordedBy ??= user.id;
    const held = await seedDemoTraining(store, user.id, role, recordedBy, now);
    actors.set(role, {
      store,
      now,
      actor: actorFrom(user, await store.users.entitlements(user.id), held),
      fromAddress: 'demo-seed',
    });
  }
  const operator = actors.get('operator');
  const practitioner = actors.get('irmer_practitioner');
  if (!operator || !practitioner) throw new Error('demo users missing');
  const physicist = actors.get('medical_physics_expert');
  if (!physicist) throw new Error('demo physicist missing');
  for (const scanner of DEMO_SCANNERS) {
    const added = await registerScanner(physicist, scanner);
    if (!added.ok) throw new Error(`demo scanner: ${added.error.message}`);
  }
  // ROS 5.1: the day's QC phantom scan has passed on DXA-1, so patients can be scanned on it today.
  await seedDemoPhantomQa(physicist, operator, 'DXA-1');
  await seedDemoQaAndAudit(actors);
  await seedDemoCommissioning(physicist);
  const admin = actors.get('administrator');
  const reporterUser = actors.get('reporter')?.actor;
  if (!admin || !reporterUser) throw new Error('demo administrator or reporter missing');
  await setServiceDetails(admin, {
    name: 'Bath Bone Density Service',
    address: 'Royal United Hospital, Combe Park, Bath BA1 3NG',
    adviceLine: '01225 000000',
    email: 'bone.density@example.nhs.uk',
  });
  await setReporterProfile(admin, {
    userId: reporterUser.userId,
    title: 'Consultant Rheumatologist',
    registrationBody: 'GMC',
    registrationNumber: '1234567',
  });
  const referrerActor = actors.get('referrer')?.actor;
  if (!referrerActor) throw new Error('demo referrer missing');
  const { gp, rheumatologist } = await referrers(store, referrerActor.userId);
  const daysAgo = (d: number): string => new Date(now().getTime() - d * 86_400_000).toISOString();
  const atHourInDays = (hourUtc: number, days: number): string => {
    const day = new Date(now().getTime() + days * 86_400_000);
    day.setUTCHours(hourUtc, 0, 0, 0);
    return day.toISOString();
  };
  const base = {
    source: 'gp',
    examination: 'dxa',
    signedByReferrer: true,
    method: 'electronic',
    referrerId: gp.id,
  } as const;
  const referrals: { input: NewReferral; then?: (id: string) => Promise<unknown> }[] = [
    {
      input: {
        ...base,
        patient: patient('485 777 3456', 'Cole', 'Janet', '1956-03-10', 'female'),
        indications: ['fragility_fracture'],
        clinicalInformation: 'Wrist fracture after a fall from standing in July. Mother had a hip fracture.',
        receivedAt: daysAgo(3),
      },
    },
    {
      input: {
        ...base,
        patient: patient('943 476 5919', 'Hughes', 'Margaret', '1949-07-21', 'female'),
        indications: ['glucocorticoids'],
        clinicalInformation: 'Polymyalgia rheumatica, prednisolone 15 mg daily since May.',
        receivedAt: daysAgo(45),
      },
    },
    {
      input: {
        ...base,
        patient: patient('401 023 2137', 'Okafor', 'Daniel', '1971-11-02', 'male'),
        indications: [],
        clinicalInformation: 'Coeliac disease diagnosed last year; back pain. Please assess bone density.',
        receivedAt: daysAgo(10),
      },
      then: async (id) => {
        await authoriseReferral(practitioner, {
          referralId: id,
          basis: 'practitioner_justified',
          note: 'Malabsorption',
        });
        const booked = await bookAppointment(operator, {
          referralId: id,
          scannerId: 'DXA-1',
          startsAt: atHourInDays(9, 7),
        });
        if (!booked.ok) throw new Error(`demo appointment: ${booked.error.message}`);
      },
    },
    {
      input: {
        ...base,
        source: 'secondary_care',
        referrerId: rheumatologist.id,
        // A hospital referrer asks for the report to be copied to the patient's GP (ROS 4.6).
        copyReportToGp: true,
        patient: {
          ...patient('732 111 9087', 'Price', 'Helen', '1958-05-05', 'female'),
          registeredGp: 'Dr R. Evans, Oldfield Park Surgery, 45 Moorland Road, Bath BA2 3PZ',
        },
        indications: ['secondary_cause'],
        clinicalInformation: 'Rheumatoid arthritis on methotrexate, early menopause at 43.',
        receivedAt: daysAgo(7),
      },
      then: (id) => authoriseReferral(operator, { referralId: id, basis: 'operator_under_written_criteria' }),
    },
    {
      input: {
        ...base,
        signedByReferrer: false,
        patient: patient('650 882 4410', 'Turner', 'Stella', '1962-01-30', 'female'),
        indications: ['early_menopause'],
        clinicalInformation: 'Menopause at 41, no HRT. Smoker.',
        receivedAt: daysAgo(5),
      },
      then: (id) =>
        returnReferral(operator, {
          referralId: id,
          reason: 'unsigned',
          note: 'Please sign the referral and resend',
        }),
    },
    {
      input: {
        ...base,
        patient: patient('518 330 2279', 'Bennett', 'George', '1944-09-14', 'male'),
        indications: ['vertebral_fracture'],
        clinicalInformation: 'Vertebral fracture on chest X-ray. Already booked at another hospital.',
        receivedAt: daysAgo(12),
      },
      then: (id) =>
        cancelReferral(operator, { referralId: id, reason: 'Scanned at another hospital last month' }),
    },
  ];
  for (const r of referrals) {
    const created = await registerReferral(operator, r.input);
    if (!created.ok) throw new Error(`demo referral: ${created.error.message}`);
    if (r.then) await r.then(created.value.id);
  }
  await seedDemoTodaysList(operator, 'DXA-1');
  await seedDemoReporting(operator, { ...operator, actor: reporterUser }, gp.id);
  return true;
}
