/**
 * gemm in WebAssembly SIMD, optionally split across worker threads over shared memory.
 *
 * One call: op(A), op(B) and (when accumulating) C are copied into the shared wasm memory, C is
 * computed there and copied back: O(MK + KN + MN) copies for O(MNK) work, so only products above
 * `wasmMinWork` come here. Products above `threadMinWork` are cut into chunks — row blocks of C
 * when M ≥ N, column blocks otherwise (pointer offsets: the kernel takes leading dimensions) — and
 * the calling thread and the helper threads each claim chunks until none is left.
 *
 * Protocol (Int32Array `ctl` on a SharedArrayBuffer; ./wasm/gemm-worker.mjs mirrors it):
 *   SEQ    job number; helpers sleep in Atomics.wait(ctl, SEQ, lastSeen)
 *   CLAIM  one word: tag (10 bits of SEQ) | chunk count (11 bits) | next chunk (11 bits); a chunk
 *          is taken by compare-and-swap of next → next + 1, so a helper that wakes late or for an
 *          old job claims nothing, and the parameters it then reads are those of a job that cannot
 *          finish before its chunk does
 *   DONE   chunks finished; the caller waits on it after claiming what it can
 *   QUIT   set at exit; ERROR set by a helper whose chunk threw (the call then falls back)
 * The caller never waits for a helper to start: chunks nobody claimed it does itself, so a busy
 * machine, slow worker start-up or missing worker support only costs speed.
 */
import { Worker } from 'node:worker_threads';
import { kernelOptions } from './config.js';
import { wasmRuntime, type WasmRuntime } from './wasm-runtime.js';

const SEQ = 0, CLAIM = 1, DONE = 2, QUIT = 3, ERROR = 4;
const P = 8;
const CTL_INTS = 32;
const MAX_CHUNKS = 2047;
const CHUNKS_PER_THREAD = 2;

interface Pool {
  ctl: Int32Array;
  workers: Worker[];
  broken: boolean;
  seq: number;
}

let pool: Pool | null | undefined;

/** Starts the helper threads (participants − 1 of them), once; null if threads are unavailable. */
function getPool(rt: WasmRuntime, participants: number): Pool | null {
  if (pool !== undefined) return pool && !pool.broken ? pool : null;
  try {
    const ctl = new Int32Array(new SharedArrayBuffer(CTL_INTS * 4));
    const p: Pool = { ctl, workers: [], broken: false, seq: 0 };
    const url = new URL('./wasm/gemm-worker.mjs', import.meta.url);
    for (let w = 1; w < participants; w++) {
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

/** Runs chunk c of the job whose parameters are in ctl, with the given scratch. */
function runChunk(rt: WasmRuntime, ctl: Int32Array, c: number, participant: number): void {
  const s = rt.scratch(participant);
  const ta = ctl[P]!, tb = ctl[P + 1]!, M = ctl[P + 2]!, N = ctl[P + 3]!, K = ctl[P + 4]!;
  const A = ctl[P + 5]!, lda = ctl[P + 6]!, B = ctl[P + 7]!, ldb = ctl[P + 8]!, C = ctl[P + 9]!, ldc = ctl[P + 10]!;
  const splitCols = ctl[P + 11]!, chunk = ctl[P + 12]!, over = ctl[P + 13]!;
  const s0 = c * chunk;
  if (splitCols) {
    const n = Math.min(chunk, N - s0);
    rt.exports.gemm(ta, tb, M, n, K, A, lda, tb ? B + s0 * ldb * 8 : B + s0 * 8, ldb, C + s0 * 8, ldc, s.packA, s.packB, s.tmp, over);
  } else {
    const m = Math.min(chunk, M - s0);
    rt.exports.gemm(ta, tb, m, N, K, ta ? A + s0 * 8 : A + s0 * lda * 8, lda, B, ldb, C + s0 * ldc * 8, ldc, s.packA, s.packB, s.tmp, over);
  }
}

function align64(n: number): number {
  return Math.ceil(n / 64) * 64;
}

/** Threads the next large product will use (1 when helpers are unavailable). */
export function gemmThreads(): number {
  const rt = wasmRuntime(Math.max(2, kernelOptions().threads));
  if (rt === null) return 1;
  const n = Math.min(kernelOptions().threads, rt.maxParticipants);
  if (n <= 1) return 1;
  return getPool(rt, rt.maxParticipants) === null ? 1 : n;
}

/**
 * C (M×N) = op(A)·op(B) (+ C when accumulate) in wasm; same contract as the TypeScript gemm.
 * Returns false, leaving C untouched, when wasm is unavailable or the operands do not fit, so the
 * caller runs the reference loops instead. `threads` caps the participants (default: options).
 */
export function gemmWasm(
  transA: boolean,
  transB: boolean,
  M: number,
  N: number,
  K: number,
  A: Float64Array,
  B: Float64Array,
  C: Float64Array,
  accumulate: boolean,
  threads = kernelOptions().threads,
): boolean {
  const rt = wasmRuntime(Math.max(2, kernelOptions().threads));
  if (rt === null) return false;
  const sizeA = M * K, sizeB = K * N, sizeC = M * N;
  const aOff = rt.operandBase;
  const sameAB = A === B && sizeA === sizeB;
  const bOff = sameAB ? aOff : align64(aOff + sizeA * 8);
  const cOff = align64(bOff + (sameAB ? sizeA : sizeB) * 8);
  if (!rt.reserve(cOff + sizeC * 8)) return false;
  const mem = rt.f64();
  copyIn(mem, aOff / 8, A, sizeA);
  if (!sameAB) copyIn(mem, bOff / 8, B, sizeB);
  if (accumulate) copyIn(mem, cOff / 8, C, sizeC); // otherwise the kernel overwrites C: no zero fill
  const ta = transA ? 1 : 0, tb = transB ? 1 : 0, over = accumulate ? 0 : 1;
  const lda = transA ? M : K, ldb = transB ? K : N;

  let participants = Math.min(threads, rt.maxParticipants);
  const p = participants > 1 && M * N * K >= kernelOptions().threadMinWork ? getPool(rt, rt.maxParticipants) : null;
  if (p === null) participants = 1;
  if (participants === 1) {
    const s = rt.scratch(0);
    rt.exports.gemm(ta, tb, M, N, K, aOff, lda, bOff, ldb, cOff, N, s.packA, s.packB, s.tmp, over);
  } else if (!runParallel(rt, p!, participants, ta, tb, M, N, K, aOff, lda, bOff, ldb, cOff, over)) {
    return false;
  }
  copyOut(rt.f64(), cOff / 8, C, sizeC);
  return true;
}

/** Below this many elements a plain loop beats TypedArray.set (and allocates no subarray view). */
const COPY_LOOP = 64;

/** mem[off, off + n) = src[0, n). */
function copyIn(mem: Float64Array, off: number, src: Float64Array, n: number): void {
  if (n <= COPY_LOOP) {
    for (let i = 0; i < n; i++) mem[off + i] = src[i]!;
  } else mem.set(src.length === n ? src : src.subarray(0, n), off);
}

/** dst[0, n) = mem[off, off + n). */
function copyOut(mem: Float64Array, off: number, dst: Float64Array, n: number): void {
  if (n <= COPY_LOOP) {
    for (let i = 0; i < n; i++) dst[i] = mem[off + i]!;
  } else dst.set(mem.subarray(off, off + n));
}

function runParallel(
  rt: WasmRuntime, p: Pool, participants: number,
  ta: number, tb: number, M: number, N: number, K: number, aOff: number, lda: number, bOff: number, ldb: number, cOff: number, over: number,
): boolean {
  const { MR, NR } = rt.blocking;
  const splitCols = N > M;
  const extent = splitCols ? N : M;
  const unit = splitCols ? NR : MR;
  // two chunks per participant, so a thread slowed by other load costs less; whole micro-tiles
  let chunk = Math.ceil(extent / (CHUNKS_PER_THREAD * participants) / unit) * unit;
  chunk = Math.max(chunk, Math.ceil(extent / MAX_CHUNKS / unit) * unit, unit);
  const nchunks = Math.ceil(extent / chunk);
  const ctl = p.ctl;
  ctl[P] = ta; ctl[P + 1] = tb; ctl[P + 2] = M; ctl[P + 3] = N; ctl[P + 4] = K;
  ctl[P + 5] = aOff; ctl[P + 6] = lda; ctl[P + 7] = bOff; ctl[P + 8] = ldb; ctl[P + 9] = cOff; ctl[P + 10] = N;
  ctl[P + 11] = splitCols ? 1 : 0; ctl[P + 12] = chunk; ctl[P + 13] = over;
  p.seq = (p.seq + 1) | 0;
  if (p.seq === 0) p.seq = 1; // helpers start with lastSeen = 0
  const tag = p.seq & 0x3ff;
  Atomics.store(ctl, ERROR, 0);
  Atomics.store(ctl, DONE, 0);
  Atomics.store(ctl, CLAIM, (tag << 22) | (nchunks << 11));
  Atomics.store(ctl, SEQ, p.seq);
  Atomics.notify(ctl, SEQ);
  let mine = 0;
  let failed = false;
  for (;;) {
    const w = Atomics.load(ctl, CLAIM);
    const next = w & 0x7ff;
    if (next >= nchunks) break;
    if (Atomics.compareExchange(ctl, CLAIM, w, w + 1) !== w) continue;
    try {
      runChunk(rt, ctl, next, 0);
    } catch {
      failed = true;
    }
    mine++;
    Atomics.add(ctl, DONE, 1);
  }
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
  return !failed && Atomics.load(ctl, ERROR) === 0;
}

let helped = 0;

/** How many threaded products so far had at least one chunk done by a helper thread (tests). */
export function helpedProducts(): number {
  return helped;
}
