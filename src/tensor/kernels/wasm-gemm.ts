/**
 * gemm in WebAssembly SIMD, optionally split across the helper threads of ./wasm-pool.ts.
 *
 * One call: op(A), op(B) and (when accumulating) C are copied into the shared wasm memory, C is
 * computed there and copied back: O(MK + KN + MN) copies for O(MNK) work, so only products above
 * `wasmMinWork` come here. Products above `threadMinWork` are cut into chunks — row blocks of C
 * when M ≥ N, column blocks otherwise (pointer offsets: the kernel takes leading dimensions) — and
 * the calling thread and the helper threads each claim chunks until none is left
 * (./wasm/kernel-worker.mjs runs a chunk exactly like `runChunk` here). Float32 operands run the
 * f32x4 kernel (gemm32) over a Float32Array view of the same memory: element size 4, not 8.
 */
import { kernelOptions } from './config.js';
import { announceJob, JobKind, MAX_CHUNKS, poolParticipants, poolRuntime, runJob } from './wasm-pool.js';
import { copyFromWasm, copyToWasm, type WasmRuntime } from './wasm-runtime.js';
import type { FloatArray } from './dtype.js';

const CHUNKS_PER_THREAD = 2;

/** A threaded product as published to the helpers (./wasm/kernel-worker.mjs reads the same order). */
type GemmJob = readonly [
  ta: number, tb: number, M: number, N: number, K: number, A: number, lda: number, B: number, ldb: number,
  C: number, ldc: number, splitCols: number, chunk: number, overwrite: number, f32: number,
];

/** Runs chunk c of a job (parameters as `runParallel` publishes them) on the calling thread. */
function runChunk(rt: WasmRuntime, q: GemmJob, c: number): void {
  const s = rt.scratch(0);
  const [ta, tb, M, N, K, A, lda, B, ldb, C, ldc, splitCols, chunk, over, f32] = q;
  const kernel = f32 ? rt.exports.gemm32 : rt.exports.gemm;
  const es = f32 ? 4 : 8;
  const s0 = c * chunk;
  if (splitCols) {
    const n = Math.min(chunk, N - s0);
    kernel(ta, tb, M, n, K, A, lda, tb ? B + s0 * ldb * es : B + s0 * es, ldb, C + s0 * es, ldc, s.packA, s.packB, s.tmp, over);
  } else {
    const m = Math.min(chunk, M - s0);
    kernel(ta, tb, m, N, K, ta ? A + s0 * es : A + s0 * lda * es, lda, B, ldb, C + s0 * ldc * es, ldc, s.packA, s.packB, s.tmp, over);
  }
}

function align64(n: number): number {
  return Math.ceil(n / 64) * 64;
}

/**
 * C (M×N) = op(A)·op(B) (+ C when accumulate) in wasm; same contract as the TypeScript gemm.
 * Returns false, leaving C untouched, when wasm is unavailable, the operands do not fit or are of
 * mixed element types, so the caller runs the reference loops instead. `threads` caps the
 * participants (default: options).
 */
export function gemmWasm(
  transA: boolean,
  transB: boolean,
  M: number,
  N: number,
  K: number,
  A: FloatArray,
  B: FloatArray,
  C: FloatArray,
  accumulate: boolean,
  threads = kernelOptions().threads,
): boolean {
  const rt = poolRuntime();
  if (rt === null) return false;
  const f32 = C instanceof Float32Array ? 1 : 0;
  if ((A instanceof Float32Array ? 1 : 0) !== f32 || (B instanceof Float32Array ? 1 : 0) !== f32) return false;
  const es = f32 ? 4 : 8;
  const sizeA = M * K, sizeB = K * N, sizeC = M * N;
  const aOff = rt.operandBase;
  const sameAB = A === B && sizeA === sizeB;
  const bOff = sameAB ? aOff : align64(aOff + sizeA * es);
  const cOff = align64(bOff + (sameAB ? sizeA : sizeB) * es);
  if (!rt.reserve(cOff + sizeC * es)) return false;
  const participants = M * N * K >= kernelOptions().threadMinWork ? poolParticipants(rt, threads) : 1;
  if (participants > 1) announceJob(rt); // the helpers wake while the operands are copied in
  const mem = rt.view(C);
  copyToWasm(mem, aOff / es, A, sizeA);
  if (!sameAB) copyToWasm(mem, bOff / es, B, sizeB);
  if (accumulate) copyToWasm(mem, cOff / es, C, sizeC); // otherwise the kernel overwrites C: no zero fill
  const ta = transA ? 1 : 0, tb = transB ? 1 : 0, over = accumulate ? 0 : 1;
  const lda = transA ? M : K, ldb = transB ? K : N;
  if (participants === 1) {
    const s = rt.scratch(0);
    (f32 ? rt.exports.gemm32 : rt.exports.gemm)(ta, tb, M, N, K, aOff, lda, bOff, ldb, cOff, N, s.packA, s.packB, s.tmp, over);
  } else if (!runParallel(rt, participants, ta, tb, M, N, K, aOff, lda, bOff, ldb, cOff, over, f32)) {
    return false;
  }
  copyFromWasm(rt.view(C), cOff / es, C, sizeC);
  return true;
}

function runParallel(
  rt: WasmRuntime, participants: number,
  ta: number, tb: number, M: number, N: number, K: number, aOff: number, lda: number, bOff: number, ldb: number, cOff: number, over: number, f32: number,
): boolean {
  const { MR } = rt.blocking;
  const NR = f32 ? rt.blocking.NR32 : rt.blocking.NR;
  const splitCols = N > M;
  const extent = splitCols ? N : M;
  const unit = splitCols ? NR : MR;
  // two chunks per participant, so a thread slowed by other load costs less; whole micro-tiles
  let chunk = Math.ceil(extent / (CHUNKS_PER_THREAD * participants) / unit) * unit;
  chunk = Math.max(chunk, Math.ceil(extent / MAX_CHUNKS / unit) * unit, unit);
  const nchunks = Math.ceil(extent / chunk);
  const q: GemmJob = [ta, tb, M, N, K, aOff, lda, bOff, ldb, cOff, N, splitCols ? 1 : 0, chunk, over, f32];
  return runJob(rt, JobKind.gemm, q, nchunks, (c) => runChunk(rt, q, c));
}
