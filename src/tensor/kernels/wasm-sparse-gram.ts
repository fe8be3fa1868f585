/**
 * Sparse Gram accumulation in WebAssembly (./wasm/build.mjs, `sparseGram`), split across the
 * helper threads of ./wasm-pool.ts. The data is copied into the shared memory once; each of the
 * GRAM_PARTS strided parts of the points is one chunk with its own m × m region,
 * and the regions are summed in part order at the end — so whoever runs a part, and however many
 * threads there are, the result is bit-identical to the TypeScript reference.
 *
 * Region r (64-byte aligned, `regionBytes` apart from `regions` on): G_r (m² f64), then the
 * non-zero scratch of one point: idx (m i32, m·8 bytes reserved) and val (m f64).
 */
import { kernelOptions } from './config.js';
import { JobKind, poolParticipants, poolRuntime, runJob } from './wasm-pool.js';
import { copyFromWasm, copyToWasm, type WasmRuntime } from './wasm-runtime.js';

/**
 * The points are accumulated in this many strided parts (part r: points r, r + GRAM_PARTS, …),
 * each into its own G_r, and G = ((G_0 + G_1) + G_2) + G_3: a fixed order that does not depend on
 * the number of threads, so every path (TypeScript, wasm on 1 or more threads) gives the same bits.
 */
export const GRAM_PARTS = 4;

/** Below this many data entries one thread does it all (waking a helper costs ~0.1 ms). */
const THREAD_MIN_ENTRIES = 1 << 16;

/** A job as published to the helpers (./wasm/kernel-worker.mjs reads the same order). */
type SparseGramJob = readonly [X: number, pointStride: number, featureStride: number, n: number, m: number, parts: number, regions: number, regionBytes: number];

function align64(n: number): number {
  return Math.ceil(n / 64) * 64;
}

/** Part c (points c, c + parts, …) into region c. */
function runPart(rt: WasmRuntime, q: SparseGramJob, c: number): void {
  const [X, ps, fs, n, m, parts, regions, regionBytes] = q;
  const G = regions + c * regionBytes;
  rt.exports.sparseGram(X + c * ps, ps * parts, fs, 0, Math.ceil((n - c) / parts), m, G, G + m * m * 8, G + m * m * 8 + m * 8);
}

/**
 * Upper triangle (with diagonal) of Σ_p x_p x_pᵀ as a new row-major m × m array, bit-identical
 * to `sparseGramUpperJs`; null (the caller runs the reference) when wasm is unavailable, the data
 * does not fit, or a helper failed. `threads` caps the participants.
 */
export function sparseGramWasm(
  data: Float64Array, n: number, m: number, layout: 'rows' | 'columns', threads = kernelOptions().threads,
): Float64Array | null {
  const rt = poolRuntime();
  if (rt === null) return null;
  const X = rt.operandBase;
  const regions = align64(X + n * m * 8);
  const regionBytes = align64(m * m * 8 + 16 * m);
  if (!rt.reserve(regions + GRAM_PARTS * regionBytes)) return null;
  const mem = rt.f64();
  copyToWasm(mem, X / 8, data, n * m);
  for (let r = 0; r < GRAM_PARTS; r++) mem.fill(0, (regions + r * regionBytes) / 8, (regions + r * regionBytes) / 8 + m * m);
  const q: SparseGramJob = [X, layout === 'rows' ? m * 8 : 8, layout === 'rows' ? 8 : n * 8, n, m, GRAM_PARTS, regions, regionBytes];
  const participants = n * m >= THREAD_MIN_ENTRIES ? poolParticipants(rt, threads) : 1;
  if (participants === 1) for (let c = 0; c < GRAM_PARTS; c++) runPart(rt, q, c);
  else if (!runJob(rt, JobKind.sparseGram, q, GRAM_PARTS, (c) => runPart(rt, q, c))) return null;
  for (let r = 1; r < GRAM_PARTS; r++) rt.exports.vadd(regions, regions + r * regionBytes, regions, m * m);
  const G = new Float64Array(m * m);
  copyFromWasm(rt.f64(), regions / 8, G, m * m);
  return G;
}
