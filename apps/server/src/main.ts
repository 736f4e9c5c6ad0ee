import { parseArgs } from 'node:util';
import { createStore, describeDatabase, openDatabase } from '@quantrad/store';
import { securityPolicy, totpUri } from '@quantrad/service';
import { buildServer } from './build-server.ts';
import { demoUsers, seedDemoData } from './demo-data.ts';
import { isWorkerProcess, runWorker, startWorkers } from './worker-cluster.ts';
import { DEFAULT_WEB_ROOT } from './web-app.ts';

// `npm start`: the service on PORT (default 8080) with the embedded database in QUANTRAD_DATA (default
// ./data), or PostgreSQL when DATABASE_URL is set; demo data unless --no-demo. Stops cleanly on
// SIGINT/SIGTERM: requests in flight finish, then the database closes. On PostgreSQL, --workers N
// serves from N processes (worker-cluster.ts).

const USAGE = `usage: npm start [-- --no-demo] [--port N] [--host H] [--workers N]
  PORT, HOST, DATABASE_URL, QUANTRAD_DATA and QUANTRAD_WORKERS are read from the environment;
  more than one worker needs PostgreSQL (DATABASE_URL)`;

export async function main(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      options: {
        'no-demo': { type: 'boolean', default: false },
        port: { type: 'string' },
        host: { type: 'string' },
        workers: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const port = Number(args.port ?? process.env['PORT'] ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(
      `port: must be a whole number from 0 to 65535, not ${String(args.port ?? process.env['PORT'])}`,
    );
    return 2;
  }
  const host = args.host ?? process.env['HOST'] ?? '127.0.0.1';
  const dbOptions = { databaseUrl: process.env['DATABASE_URL'], dataDir: process.env['QUANTRAD_DATA'] };
  if (isWorkerProcess()) {
    await runWorker(dbOptions, { port, host });
    return 0;
  }
  const workersText = args.workers ?? process.env['QUANTRAD_WORKERS'] ?? '1';
  const workers = Number(workersText);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
    console.error(`workers: must be a whole number from 1 to 64, not ${workersText}`);
    return 2;
  }
  if (workers > 1 && !dbOptions.databaseUrl) {
    console.error(
      'workers: more than one worker needs PostgreSQL (set DATABASE_URL); the embedded database has a single writer',
    );
    return 2;
  }
  console.log(`quantrad: opening ${describeDatabase(dbOptions)} …`);
  const db = await openDatabase(dbOptions);
  const store = createStore(db, { sessionLookupCacheMs: securityPolicy.session.lookupReuseMs });
  const now = (): Date => new Date();
  const seeded = args['no-demo'] ? false : await seedDemoData(store, now);
  // One process serves itself; with workers, the primary only migrates, seeds and supervises.
  let address: string;
  let close: () => Promise<void>;
  if (workers === 1) {
    const app = await buildServer({ store, now, webRoot: DEFAULT_WEB_ROOT });
    address = await app.listen({ port, host });
    close = async () => {
      await app.close();
      await db.close();
    };
  } else {
    await db.close();
    const running = await startWorkers(workers, { port, host });
    address = running.address;
    close = running.stop;
  }

  if (!args['no-demo']) {
    console.log(seeded ? 'Demo data added. Demo users (never use these for real patients):' : 'Demo users:');
    for (const u of demoUsers()) {
      console.log(
        `  ${u.role.padEnd(24)} ${u.username.padEnd(13)} password ${u.password.padEnd(28)} TOTP secret ${u.totpSecret}`,
      );
    }
    const first = demoUsers()[0];
    if (first)
      console.log(
        `  authenticator apps take an otpauth URI, e.g. ${totpUri(first.totpSecret, first.username)}\n`,
      );
  }
  // Printed last, so the URL is the line a person sees and a supervisor can wait for.
  console.log(
    `quantrad is running at ${address}  (API under ${address}/api, OpenAPI at ${address}/api/openapi.json${workers > 1 ? `; ${String(workers)} workers` : ''})`,
  );

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\nquantrad: ${signal}: finishing requests in flight, then closing the database`);
    void close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => {
    stop('SIGINT');
  });
  process.on('SIGTERM', () => {
    stop('SIGTERM');
  });
  return 0;
}
