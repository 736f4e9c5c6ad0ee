import cluster, { type Worker } from 'node:cluster';
import { createStore, openDatabase, type OpenOptions } from '@quantrad/store';
import { securityPolicy } from '@quantrad/service';
import { buildServer } from './build-server.ts';
import { DEFAULT_WEB_ROOT } from './web-app.ts';

// `--workers N` on PostgreSQL: N server processes share the port (node:cluster hands connections out in
// turn), so a busy service uses more than one core. Nothing that must be consistent lives in a worker:
// sessions, lockouts, idempotency keys and the audit chain's lock are all in the database. The embedded
// database has a single writer, so it always runs in one process.

export interface ListenOptions {
  port: number;
  host: string;
}

/** Runs in each worker: its own pool to the database, its own server on the shared port. */
export async function runWorker(dbOptions: OpenOptions, listen: ListenOptions): Promise<void> {
  const db = await openDatabase(dbOptions);
  const now = (): Date => new Date();
  const store = createStore(db, { sessionLookupCacheMs: securityPolicy.session.lookupReuseMs });
  const app = await buildServer({ store, now, webRoot: DEFAULT_WEB_ROOT });
  await app.listen(listen);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void app
      .close()
      .then(() => db.close())
      .then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // The primary is gone (killed): a worker must not serve on alone.
  process.on('disconnect', stop);
}

const RESTART_FIRST_DELAY_MS = 250;
const RESTART_MAX_DELAY_MS = 30_000;
const RESTART_RESET_MS = 60_000;

export interface RunningWorkers {
  /** The address every worker listens on. */
  address: string;
  /** Asks every worker to finish its requests in flight and close; resolves when all have exited. */
  stop: () => Promise<void>;
}

/** Starts `count` workers, waits until each listens and replaces any that dies unexpectedly. */
export async function startWorkers(count: number, listen: ListenOptions): Promise<RunningWorkers> {
  let stopping = false;
  const live = new Set<Worker>();
  // A worker that keeps dying (the database refusing connections) is restarted after a growing pause,
  // not at once in a loop; a worker that served for a while resets the count.
  let recentFailures = 0;
  const fork = (): Worker => {
    const worker = cluster.fork();
    const startedAt = Date.now();
    live.add(worker);
    // Node reports a signal of null when the worker exited by itself.
    worker.on('exit', (code: number | null, signal: NodeJS.Signals | null) => {
      live.delete(worker);
      if (stopping) return;
      recentFailures = Date.now() - startedAt > RESTART_RESET_MS ? 1 : recentFailures + 1;
      const delayMs = Math.min(RESTART_MAX_DELAY_MS, RESTART_FIRST_DELAY_MS * 2 ** (recentFailures - 1));
      console.error(
        `quantrad: worker ${String(worker.process.pid)} stopped (${signal ?? `exit ${String(code)}`}); starting another in ${String(delayMs)} ms`,
      );
      setTimeout(() => {
        if (!stopping) fork();
      }, delayMs);
    });
    return worker;
  };
  const listening = Array.from(
    { length: count },
    () =>
      new Promise<number>((resolve, reject) => {
        const worker = fork();
        worker.once('listening', (address) => {
          resolve(address.port);
        });
        worker.once('exit', (code) => {
          reject(new Error(`a worker exited before it listened (exit ${String(code)})`));
        });
      }),
  );
  const [port = listen.port] = await Promise.all(listening);
  return {
    address: `http://${listen.host.includes(':') ? `[${listen.host}]` : listen.host}:${String(port)}`,
    stop: async () => {
      stopping = true;
      const exits = [...live].map(
        (worker) =>
          new Promise<void>((resolve) => {
            worker.once('exit', () => {
              resolve();
            });
            worker.process.kill('SIGTERM');
          }),
      );
      await Promise.all(exits);
    },
  };
}

export const isWorkerProcess = (): boolean => cluster.isWorker;
