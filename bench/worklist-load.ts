// npm run bench, part 2: the referral worklist under load, as issue 4 sets it: autocannon on loopback,
// 100 connections, against the server on PostgreSQL (target ≥ 1,000 requests/s, p99 < 100 ms on a
// 2-core machine). The baseline, measured in the same run against the same server process, is
// /api/health (no session, no audit), so the ratio says what the worklist's work costs.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { demoUsers } from '../apps/server/src/demo-data.ts';
import { totpCode } from '../packages/service/src/index.ts';

const ADMIN_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const BENCH_DB = 'quantrad_bench';
const CONNECTIONS = 100;
const DURATION_S = Number(process.env['BENCH_SECONDS'] ?? 10);
// Signed-in sessions the worklist requests are spread over (the demo operator, signed in this often).
const SESSIONS = 20;
// The server runs as `npm start` runs it (package.json), with a young generation large enough that a
// burst of requests is not interrupted by a scavenge every few milliseconds.
const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];

async function freshDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
  } catch {
    console.log(`worklist load: skipped, PostgreSQL does not answer at ${new URL(ADMIN_URL).host}`);
    process.exit(0);
  }
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB}`);
  await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${BENCH_DB}`;
  return url.toString();
}

async function startServer(databaseUrl: string): Promise<{ url: string; stop: () => void }> {
  const bin = fileURLToPath(new URL('../apps/server/bin/quantrad-server.js', import.meta.url));
  const profile = process.env['BENCH_PROFILE']
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_PROFILE']}`]
    : [];
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...profile, bin, '--port', '0'], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.on('exit', () => {
      reject(new Error(`server exited:\n${out}`));
    });
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

async function token(url: string): Promise<string> {
  const operator = demoUsers().find((u) => u.role === 'operator');
  if (!operator) throw new Error('no demo operator');
  const first = (await (
    await fetch(`${url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: operator.username, password: operator.password }),
    })
  ).json()) as { token: string };
  await fetch(`${url}/api/auth/second-factor`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${first.token}` },
    body: JSON.stringify({ code: totpCode(operator.totpSecret, new Date()) }),
  });
  return first.token;
}

function load(url: string, bearers: readonly string[] = []): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    // Each request carries the next session's token in turn, as a department's users would.
    requests: [
      {
        setupRequest: (request) => {
          const bearer = bearers[next++ % Math.max(bearers.length, 1)];
          return bearer === undefined
            ? request
            : { ...request, headers: { ...request.headers, authorization: `Bearer ${bearer}` } };
        },
      },
    ],
  });
}

const server = await startServer(await freshDatabase());
try {
  const bearers = [];
  for (let i = 0; i < SESSIONS; i += 1) bearers.push(await token(server.url));
  const health = await load(`${server.url}/api/health`);
  const worklist = await load(`${server.url}/api/referrals?state=received&limit=50`, bearers);
  const row = (name: string, r: autocannon.Result): string =>
    `${name.padEnd(34)} ${r.requests.average.toFixed(0).padStart(8)} req/s  p50 ${String(r.latency.p50).padStart(4)} ms  p90 ${String(r.latency.p90).padStart(4)} ms  p99 ${String(r.latency.p99).padStart(4)} ms  errors ${String(r.errors + r.non2xx)}`;
  console.log(
    `\n${String(CONNECTIONS)} connections, ${String(DURATION_S)} s each, PostgreSQL; worklist over ${String(SESSIONS)} sessions`,
  );
  console.log(row('baseline: GET /api/health', health));
  console.log(row('GET /api/referrals (worklist)', worklist));
  console.log(
    `worklist / baseline: ${(worklist.requests.average / health.requests.average).toFixed(2)}; target ≥ 1000 req/s and p99 < 100 ms: ${worklist.requests.average >= 1000 && worklist.latency.p99 < 100 ? 'met' : 'NOT met'}`,
  );
} finally {
  server.stop();
}
