import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ChunkResponse, RequestWithoutId, ResultArray, WorkerRequest } from './worker-protocol.ts';

/**
 * How a worker loads the TypeScript engine: 'native' runs `perfusion-worker.ts` with Node's own type stripping
 * (Node ≥ 22.18 / 23.6, the sources use erasable syntax only); 'tsx' starts from `perfusion-worker-entry.js`,
 * which registers tsx in the thread first; 'auto' (default) takes 'native' when this Node strips types.
 */
export type WorkerLoader = 'auto' | 'native' | 'tsx';

export interface PerfusionWorkerPoolOptions {
  /** Number of worker threads (default os.availableParallelism()). */
  workers?: number;
  loader?: WorkerLoader;
}

/** A chunk ready to post: the request without its id, and the buffers to transfer (not copy). */
export interface PreparedChunk {
  readonly request: RequestWithoutId;
  readonly transfer: readonly ArrayBuffer[];
}

interface PendingChunk {
  readonly prepare: () => PreparedChunk;
  readonly resolve: (arrays: readonly ResultArray[]) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  current: (PendingChunk & { readonly id: number }) | undefined;
}

function workerUrl(loader: WorkerLoader): URL {
  // 'strip' or 'transform' on a Node that runs TypeScript; false, or absent before Node 22.10, otherwise.
  const strips = typeof (process.features.typescript as unknown) === 'string';
  const native = loader === 'native' || (loader === 'auto' && strips);
  return new URL(native ? './perfusion-worker.ts' : './perfusion-worker-entry.js', import.meta.url);
}

function workerCount(requested: number | undefined): number {
  if (requested === undefined) return Math.max(1, availableParallelism());
  if (!Number.isInteger(requested) || requested < 1)
    throw new Error(`workers must be a whole number of at least 1, got ${requested}`);
  return requested;
}

/**
 * A pool of worker threads that run the perfusion engine on chunks of voxels. Chunks are prepared lazily
 * (when a worker is free), so copies of non-shared input stay bounded by the number of workers. Create
 * with `PerfusionWorkerPool.create` (resolves once every worker has loaded the engine), end with `close`.
 * A chunk that throws in a worker rejects with the worker's message; a worker that dies fails the pool.
 */
/**
 * Resolves on the worker's first message (its "ready"); rejects if it fails or exits before it, so a worker
 * that dies while loading (a missing module, an exit in its top level) cannot leave the caller waiting.
 */
export function workerReady(worker: Worker): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onMessage = (): void => {
      done();
      resolve();
    };
    const onError = (error: Error): void => {
      done();
      reject(new Error(`perfusion worker could not start: ${error.message}`));
    };
    const onExit = (code: number): void => {
      done();
      reject(new Error(`perfusion worker could not start: it exited with code ${code} before it was ready`));
    };
    const done = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
  });
}

export class PerfusionWorkerPool {
  readonly size: number;
  private readonly slots: Slot[];
  private readonly queue: PendingChunk[] = [];
  private nextId = 0;
  private failure: Error | undefined;
  private closing = false;

  private constructor(workers: readonly Worker[]) {
    this.size = workers.length;
    this.slots = workers.map((worker) => ({ worker, current: undefined }));
    for (const slot of this.slots) {
      slot.worker.on('message', (response: ChunkResponse) => {
        this.settle(slot, response);
      });
      slot.worker.on('error', (error: Error) => {
        this.fail(slot, new Error(`perfusion worker failed: ${error.message}`));
      });
      slot.worker.on('exit', (code: number) => {
        if (!this.closing) this.fail(slot, new Error(`perfusion worker exited unexpectedly (code ${code})`));
      });
    }
  }

  /** Starts the workers and waits until each has loaded the engine (rejects if one cannot). */
  static async create(options: PerfusionWorkerPoolOptions = {}): Promise<PerfusionWorkerPool> {
    const count = workerCount(options.workers);
    const url = workerUrl(options.loader ?? 'auto');
    const workers = Array.from({ length: count }, () => new Worker(url));
    try {
      await Promise.all(workers.map(workerReady));
    } catch (error) {
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw error;
    }
    return new PerfusionWorkerPool(workers);
  }

  /** Queues one chunk; resolves with the worker's result arrays. */
  run(prepare: () => PreparedChunk): Promise<readonly ResultArray[]> {
    if (this.closing) return Promise.reject(new Error('perfusion worker pool is closed'));
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ prepare, resolve, reject });
      this.dispatch();
    });
  }

  /** Terminates the workers; chunks still queued are rejected. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    for (const pending of this.queue.splice(0)) pending.reject(new Error('perfusion worker pool was closed'));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.current !== undefined) continue;
      const pending = this.queue.shift();
      if (pending === undefined) return;
      let prepared: PreparedChunk;
      try {
        prepared = pending.prepare();
      } catch (error) {
        pending.reject(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      const id = this.nextId++;
      slot.current = { ...pending, id };
      const request: WorkerRequest = { ...prepared.request, id };
      slot.worker.postMessage(request, [...prepared.transfer]);
    }
  }

  private settle(slot: Slot, response: ChunkResponse): void {
    const current = slot.current;
    if (current === undefined || current.id !== response.id) return;
    slot.current = undefined;
    if ('error' in response) current.reject(new Error(response.error));
    else current.resolve(response.arrays);
    this.dispatch();
  }

  private fail(slot: Slot, error: Error): void {
    this.failure ??= error;
    slot.current?.reject(error);
    slot.current = undefined;
    for (const pending of this.queue.splice(0)) pending.reject(error);
  }
}
