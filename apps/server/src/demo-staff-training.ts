import { randomUUID } from 'node:crypto';
import { expiryFor, staffTrainingPolicy, trainingRequiredFor } from '@quantrad/service';
import type { Role, StaffTrainingHeld, Store, TrainingRecord } from '@quantrad/store';

// Demo staff hold the training their entitlement needs (ROS 6.1), completed two months before the seed,
// and have read the local rules in force; everyone's basic life support lapses within the month, so
// the lapse report has something to show.

const DAY_MS = 86_400_000;

export async function seedDemoTraining(
  store: Store,
  userId: string,
  role: Role,
  recordedBy: string,
  now: () => Date,
): Promise<StaffTrainingHeld> {
  const day = (daysAgo: number): string =>
    new Date(now().getTime() - daysAgo * DAY_MS).toISOString().slice(0, 10);
  const recordedAt = now().toISOString();
  const record = (kind: string, completedOn: string): TrainingRecord => ({
    id: randomUUID(),
    userId,
    kind,
    completedOn,
    expiresOn: expiryFor(kind, completedOn),
    evidence: 'demo certificate',
    recordedBy,
    recordedAt,
  });
  // Basic life support renews yearly: completed 340 days ago, it lapses in 25 or 26 days.
  const records = [
    ...trainingRequiredFor(role).map((kind) => record(kind, day(60))),
    record('basic_life_support', day(340)),
  ];
  const version = staffTrainingPolicy.localRules.currentVersion;
  const readOn = day(30);
  await store.transaction(async (tx) => {
    for (const r of records) await tx.staffTraining.insertTraining(r);
    await tx.staffTraining.insertLocalRulesReading({
      id: randomUUID(),
      userId,
      version,
      readOn,
      recordedBy,
      recordedAt,
    });
  });
  return {
    training: records.map((r) => ({ kind: r.kind, completedOn: r.completedOn, expiresOn: r.expiresOn })),
    localRulesRead: [{ version, readOn }],
  };
}
