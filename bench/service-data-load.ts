// npm run bench, part 3: the service data query (ROS 5) over 1,000,000 generated referrals on PostgreSQL,
// as issue 5 sets it (target < 500 ms). The referrals, spread evenly over BENCH_YEARS years (default 10,
// so a year holds 100,000: ten times a large service's yearly referrals), go through the pathway in bulk
// SQL: appointments (DNAs, cancellations, moves), scans, results with a real assessment document, signed
// reports (some amended), further investigations, daily QC, phantom scans and maintenance. The query for
// the last full year is timed against a baseline measured in the same run, `SELECT count(*) FROM referral`.
import { readFileSync } from 'node:fs';
import { assessExam, examInputSchema } from '@quantrad/densitometry';
import { createStore, freshPostgresDatabase, openDatabase, type ServiceDataQuery } from '@quantrad/store';
import pg from 'pg';
import { generationSteps } from './service-data-generate.ts';

const REFERRALS = Number(process.env['BENCH_REFERRALS'] ?? 1_000_000);
const YEARS = Number(process.env['BENCH_YEARS'] ?? 10);
const RUNS = 15;
const TARGET_MS = 500;
const LAST_YEAR = 2026;

const fresh = await freshPostgresDatabase();
if (fresh === null) {
  console.log('service data load: skipped, DATABASE_URL is not set (it needs PostgreSQL)');
  process.exit(0);
}

const exam = examInputSchema.parse(
  JSON.parse(
    readFileSync(new URL('../examples/dxa/postmenopausal-woman-follow-up.json', import.meta.url), 'utf8'),
  ),
);
const db = await openDatabase({ databaseUrl: fresh.url });
try {
  const generationStart = performance.now();
  // One connection for the bulk load, with foreign-key triggers off: the generator writes only ids it made.
  const loader = new pg.Client({ connectionString: fresh.url });
  await loader.connect();
  await loader.query('SET session_replication_role = replica');
  await loader.query("SET default_toast_compression = 'lz4'");
  for (const step of generationSteps({
    referrals: REFERRALS,
    firstYear: LAST_YEAR - YEARS + 1,
    years: YEARS,
    examInput: exam,
    assessment: assessExam(exam),
  })) {
    const t = performance.now();
    await loader.query(step.sql, step.params ?? []);
    console.log(`  ${step.name.padEnd(44)} ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s`);
  }
  await loader.query('VACUUM ANALYZE');
  await loader.end();
  console.log(`generated in ${((performance.now() - generationStart) / 1000).toFixed(0)} s`);

  const store = createStore(db);
  const query: ServiceDataQuery = {
    fromAt: `${String(LAST_YEAR)}-01-01T00:00:00.000Z`,
    toAt: `${String(LAST_YEAR + 1)}-01-01T00:00:00.000Z`,
    fromDate: `${String(LAST_YEAR)}-01-01`,
    toDate: `${String(LAST_YEAR)}-12-31`,
    nowAt: `${String(LAST_YEAR + 1)}-01-15T00:00:00.000Z`,
    scanBreachDays: 42,
    reportTargetDays: 21,
    onwardKinds: ['specialist_referral', 'falls_service', 'fracture_liaison_service'],
  };
  const time = async (fn: () => Promise<unknown>): Promise<{ median: number; p95: number }> => {
    await fn(); // warm the cache, as a service's database is
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const t = performance.now();
      await fn();
      ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    const at = (q: number): number => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)] ?? NaN;
    return { median: at(0.5), p95: at(0.95) };
  };
  const baseline = await time(() => db.query('SELECT count(*) FROM referral'));
  const figures = await store.serviceData.figures(query);
  const serviceData = await time(() => store.serviceData.figures(query));
  console.log(
    `\n${String(REFERRALS)} referrals over ${String(YEARS)} years, PostgreSQL; ${String(LAST_YEAR)}: ${String(figures.referrals.total)} referrals, ${String(figures.appointments.total)} appointments, ${String(figures.scans.total)} scans, ${String(figures.reports.total)} reports; ${String(RUNS)} runs each`,
  );
  const row = (name: string, t: { median: number; p95: number }): string =>
    `${name.padEnd(42)} median ${t.median.toFixed(1).padStart(7)} ms  p95 ${t.p95.toFixed(1).padStart(7)} ms`;
  console.log(row('baseline: SELECT count(*) FROM referral', baseline));
  console.log(row(`service data for ${String(LAST_YEAR)}`, serviceData));
  console.log(
    `service data / baseline (median): ${(serviceData.median / baseline.median).toFixed(2)}; target p95 < ${String(TARGET_MS)} ms: ${serviceData.p95 < TARGET_MS ? 'met' : 'NOT met'}`,
  );
} finally {
  await db.close();
  // BENCH_KEEP_DB=1 keeps the generated database to look into (its URL is printed); drop it by hand.
  if (process.env['BENCH_KEEP_DB']) console.log(`kept ${fresh.url}`);
  else await fresh.drop();
}
