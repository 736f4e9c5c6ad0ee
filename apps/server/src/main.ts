import { parseArgs } from 'node:util';
import { createStore, describeDatabase, openDatabase } from '@quantrad/store';
import { totpUri } from '@quantrad/service';
import { buildServer } from './build-server.ts';
import { demoUsers, seedDemoData } from './demo-data.ts';

// `npm start`: the service on PORT (default 8080) with the embedded database in QUANTRAD_DATA (default
// ./data), or PostgreSQL when DATABASE_URL is set; demo data unless --no-demo. Stops cleanly on
// SIGINT/SIGTERM: requests in flight finish, then the database closes.

const USAGE = `usage: npm start [-- --no-demo] [--port N] [--host H]
  PORT, HOST, DATABASE_URL and QUANTRAD_DATA are read from the environment`;

export async function main(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      options: {
        'no-demo': { type: 'boolean', default: false },
        port: { type: 'string' },
        host: { type: 'string' },
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
  console.log(`quantrad: opening ${describeDatabase(dbOptions)} …`);
  const db = await openDatabase(dbOptions);
  const store = createStore(db);
  const now = (): Date => new Date();
  const seeded = args['no-demo'] ? false : await seedDemoData(store, now);
  const app = await buildServer({ store, now });
  const address = await app.listen({ port, host });

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
    `quantrad is running at ${address}  (API under ${address}/api, OpenAPI at ${address}/api/openapi.json)`,
  );

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\nquantrad: ${signal}: finishing requests in flight, then closing the database`);
    void app
      .close()
      .then(() => db.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', () => {
    stop('SIGINT');
  });
  process.on('SIGTERM', () => {
    stop('SIGTERM');
  });
  return 0;
}
