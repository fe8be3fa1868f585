/**
 * gemm in WebAssembly SIMD, optionally split across the helper threads of ./wasm-pool.ts.
 *
 * One call: op(A), op(B) and (when accumulating) C are copied into the shared wasm memory, C is
 * computed there and copied back: O(MK + KN + MN) copies for O(MNK) work, so only products above
 * `wasmMinWork` come here. Products above `threadMinWork` are cut into chunks — row blocks of C
 * when M ≥ N, column blocks otherwise (pointer offsets: the kernel takes leading dimensions) — and
 * the calling thread and the helper threads each claim chunks until none is left
 * (./wasm/kernel-worker.mjs runs a chunk exactly like `runChunk` here).
 */
import { kernelOptions } from './config.js';
import { JobKind, MAX_CHUNKS, poolParticipants, poolRuntime, runJob } from './wasm-pool.js';
import { copyFromWasm, copyToWasm, type WasmRuntime } from './wasm-runtime.js';

const CHUNKS_PER_THREAD = 2;

/** A threaded product as published to the helpers (./wasm/kernel-worker.mjs reads the same order). */
type GemmJob = readonly [
  ta: number, tb: number, M: number, N: number, K: number, A: number, lda: number, B: number, ldb: number,
  C: number, ldc: number, splitCols: number, chunk: number, overwrite: number,
];

/** Runs chunk c of a job (parameters as `runParallel` publishes them) on the calling thread. */
function runChunk(rt: WasmRuntime, q: GemmJob, c: number): void {
  const s = rt.scratch(0);
  const [ta, tb, M, N, K, A, lda, B, ldb, C, ldc, splitCols, chunk, over] = q;
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
  const rt = poolRuntime();
  if (rt === null) return false;
  const sizeA = M * K, sizeB = K * N, sizeC = M * N;
  const aOff = rt.operandBase;
  const sameAB = A === B && sizeA === sizeB;
  const bOff = sameAB ? aOff : align64(aOff + sizeA * 8);
  const cOff = align64(bOff + (sameAB ? sizeA : sizeB) * 8);
  if (!rt.reserve(cOff + sizeC * 8)) return false;
  const mem = rt.f64();
  copyToWasm(mem, aOff / 8, A, sizeA);
  if (!sameAB) copyToWasm(mem, bOff / 8, B, sizeB);
  if (accumulate) copyToWasm(mem, cOff / 8, C, sizeC); // otherwise the kernel overwrites C: no zero fill
  const ta = transA ? 1 : 0, tb = transB ? 1 : 0, over = accumulate ? 0 : 1;
  const lda = transA ? M : K, ldb = transB ? K : N;

  const participants = M * N * K >= kernelOptions().threadMinWork ? poolParticipants(rt, threads) : 1;
  if (participants === 1) {
    const s = rt.scratch(0);
    rt.exports.gemm(ta, tb, M, N, K, aOff, lda, bOff, ldb, cOff, N, s.packA, s.packB, s.tmp, over);
  } else if (!runParallel(rt, participants, ta, tb, M, N, K, aOff, lda, bOff, ldb, cOff, over)) {
    return false;
  }
  copyFromWasm(rt.f64(), cOff / 8, C, sizeC);
  return true;
}

function runParallel(
  rt: WasmRuntime, participants: number,
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
  const q: GemmJob = [ta, tb, M, N, K, aOff, lda, bOff, ldb, cOff, N, splitCols ? 1 : 0, chunk, over];
  return runJob(rt, JobKind.gemm, q, nchunks, (c) => runChunk(rt, q, c));
}
