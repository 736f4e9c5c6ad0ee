import { bookAppointment, type ServiceContext } from '@quantrad/service';

// Demo day's list: each authorised referral not yet booked is booked for today on DXA-1 (from 08:00
// UTC, half-hourly), with the clock at the start of the day so the booking is never "in the past". The
// operator's day's list then has a patient to identify, scan and enter results for.

export async function seedDemoTodaysList(operator: ServiceContext, scannerId: string): Promise<void> {
  const today = operator.now();
  const startOfDay = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  const early = { ...operator, now: () => new Date(startOfDay.getTime() + 1000) };
  const { items } = await operator.store.referrals.list({ state: 'authorised', limit: 100, offset: 0 });
  let booked = 0;
  for (const referral of items) {
    if ((await operator.store.appointments.forReferral(referral.id)).some((a) => a.state === 'booked'))
      continue;
    const startsAt = new Date(startOfDay.getTime() + (8 + booked * 0.5) * 3_600_000).toISOString();
    const made = await bookAppointment(early, { referralId: referral.id, scannerId, startsAt });
    if (!made.ok) throw new Error(`demo appointment today: ${made.error.message}`);
    booked += 1;
  }
}
