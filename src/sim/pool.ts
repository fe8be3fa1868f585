/**
 * A pool of worker threads for simulations whose jobs are independent (one training run per rule
 * and seed, …): jobs in, results out, progress ticks back, the first failure rejects.
 *
 * Main thread:   `await runPool(jobs, { kind, module: import.meta.url, init, workers, onTick, onResult })`
 * Worker module: `serveJobs(kind, (init) => (job, tick) => result)` at module level (a no-op
 *                outside a pool worker of that kind).
 *
 * Each worker imports `module` through tsx (so TypeScript sources work under `tsx` and vitest alike),
 * after the modules given to addWorkerPreload (e.g. user rule files, so their registrations exist in
 * every worker). Jobs, init data and results cross threads by structured clone, so they must be plain
 * data; results are therefore the same whichever thread computed them.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { DivergenceError } from '../tensor/index.js';

/** What a pool worker is started with (workerData). */
interface PoolWorkerData {
  readonly laelabPool: true;
  /** The job kind: serveJobs(kind, …) in `module` answers only to its own kind. */
  readonly kind: string;
  readonly module: string;
  readonly preloads: readonly Preload[];
  readonly init: unknown;
  readonly tsxApi: string;
  readonly poolFile: string;
}

type ToWorker = { type: 'job'; id: number; job: unknown } | { type: 'stop' };
type FromWorker =
  | { type: 'ready' }
  | { type: 'tick'; n: number }
  | { type: 'done'; id: number; result: unknown }
  | { type: 'error'; name: string; message: string; step?: number; parameter?: string };

export interface PoolOptions<J, R> {
  /** Names this kind of job; the worker module's serveJobs must use the same string. */
  readonly kind: string;
  /** URL (usually `import.meta.url`) of the module that calls serveJobs(kind, …). */
  readonly module: string;
  /** Plain data handed to the worker's setup once (parameters, seed strings, …). */
  readonly init: unknown;
  /** Worker threads (at most one per job is started). */
  readonly workers: number;
  /** Steps reported by the workers (batched), e.g. to advance a progress bar. */
  readonly onTick?: (n: number) => void;
  /** Called in completion order as each job finishes. */
  readonly onResult?: (job: J, result: R, index: number) => void;
}

/** Ticks a worker batches before posting them. */
const TICK_BATCH = 20;

/** A module every worker imports first; with `data`, its exported `workerPreload(data)` is then awaited. */
interface Preload {
  readonly url: string;
  readonly data?: unknown;
}

const preloads: Preload[] = [];

/**
 * Makes every pool worker started from now on import `moduleUrl` first and, when `data` is given,
 * await the module's exported `workerPreload(data)` (idempotent for equal arguments).
 */
export function addWorkerPreload(moduleUrl: string, data?: unknown): void {
  const key = JSON.stringify([moduleUrl, data]);
  if (!preloads.some((p) => JSON.stringify([p.url, p.data]) === key)) preloads.push(data === undefined ? { url: moduleUrl } : { url: moduleUrl, data });
}

/** The code a worker starts with: import tsx's API, then this file through it (which imports the rest). */
const BOOTSTRAP = `
const { workerData, parentPort } = require('node:worker_threads');
import(workerData.tsxApi)
  .then((m) => (m.tsImport ?? m.default.tsImport)(workerData.poolFile, workerData.poolFile))
  .catch((err) => parentPort.postMessage({ type: 'error', name: 'Error', message: 'worker start failed: ' + (err && err.stack || err) }));
`;

/** URL of tsx's ESM API (`tsx/esm/api`, its `import` export). */
function tsxEsmApi(): string {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    // hosts without import.meta.resolve (e.g. vitest): the ESM file sits next to the CommonJS one
    return pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  }
}

/** An error from a worker, rebuilt with its name (and a DivergenceError's step and parameter). */
function reviveError(m: Extract<FromWorker, { type: 'error' }>): Error {
  const err = m.name === 'DivergenceError' ? new DivergenceError(m.message, m.step ?? 0, m.parameter ?? '') : new Error(m.message);
  err.name = m.name;
  return err;
}

/**
 * Runs `jobs` on `options.workers` worker threads (one gemm thread each: LAELAB_THREADS=1, the
 * workers already keep the cores busy). Resolves with the results in job order when all are done;
 * rejects on the first failure (a job's error keeps its name, message and, for a DivergenceError,
 * step and parameter) and stops every worker.
 */
export function runPool<J, R>(jobs: readonly J[], options: PoolOptions<J, R>): Promise<R[]> {
  const results: R[] = new Array<R>(jobs.length);
  if (jobs.length === 0) return Promise.resolve(results);
  const count = Math.max(1, Math.min(options.workers, jobs.length));
  const data: PoolWorkerData = {
    laelabPool: true,
    kind: options.kind,
    module: options.module,
    preloads: [...preloads],
    init: options.init,
    tsxApi: tsxEsmApi(),
    poolFile: import.meta.url,
  };
  return new Promise<R[]>((resolve, reject) => {
    const workers: Worker[] = [];
    let next = 0;
    let finished = 0;
    let failed = false;
    const stopAll = (): void => {
      for (const w of workers) void w.terminate();
    };
    const fail = (err: Error): void => {
      if (failed) return;
      failed = true;
      stopAll();
      reject(err);
    };
    const feed = (w: Worker): void => {
      if (next < jobs.length) {
        const id = next++;
        w.postMessage({ type: 'job', id, job: jobs[id] } satisfies ToWorker);
      } else {
        w.postMessage({ type: 'stop' } satisfies ToWorker);
      }
    };
    for (let i = 0; i < count; i++) {
      const w = new Worker(BOOTSTRAP, { eval: true, workerData: data, env: { ...process.env, LAELAB_THREADS: '1' } });
      workers.push(w);
      w.on('message', (m: FromWorker) => {
        if (failed) return;
        if (m.type === 'ready') feed(w);
        else if (m.type === 'tick') options.onTick?.(m.n);
        else if (m.type === 'done') {
          const result = m.result as R;
          results[m.id] = result;
          options.onResult?.(jobs[m.id]!, result, m.id);
          finished++;
          if (finished === jobs.length) {
            stopAll();
            resolve(results);
          } else feed(w);
        } else fail(reviveError(m));
      });
      w.on('error', (err) => fail(err));
      w.on('exit', (code) => {
        if (code !== 0 && !failed && finished < jobs.length) fail(new Error(`${options.kind}: a worker thread exited with code ${code}`));
      });
    }
  });
}

/** This thread's pool data when it is a pool worker, else undefined. */
function poolData(): PoolWorkerData | undefined {
  const d = isMainThread ? undefined : (workerData as Partial<PoolWorkerData> | null);
  return d?.laelabPool === true ? (d as PoolWorkerData) : undefined;
}

function postError(err: unknown): void {
  const e = err instanceof Error ? err : new Error(String(err));
  const extra = err instanceof DivergenceError ? { step: err.step, parameter: err.parameter } : {};
  parentPort!.postMessage({ type: 'error', name: e.name, message: e.message, ...extra } satisfies FromWorker);
}

/**
 * Worker side, called at module level of the pool's `module`: in a pool worker of this `kind`,
 * runs `setup(init)` once (e.g. loads the data), then answers each job with `handle(job, tick)`
 * until told to stop; `tick(n)` reports progress. Elsewhere (main thread, other kinds) it does nothing.
 */
export function serveJobs<I, J, R>(kind: string, setup: (init: I) => (job: J, tick: (n?: number) => void) => R): void {
  const data = poolData();
  if (data === undefined || data.kind !== kind) return;
  served = true;
  const port = parentPort!;
  let handle: (job: J, tick: (n?: number) => void) => R;
  try {
    handle = setup(data.init as I);
  } catch (err) {
    postError(err);
    return;
  }
  port.on('message', (m: ToWorker) => {
    if (m.type === 'stop') {
      port.close();
      return;
    }
    let pending = 0;
    const tick = (n = 1): void => {
      pending += n;
      if (pending >= TICK_BATCH) {
        port.postMessage({ type: 'tick', n: pending } satisfies FromWorker);
        pending = 0;
      }
    };
    try {
      const result = handle(m.job as J, tick);
      if (pending) port.postMessage({ type: 'tick', n: pending } satisfies FromWorker);
      port.postMessage({ type: 'done', id: m.id, result } satisfies FromWorker);
    } catch (err) {
      postError(err);
    }
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker);
}

// In a pool worker this file is the entry (imported through tsx by BOOTSTRAP): import the preloads
// and then the job module in this tsx namespace, so they share one instance of every laelab module
// (a rule registered by a preload is seen by the job module).
let served = false;
const started = poolData();
if (started !== undefined) {
  void (async () => {
    try {
      for (const p of started.preloads) {
        const m = (await import(p.url)) as { workerPreload?: (data: unknown) => unknown };
        if (p.data !== undefined) await m.workerPreload?.(p.data);
      }
      await import(started.module);
      if (!served) postError(new Error(`${started.module} has no serveJobs('${started.kind}', …) at module level`));
    } catch (err) {
      postError(err);
    }
  })();
}
