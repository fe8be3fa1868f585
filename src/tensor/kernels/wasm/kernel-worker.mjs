/**
 * A kernel helper thread (plain JavaScript so it loads without a TypeScript transform). It gets the
 * compiled kernels module, the shared wasm memory, the control block and its gemm scratch from
 * ../wasm-pool.ts, instantiates the module over the same memory, and then sleeps in
 * Atomics.wait until the calling thread publishes a job; it claims chunks with a compare-and-swap
 * on one control word, exactly like the calling thread does, so a chunk is done once, by whoever
 * gets to it first. The protocol is documented in ../wasm-pool.ts and the job parameters in
 * ../wasm-gemm.ts and ../wasm-sparse-gram.ts; keep them in step.
 */
import { workerData } from 'node:worker_threads';

const { module, memory, ctl: sab, scratch } = workerData;
const ctl = new Int32Array(sab);
const ex = new WebAssembly.Instance(module, { env: { memory } }).exports;

// control block slots (see wasm-pool.ts)
const SEQ = 0, CLAIM = 1, DONE = 2, QUIT = 3, ERROR = 4, KIND = 5;
const P = 8;
const GEMM = 0, SPARSE_GRAM = 1;
/** How long a woken helper waits for an announced job's CLAIM word before going back to sleep. */
const ANNOUNCE_MS = 5;

/** wasm-gemm.ts: ta tb M N K A lda B ldb C ldc splitCols chunk overwrite f32 */
function gemmChunk(c) {
  const ta = ctl[P], tb = ctl[P + 1], M = ctl[P + 2], N = ctl[P + 3], K = ctl[P + 4];
  const A = ctl[P + 5], lda = ctl[P + 6], B = ctl[P + 7], ldb = ctl[P + 8], C = ctl[P + 9], ldc = ctl[P + 10];
  const splitCols = ctl[P + 11], chunk = ctl[P + 12], over = ctl[P + 13], f32 = ctl[P + 14];
  const kernel = f32 ? ex.gemm32 : ex.gemm;
  const es = f32 ? 4 : 8;
  const s0 = c * chunk;
  if (splitCols) {
    const n = Math.min(chunk, N - s0);
    kernel(ta, tb, M, n, K, A, lda, tb ? B + s0 * ldb * es : B + s0 * es, ldb, C + s0 * es, ldc, scratch.packA, scratch.packB, scratch.tmp, over);
  } else {
    const m = Math.min(chunk, M - s0);
    kernel(ta, tb, m, N, K, ta ? A + s0 * es : A + s0 * lda * es, lda, B, ldb, C + s0 * ldc * es, ldc, scratch.packA, scratch.packB, scratch.tmp, over);
  }
}

/** wasm-sparse-gram.ts: X pointStride featureStride n m parts regions regionBytes; chunk c = part c */
function sparseGramChunk(c) {
  const X = ctl[P], ps = ctl[P + 1], fs = ctl[P + 2], n = ctl[P + 3], m = ctl[P + 4];
  const parts = ctl[P + 5], regions = ctl[P + 6], regionBytes = ctl[P + 7];
  const G = regions + c * regionBytes;
  ex.sparseGram(X + c * ps, ps * parts, fs, 0, Math.ceil((n - c) / parts), m, G, G + m * m * 8, G + m * m * 8 + m * 8);
}

let seen = 0;
for (;;) {
  Atomics.wait(ctl, SEQ, seen);
  if (Atomics.load(ctl, QUIT) !== 0) break;
  const seq = Atomics.load(ctl, SEQ);
  if (seq === seen) continue;
  seen = seq;
  const tag = seq & 0x3ff;
  // an announced job publishes its CLAIM word once its operands are copied in: wait for it (bounded)
  const t0 = performance.now();
  while (Atomics.load(ctl, CLAIM) >>> 22 !== tag && performance.now() - t0 < ANNOUNCE_MS);
  for (;;) {
    const w = Atomics.load(ctl, CLAIM);
    const n = (w >>> 11) & 0x7ff;
    const next = w & 0x7ff;
    if (w >>> 22 !== tag || next >= n) break;
    if (Atomics.compareExchange(ctl, CLAIM, w, w + 1) !== w) continue;
    try {
      if (ctl[KIND] === GEMM) gemmChunk(next);
      else if (ctl[KIND] === SPARSE_GRAM) sparseGramChunk(next);
      else throw new Error(`unknown job kind ${ctl[KIND]}`);
    } catch {
      Atomics.store(ctl, ERROR, 1);
    }
    if (Atomics.add(ctl, DONE, 1) + 1 === n) Atomics.notify(ctl, DONE);
  }
}
