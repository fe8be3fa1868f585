/**
 * Helper threads for the WebAssembly kernels: one job at a time, cut into chunks that the calling
 * thread and the helpers claim until none is left. A job is a kernel (`JobKind`) and up to 16
 * integer parameters; ./wasm/kernel-worker.mjs runs a chunk of each kind exactly as the caller's
 * `runChunk` does.
 *
 * Protocol (Int32Array `ctl` on a SharedArrayBuffer; ./wasm/kernel-worker.mjs mirrors it):
 *   SEQ    job number; helpers sleep in Atomics.wait(ctl, SEQ, lastSeen). A job may be announced
 *          (SEQ bumped, helpers woken) before its operands are copied in (`announceJob`), so that
 *          the helpers' wake-up overlaps the copies; a woken helper then spins, bounded, until the
 *          job's CLAIM word (its tag) appears
 *   CLAIM  one word: tag (10 bits of SEQ) | chunk count (11 bits) | next chunk (11 bits); a chunk
 *          is taken by compare-and-swap of next → next + 1, so a helper that wakes late or for an
 *          old job claims nothing, and the parameters it then reads are those of a job that cannot
 *          finish before its chunk does
 *   DONE   chunks finished; the caller waits on it after claiming what it can
 *   QUIT   set at exit; ERROR set by a helper whose chunk threw (the call then falls back)
 *   KIND   the job's kernel; parameters from P on
 * The caller never waits for a helper to start: chunks nobody claimed it does itself, so a busy
 * machine, slow worker start-up or missing worker support only costs speed.
 */
import { Worker } from 'node:worker_threads';
import { kernelOptions } from './config.js';
import { wasmRuntime, type WasmRuntime } from './wasm-runtime.js';

const SEQ = 0, CLAIM = 1, DONE = 2, QUIT = 3, ERROR = 4, KIND = 5;
const P = 8;
const MAX_PARAMS = 16;
const CTL_INTS = P + MAX_PARAMS;
/** Most chunks one job can have (11 bits of CLAIM). */
export const MAX_CHUNKS = 2047;

/** Kernels a helper can run (the worker script switches on the same numbers). */
export const JobKind = { gemm: 0, sparseGram: 1 } as const;
export type JobKind = (typeof JobKind)[keyof typeof JobKind];

interface Pool {
  ctl: Int32Array;
  workers: Worker[];
  broken: boolean;
  seq: number;
  /** SEQ already bumped for the next job by announceJob. */
  announced: boolean;
}

let pool: Pool | null | undefined;

/** Starts the helper threads (participants − 1 of them), once; null if threads are unavailable. */
function getPool(rt: WasmRuntime): Pool | null {
  if (pool !== undefined) return pool && !pool.broken ? pool : null;
  try {
    const ctl = new Int32Array(new SharedArrayBuffer(CTL_INTS * 4));
    const p: Pool = { ctl, workers: [], broken: false, seq: 0, announced: false };
    const url = new URL('./wasm/kernel-worker.mjs', import.meta.url);
    for (let w = 1; w < rt.maxParticipants; w++) {
      const worker = new Worker(url, {
        workerData: { module: rt.module, memory: rt.memory, ctl: ctl.buffer, scratch: rt.scratch(w) },
      });
      worker.unref();
      worker.on('error', () => {
        p.broken = true;
      });
      worker.on('exit', () => {
        p.broken = true;
      });
      p.workers.push(worker);
    }
    process.once('exit', () => {
      Atomics.store(ctl, QUIT, 1);
      Atomics.add(ctl, SEQ, 1);
      Atomics.notify(ctl, SEQ);
    });
    pool = p;
  } catch {
    pool = null;
  }
  return pool;
}

/** The loaded runtime sized for the configured threads, or null. */
export function poolRuntime(): WasmRuntime | null {
  return wasmRuntime(Math.max(2, kernelOptions().threads));
}

/** Threads a job of `threads` participants would use now (1 when helpers are unavailable). */
export function poolParticipants(rt: WasmRuntime, threads = kernelOptions().threads): number {
  const n = Math.min(threads, rt.maxParticipants);
  if (n <= 1) return 1;
  return getPool(rt) === null ? 1 : n;
}

/** Threads the next large product will use (1 when helpers are unavailable). */
export function gemmThreads(): number {
  const rt = poolRuntime();
  return rt === null ? 1 : poolParticipants(rt);
}

/** The next job number (never 0: helpers start with lastSeen = 0). */
function nextSeq(seq: number): number {
  const s = (seq + 1) | 0;
  return s === 0 ? 1 : s;
}

/**
 * Wakes the helpers for the job the caller is about to publish with `runJob`, before it copies
 * the job's operands: the wake-up (tens of µs on a VM) then overlaps the copies instead of
 * delaying the helpers' first chunk. Call it only right before that runJob.
 */
export function announceJob(rt: WasmRuntime): void {
  const p = getPool(rt);
  if (p === null || p.announced) return;
  p.seq = nextSeq(p.seq);
  p.announced = true;
  Atomics.store(p.ctl, SEQ, p.seq);
  Atomics.notify(p.ctl, SEQ);
}

/**
 * Runs chunks 0 … nchunks − 1 of a job on the calling thread and the helpers. `runChunk(c, p)`
 * is the caller's own chunk runner (participant p = 0); it reads nothing from `params`, which go
 * to the helpers through the control block. Returns false (the caller falls back) when a chunk
 * threw or the helpers stopped answering.
 */
export function runJob(
  rt: WasmRuntime,
  kind: JobKind,
  params: readonly number[],
  nchunks: number,
  runChunk: (c: number) => void,
): boolean {
  const p = getPool(rt);
  if (p === null) {
    for (let c = 0; c < nchunks; c++) runChunk(c);
    return true;
  }
  if (params.length > MAX_PARAMS || nchunks > MAX_CHUNKS) throw new Error(`runJob: ${params.length} parameters / ${nchunks} chunks exceed the control block`);
  const ctl = p.ctl;
  ctl[KIND] = kind;
  for (let i = 0; i < params.length; i++) ctl[P + i] = params[i]!;
  const announced = p.announced;
  p.announced = false;
  if (!announced) p.seq = nextSeq(p.seq);
  const tag = p.seq & 0x3ff;
  Atomics.store(ctl, ERROR, 0);
  Atomics.store(ctl, DONE, 0);
  Atomics.store(ctl, CLAIM, (tag << 22) | (nchunks << 11));
  if (!announced) {
    Atomics.store(ctl, SEQ, p.seq);
    Atomics.notify(ctl, SEQ);
  }
  let mine = 0;
  let failed = false;
  const t0 = performance.now();
  for (;;) {
    const w = Atomics.load(ctl, CLAIM);
    const next = w & 0x7ff;
    if (next >= nchunks) break;
    if (Atomics.compareExchange(ctl, CLAIM, w, w + 1) !== w) continue;
    try {
      runChunk(next);
    } catch {
      failed = true;
    }
    mine++;
    Atomics.add(ctl, DONE, 1);
  }
  const t1 = performance.now();
  // wait for the chunks the helpers claimed; a helper that died mid-chunk would leave us waiting,
  // so give up (and fall back) after a long silence
  let last = Atomics.load(ctl, DONE);
  let silentMs = 0;
  while (last < nchunks) {
    const r = Atomics.wait(ctl, DONE, last, 1000);
    const now = Atomics.load(ctl, DONE);
    if (r === 'timed-out' && now === last) {
      silentMs += 1000;
      if (silentMs >= 600_000 || p.broken) {
        p.broken = true;
        return false;
      }
    } else silentMs = 0;
    last = now;
  }
  if (mine < nchunks) helped++;
  stats.jobs++;
  stats.chunks += nchunks;
  stats.callerChunks += mine;
  stats.callerMs += t1 - t0;
  stats.waitMs += performance.now() - t1;
  return !failed && Atomics.load(ctl, ERROR) === 0;
}

let helped = 0;

/** How many threaded jobs so far had at least one chunk done by a helper thread (tests). */
export function helpedJobs(): number {
  return helped;
}

/** Where threaded jobs spent the calling thread's time (the bench's thread-scaling breakdown). */
export interface PoolStats {
  jobs: number;
  chunks: number;
  /** Chunks the calling thread ran itself. */
  callerChunks: number;
  /** Milliseconds the calling thread spent running its own chunks. */
  callerMs: number;
  /** Milliseconds it then waited for the helpers' chunks. */
  waitMs: number;
}

const stats: PoolStats = { jobs: 0, chunks: 0, callerChunks: 0, callerMs: 0, waitMs: 0 };

/** A copy of the cumulative job statistics since start-up. */
export function poolStats(): PoolStats {
  return { ...stats };
}
